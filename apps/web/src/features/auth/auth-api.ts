import { accountEndpoints, type SessionInfo } from '@hatang/contracts';
import { ApiRequestError, setCsrfToken } from '../../lib/api-client';
import { callEndpoint } from '../../lib/endpoint-client';

/** Remembers the session's CSRF token for every later write, and hands the session on. */
function remember(session: SessionInfo): SessionInfo {
  setCsrfToken(session.csrfToken);
  return session;
}

/** The current session (cookie), or null when signed out. */
export async function fetchSession(signal?: AbortSignal): Promise<SessionInfo | null> {
  try {
    return remember(await callEndpoint(accountEndpoints.me, {}, { signal }));
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
  return remember(await callEndpoint(accountEndpoints.login, { body: { email, password } }));
}

export async function logout(): Promise<void> {
  try {
    await callEndpoint(accountEndpoints.logout, {});
  } finally {
    setCsrfToken(null);
  }
}
