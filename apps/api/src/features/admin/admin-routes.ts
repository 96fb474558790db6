/**
 * Administration (admins only): organisations (list with communes and user counts, create, edit)
 * and the audit log (filtered pages, CSV made in the compute pool). Rules: contracts/src/admin.ts.
 */
import { adminEndpoints as endpoints } from '@hatang/contracts';
import { defineRoute, reply } from '../../http/define-route.js';
import { ADMINS } from '../../policy/rules.js';
import { requireAdmin } from '../accounts/authenticate.js';
import { selectAuditEntries } from './audit-log-query.js';
import { listAdminOrganisations } from './organisation-repository.js';
import { createOrganisation, editOrganisation, ORGANISATIONS } from './organisation-service.js';

const AUDIT_LOG = 'audit-log';

export const adminRoutes = [
  defineRoute(
    endpoints.listAdminOrganisations,
    { resource: ORGANISATIONS, action: 'read', rule: ADMINS },
    async (c) => {
      requireAdmin(c);
      const items = await listAdminOrganisations(c.var.services.db);
      return reply(c, endpoints.listAdminOrganisations, 200, { items });
    },
  ),
  defineRoute(
    endpoints.createOrganisation,
    { resource: ORGANISATIONS, action: 'create', rule: ADMINS },
    async (c, { body }) => {
      requireAdmin(c);
      const created = await createOrganisation(c, body);
      c.header('Location', `/api/v1/organisations/${created.id}`);
      return reply(c, endpoints.createOrganisation, 201, created);
    },
  ),
  defineRoute(
    endpoints.updateOrganisation,
    { resource: ORGANISATIONS, action: 'update', rule: ADMINS },
    async (c, { params, body }) => {
      requireAdmin(c);
      return reply(c, endpoints.updateOrganisation, 200, await editOrganisation(c, params.id, body));
    },
  ),
  defineRoute(
    endpoints.listAuditLog,
    { resource: AUDIT_LOG, action: 'read', rule: ADMINS },
    async (c, { query }) => {
      requireAdmin(c);
      const { limit, cursor, ...filters } = query;
      // One more than asked tells whether an older page exists.
      const rows = await selectAuditEntries(c.var.services.db, filters, limit + 1, cursor);
      const items = rows.slice(0, limit);
      const next = rows.length > limit ? (items[items.length - 1]?.id ?? null) : null;
      return reply(c, endpoints.listAuditLog, 200, { items, next });
    },
  ),
  defineRoute(
    endpoints.exportAuditLog,
    { resource: AUDIT_LOG, action: 'read', rule: ADMINS },
    async (c, { query }) => {
      requireAdmin(c);
      const compute = c.var.services.compute;
      if (!compute) throw new Error('the audit log export needs the compute pool (app.ts sets it)');
      // Read and encoded in the compute pool: a 50 000-row file never holds this thread.
      const made = await compute.run({ kind: 'audit-export', filters: query }, c.req.raw.signal);
      for (const [name, value] of Object.entries(made.headers)) c.header(name, value);
      c.header('Content-Type', made.contentType);
      const day = new Date().toISOString().slice(0, 10);
      c.header('Content-Disposition', `attachment; filename="hatang-audit-log-${day}.csv"`);
      return c.body(typeof made.body === 'string' ? made.body : new Uint8Array(made.body));
    },
  ),
];
