import type { ApiKeyRecord, CreatedApiKey, Role, SessionInfo, UserRecord } from '@hatang/contracts';
import { contextEndpoints } from '@hatang/contracts';
import { ApiRequestError, getJson, isRecord, sendJson } from '../../lib/api-client';
import { callEndpoint } from '../../lib/endpoint-client';
import type { Organisation } from '../../lib/types';

/**
 * Sends a same-origin request with the session cookie and, for writes, the admin page's CSRF token;
 * returns the parsed JSON body, or null for 204. Throws ApiRequestError (lib/api-client).
 */
function request(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  csrfToken?: string,
  body?: unknown,
) {
  return method === 'GET' ? getJson(path) : sendJson(method, path, body, { csrfToken });
}

/** Lists come as `{ items: [...] }`; a bare array is accepted too. */
function itemsOf<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  if (isRecord(body) && Array.isArray(body.items)) return body.items as T[];
  throw new ApiRequestError(200, 'BAD_RESPONSE', 'the server did not answer a list', '');
}

/** The signed-in user and their CSRF token; throws an ApiRequestError with status 401 when signed out. */
export const fetchSession = async (): Promise<SessionInfo> =>
  (await request('GET', '/api/v1/auth/me')) as SessionInfo;

export const fetchUsers = async (): Promise<UserRecord[]> =>
  itemsOf<UserRecord>(await request('GET', '/api/v1/users'));

export const fetchOrganisationList = async (): Promise<Organisation[]> =>
  (await callEndpoint(contextEndpoints.listOrganisations, {})).items;

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
