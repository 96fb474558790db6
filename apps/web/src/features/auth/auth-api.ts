import { accountEndpoints, type SessionInfo, sessionInfo } from '@hatang/contracts';
import { ApiRequestError, setCsrfToken } from '../../lib/api-client';
import { callEndpoint } from '../../lib/endpoint-client';
import { clearSnapshots, keptSession, saveSession } from '../offline/offline-snapshots';

/** Remembers the session's CSRF token for every later write, and hands the session on. */
function remember(session: SessionInfo): SessionInfo {
  setCsrfToken(session.csrfToken);
  return session;
}

/**
 * The current session (cookie), or null when signed out. Offline (no answer at all), the session
 * kept from the last online start, so an inspector in the field still works as themselves; the
 * server checks the cookie again when the queue is sent.
 */
export async function fetchSession(signal?: AbortSignal): Promise<SessionInfo | null> {
  try {
    const session = remember(await callEndpoint(accountEndpoints.me, {}, { signal }));
    await saveSession(session.user.id, session);
    return session;
  } catch (error) {
    const kept = sessionInfo.safeParse(await keptSession(error));
    if (kept.success) return remember(kept.data);
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
  const session = remember(await callEndpoint(accountEndpoints.login, { body: { email, password } }));
  await saveSession(session.user.id, session);
  return session;
}

export async function logout(): Promise<void> {
  try {
    await callEndpoint(accountEndpoints.logout, {});
  } finally {
    setCsrfToken(null);
    await clearSnapshots();
  }
}
