import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  type AuditQuery,
  fetchAdminOrganisations,
  fetchApiKeys,
  fetchAuditPage,
  fetchSession,
  fetchUsers,
} from './admin-api';

/** Query keys of the admin page; mutations invalidate these. */
export const adminKeys = {
  session: ['admin', 'session'] as const,
  users: ['admin', 'users'] as const,
  apiKeys: ['admin', 'api-keys'] as const,
  organisations: ['admin', 'organisations'] as const,
  audit: ['admin', 'audit-log'] as const,
};

/** The signed-in user and the CSRF token for writes. A 401 is an answer here, not a failure to retry. */
export const useAdminSession = () =>
  useQuery({ queryKey: adminKeys.session, queryFn: fetchSession, retry: false, staleTime: 60_000 });

export const useUsers = (enabled: boolean) =>
  useQuery({ queryKey: adminKeys.users, queryFn: fetchUsers, enabled });

export const useApiKeys = (enabled: boolean) =>
  useQuery({ queryKey: adminKeys.apiKeys, queryFn: fetchApiKeys, enabled });

/** Organisations with their communes and user counts (admins). */
export const useAdminOrganisations = () =>
  useQuery({ queryKey: adminKeys.organisations, queryFn: fetchAdminOrganisations });

/** One page of the audit log: the filters and the page's cursor (undefined: the newest). */
export const useAuditPage = (query: AuditQuery, cursor: string | undefined) =>
  useQuery({
    queryKey: [...adminKeys.audit, query, cursor ?? ''],
    queryFn: () => fetchAuditPage(query, cursor),
    placeholderData: keepPreviousData,
  });
