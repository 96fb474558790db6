/** Messages, attachments and the rent suggestion of one request (the two parties, planners, admins). */
import { costBasedRent } from '@hatang/analysis';
import { colocationEndpoints as endpoints } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import type { Context } from 'hono';
import { attachmentRoutes } from '../../attachments/index.js';
import { auditCreated } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { defineRoute, reply } from '../../http/define-route.js';
import { userOf } from '../../http/request-input.js';
import { EDITORS, READERS } from './colocation-rules.js';
import { insertMessage, listMessages } from './message-repository.js';
import { notifyOrganisation } from './notification-repository.js';
import { rentDefaults } from './rent-repository.js';
import { assertMayRead, assertParticipant } from './request-access.js';
import { findRequest, type StoredRequest } from './request-repository.js';

const resource = 'colocation-requests';
const readable = async (c: Context<AppEnv>, sql: Sql, id: string, lock = false) =>
  assertMayRead(c.get('principal'), await findRequest(sql, id, lock));

/** Notifies the party that did not write. */
function notifyOther(tx: Sql, c: Context<AppEnv>, request: StoredRequest) {
  const orgId = c.get('principal')?.orgId;
  const other = orgId === request.ownerOrgId ? request.requesterOrgId : request.ownerOrgId;
  return notifyOrganisation(tx, other, 'colocation_update', request);
}

export const requestDetailRoutes = [
  defineRoute(endpoints.listMessages, { resource, action: 'read', rule: READERS }, async (c, { params }) => {
    const db = c.var.services.db;
    const request = await readable(c, db, params.id);
    return reply(c, endpoints.listMessages, 200, { items: await listMessages(db, request.id) });
  }),
  /** A message from either party; the other party is notified. */
  defineRoute(
    endpoints.postMessage,
    { resource, action: 'create', rule: EDITORS },
    async (c, { params, body }) => {
      const message = await c.var.services.db.transaction(async (tx) => {
        const request = await readable(c, tx, params.id, true);
        assertParticipant(c.get('principal'), request);
        const author = { userId: userOf(c), orgId: c.get('principal')?.orgId ?? null };
        const created = await insertMessage(tx, request.id, author, body.text);
        await notifyOther(tx, c, request);
        await auditCreated(tx, c, 'colocation-messages', created);
        return created;
      });
      return reply(c, endpoints.postMessage, 201, message);
    },
  ),
  /** PDF, JPEG or PNG ≤ 10 MiB (by its first bytes): 413/415 and nothing saved otherwise. */
  ...attachmentRoutes({
    endpoints: endpoints.attachments,
    kind: 'colocation_request',
    resource,
    readers: READERS,
    attachers: EDITORS,
    attachAction: 'create',
    readable: (c, sql, id, lock) => readable(c, sql, id, lock),
    assertMayAttach: (c, request) => assertParticipant(c.get('principal'), request),
    audit: { resource: 'colocation-attachments', recordKey: 'requestId' },
  }),
  /** The cost-based rent (JC 210/2013) with defaults from the asset; every input overridable. */
  defineRoute(
    endpoints.rentSuggestion,
    { resource, action: 'read', rule: READERS },
    async (c, { params, query }) => {
      const db = c.var.services.db;
      const request = await readable(c, db, params.id);
      const defaults = await rentDefaults(db, request);
      const investmentVnd = query.investmentVnd ?? defaults.investmentVnd;
      const inputs = {
        investmentVnd,
        lifeYears: query.lifeYears ?? defaults.lifeYears,
        omPerYearVnd: query.omPerYearVnd ?? Math.round((investmentVnd * defaults.omPct) / 100),
        tenants: query.tenants ?? defaults.tenants,
        shares: query.shares ?? defaults.shares,
        profitMarginPct: query.profitMarginPct ?? defaults.profitMarginPct,
      };
      return reply(c, endpoints.rentSuggestion, 200, {
        assetKind: request.assetKind,
        ...costBasedRent(inputs),
        defaulted: Object.keys(inputs).filter((k) => query[k as keyof typeof query] === undefined),
      });
    },
  ),
];
