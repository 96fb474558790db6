import type { SessionInfo } from '@hatang/contracts';
import { ApiRequestError, isRecord, sendJson, setCsrfToken } from './api-client';

function expectSession(body: unknown, url: string): SessionInfo {
  if (!isRecord(body) || !isRecord(body.user) || typeof body.csrfToken !== 'string') {
    throw new ApiRequestError(200, 'BAD_RESPONSE', 'the server did not answer a session', url);
  }
  const session = body as unknown as SessionInfo;
  setCsrfToken(session.csrfToken);
  return session;
}

/** The current session (cookie), or null when signed out. */
export async function fetchSession(signal?: AbortSignal): Promise<SessionInfo | null> {
  const url = '/api/v1/auth/me';
  try {
    return expectSession(await sendJson('GET', url, undefined, { signal }), url);
  } catch (error) {
    // 401: not signed in. 404: a server without accounts: the map stays read-only.
    if (error instanceof ApiRequestError && (error.status === 401 || error.status === 404)) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** Signs in; the server sets the HttpOnly session cookie and answers the session with its CSRF token. */
export async function login(email: string, password: string): Promise<SessionInfo> {
  const url = '/api/v1/auth/login';
  return expectSession(await sendJson('POST', url, { email, password }), url);
}

export async function logout(): Promise<void> {
  try {
    await sendJson('POST', '/api/v1/auth/logout');
  } finally {
    setCsrfToken(null);
  }
}
