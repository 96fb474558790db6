import type { ApiKeyRecord, CreatedApiKey, Issue, Role, SessionInfo, UserRecord } from '@hatang/contracts';
import type { Organisation } from '../../lib/types';

/** A failed admin API call: HTTP status, the API's error code and message, and per-field details. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Issue[] = [],
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function toIssues(value: unknown): Issue[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): Issue[] => {
    if (!isRecord(item) || typeof item.message !== 'string') return [];
    const path = Array.isArray(item.path)
      ? item.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number')
      : typeof item.path === 'string'
        ? item.path.split('.').filter(Boolean)
        : [];
    return [{ path, message: item.message }];
  });
}

async function errorFrom(response: Response): Promise<AdminApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: the status line is all there is.
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const message =
    typeof error?.message === 'string' ? error.message : `${response.status} ${response.statusText}`.trim();
  const code = typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`;
  return new AdminApiError(response.status, code, message, toIssues(error?.details));
}

/**
 * Sends a same-origin request with the session cookie. Writes carry the session's CSRF token
 * (`X-CSRF-Token`), which the API demands on every cookie-authenticated non-GET request.
 * Returns the parsed JSON body, or null for 204.
 */
async function request(method: string, path: string, csrfToken?: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new AdminApiError(0, 'NETWORK', `cannot reach the server (${String(cause)})`);
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : null;
}

/** Lists come as `{ items: [...] }`; a bare array is accepted too. */
function itemsOf<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  if (isRecord(body) && Array.isArray(body.items)) return body.items as T[];
  throw new AdminApiError(200, 'BAD_RESPONSE', 'the server did not answer a list');
}

/** The signed-in user and their CSRF token; throws an AdminApiError with status 401 when signed out. */
export const fetchSession = async (): Promise<SessionInfo> =>
  (await request('GET', '/api/v1/auth/me')) as SessionInfo;

export const fetchUsers = async (): Promise<UserRecord[]> =>
  itemsOf<UserRecord>(await request('GET', '/api/v1/users'));

export const fetchOrganisationList = async (): Promise<Organisation[]> =>
  itemsOf<Organisation>(await request('GET', '/api/v1/organisations'));

export const fetchApiKeys = async (): Promise<ApiKeyRecord[]> =>
  itemsOf<ApiKeyRecord>(await request('GET', '/api/v1/api-keys'));

export interface NewUser {
  email: string;
  displayName: string;
  orgId: string;
  roles: Role[];
  password: string;
}

export const createUser = async (csrf: string, user: NewUser): Promise<UserRecord> =>
  (await request('POST', '/api/v1/users', csrf, user)) as UserRecord;

export interface UserChange {
  displayName?: string;
  roles?: Role[];
  isDisabled?: boolean;
}

export const updateUser = async (csrf: string, id: string, change: UserChange): Promise<UserRecord> =>
  (await request('PATCH', `/api/v1/users/${encodeURIComponent(id)}`, csrf, change)) as UserRecord;

/** Sets a new password; the API also ends all of the user's sessions. */
export const resetPassword = async (csrf: string, id: string, password: string): Promise<void> => {
  await request('POST', `/api/v1/users/${encodeURIComponent(id)}/password`, csrf, { password });
};

export const revokeSessions = async (csrf: string, id: string): Promise<void> => {
  await request('POST', `/api/v1/users/${encodeURIComponent(id)}/revoke-sessions`, csrf);
};

export interface NewApiKey {
  name: string;
  userId?: string;
  scopes: ('read' | 'write')[];
  expiresAt?: string;
}

/** Issues a key; the returned `key` is the only time the secret is available. */
export const createApiKey = async (csrf: string, key: NewApiKey): Promise<CreatedApiKey> =>
  (await request('POST', '/api/v1/api-keys', csrf, key)) as CreatedApiKey;

export const revokeApiKey = async (csrf: string, id: string): Promise<void> => {
  await request('DELETE', `/api/v1/api-keys/${encodeURIComponent(id)}`, csrf);
};
