import {
  type AdminOrganisation,
  type ApiKeyRecord,
  type AuditListQuery,
  type AuditPage,
  accountEndpoints,
  adminEndpoints,
  type CreatedApiKey,
  contextEndpoints,
  type EndpointInput,
  type SessionInfo,
  type UserRecord,
} from '@hatang/contracts';
import { callEndpoint } from '../../lib/endpoint-client';
import type { Organisation } from '../../lib/types';

// Writes send the admin page's own CSRF token (the page holds its session: admin-queries.ts).

/** The signed-in user and their CSRF token; throws an ApiRequestError with status 401 when signed out. */
export const fetchSession = (): Promise<SessionInfo> => callEndpoint(accountEndpoints.me, {});

export const fetchUsers = async (): Promise<UserRecord[]> =>
  (await callEndpoint(accountEndpoints.listUsers, {})).items;

export const fetchOrganisationList = async (): Promise<Organisation[]> =>
  (await callEndpoint(contextEndpoints.listOrganisations, {})).items;

export const fetchApiKeys = async (): Promise<ApiKeyRecord[]> =>
  (await callEndpoint(accountEndpoints.listApiKeys, {})).items;

export type NewUser = EndpointInput<typeof accountEndpoints.createUser>['body'];

export const createUser = (csrfToken: string, user: NewUser): Promise<UserRecord> =>
  callEndpoint(accountEndpoints.createUser, { body: user }, { csrfToken });

export type UserChange = EndpointInput<typeof accountEndpoints.updateUser>['body'];

export const updateUser = (csrfToken: string, id: string, change: UserChange): Promise<UserRecord> =>
  callEndpoint(accountEndpoints.updateUser, { params: { id }, body: change }, { csrfToken });

/** Sets a new password; the API also ends all of the user's sessions. */
export const resetPassword = async (csrfToken: string, id: string, password: string): Promise<void> => {
  await callEndpoint(accountEndpoints.resetPassword, { params: { id }, body: { password } }, { csrfToken });
};

export const revokeSessions = async (csrfToken: string, id: string): Promise<void> => {
  await callEndpoint(accountEndpoints.revokeUserSessions, { params: { id } }, { csrfToken });
};

export type NewApiKey = EndpointInput<typeof accountEndpoints.createApiKey>['body'];

/** Issues a key; the returned `key` is the only time the secret is available. */
export const createApiKey = (csrfToken: string, key: NewApiKey): Promise<CreatedApiKey> =>
  callEndpoint(accountEndpoints.createApiKey, { body: key }, { csrfToken });

export const revokeApiKey = async (csrfToken: string, id: string): Promise<void> => {
  await callEndpoint(accountEndpoints.revokeApiKey, { params: { id } }, { csrfToken });
};

export const fetchAdminOrganisations = async (): Promise<AdminOrganisation[]> =>
  (await callEndpoint(adminEndpoints.listAdminOrganisations, {})).items;

export type NewOrganisation = EndpointInput<typeof adminEndpoints.createOrganisation>['body'];

export const createOrganisation = (csrfToken: string, org: NewOrganisation): Promise<AdminOrganisation> =>
  callEndpoint(adminEndpoints.createOrganisation, { body: org }, { csrfToken });

export type OrganisationChange = EndpointInput<typeof adminEndpoints.updateOrganisation>['body'];

export const updateOrganisation = (
  csrfToken: string,
  id: string,
  change: OrganisationChange,
): Promise<AdminOrganisation> =>
  callEndpoint(adminEndpoints.updateOrganisation, { params: { id }, body: change }, { csrfToken });

/** The audit log's filters as the page sends them (empty ones left out). */
export type AuditQuery = Omit<AuditListQuery, 'limit' | 'cursor'>;

export const fetchAuditPage = (query: AuditQuery, cursor: string | undefined): Promise<AuditPage> =>
  callEndpoint(adminEndpoints.listAuditLog, { query: { ...query, limit: AUDIT_PAGE_SIZE, cursor } });

/** Entries per page of the audit log tab. */
export const AUDIT_PAGE_SIZE = 50;

/** The CSV download's address for the same filters (a plain link: the session cookie signs it). */
export function auditCsvHref(query: AuditQuery): string {
  const params = new URLSearchParams(
    Object.entries(query).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '',
    ),
  );
  const search = params.toString();
  return `${adminEndpoints.exportAuditLog.path}${search ? `?${search}` : ''}`;
}
