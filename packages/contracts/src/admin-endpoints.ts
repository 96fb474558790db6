/** Administration's endpoints (admins only): organisations and the audit log. */
import { z } from 'zod';
import {
  adminOrganisation,
  adminOrganisationList,
  auditFilters,
  auditListQuery,
  auditPage,
  createOrganisationRequest,
  updateOrganisationRequest,
} from './admin.js';
import { endpoint } from './endpoint.js';

const notFound = { description: 'Not found' };
const id = z.object({ id: z.guid() });

export const adminEndpoints = {
  listAdminOrganisations: endpoint({
    method: 'GET',
    path: '/api/v1/admin/organisations',
    tag: 'organisations',
    summary: 'Every organisation by code, with its commune and its number of users (admins)',
    responses: { 200: { description: 'The organisations', schema: adminOrganisationList } },
  }),
  createOrganisation: endpoint({
    method: 'POST',
    path: '/api/v1/organisations',
    tag: 'organisations',
    summary:
      'Create an organisation (a commune office names its commune; other kinds have none); Location: the new one',
    body: createOrganisationRequest,
    responses: {
      201: { description: 'Created', schema: adminOrganisation },
      409: { description: 'The code is in use' },
    },
  }),
  updateOrganisation: endpoint({
    method: 'PATCH',
    path: '/api/v1/organisations/:id',
    tag: 'organisations',
    summary: 'Change an organisation’s name, kind, commune or plan agency (its code is fixed)',
    params: id,
    body: updateOrganisationRequest,
    responses: {
      200: { description: 'The organisation', schema: adminOrganisation },
      404: notFound,
      409: { description: 'A commune office with inspectors cannot become another kind' },
    },
  }),
  listAuditLog: endpoint({
    method: 'GET',
    path: '/api/v1/audit-log',
    tag: 'audit-log',
    summary:
      'The audit log, newest first, filtered by actor, action, resource, record and Vietnam-time days; secrets redacted',
    query: auditListQuery,
    responses: { 200: { description: 'A page of entries', schema: auditPage } },
  }),
  exportAuditLog: endpoint({
    method: 'GET',
    path: '/api/v1/audit-log/export.csv',
    tag: 'audit-log',
    summary:
      'The filtered audit log as CSV (UTF-8 with BOM), newest first, at most 50 000 rows (X-Row-Count, X-Truncated)',
    query: auditFilters,
    responses: { 200: { description: 'The CSV file', contentType: 'text/csv' } },
  }),
} as const;
