import { costBasedRent, RENT_DEFAULTS } from '@hatang/analysis';
import {
  colocationMessageCreate,
  type RentSuggestion,
  rentSuggestionQuery,
  toIssues,
} from '@hatang/contracts';
import type { Database, Sql } from '@hatang/db';
import { type Context, Hono } from 'hono';
import {
  attachmentResponse,
  insertAttachment,
  listAttachments,
  readAttachment,
  readAttachmentUpload,
} from '../attachments/index.js';
import { recordAudit } from '../audit/audit-log.js';
import type { AppEnv } from '../context.js';
import { validationFailed } from '../errors.js';
import { parseBody, userOf } from '../http/request-input.js';
import { insertMessage, listMessages } from './message-store.js';
import { notifyOrganisation } from './notifications.js';
import { assertMayRead, assertParticipant } from './request-access.js';
import { findRequest, type StoredRequest } from './request-store.js';

const subjectOf = (id: string) => ({ kind: 'colocation_request' as const, id });

/** Messages, attachments and the rent suggestion of one request (the two parties, planners, admins). */
export function requestDetailRoutes(db: Database) {
  const app = new Hono<AppEnv>();
  const readable = async (c: Context<AppEnv>, sql: Sql = db, lock = false) =>
    assertMayRead(c.get('principal'), await findRequest(sql, c.req.param('id') ?? '', lock));

  app.get('/colocation-requests/:id/messages', async (c) => {
    const request = await readable(c);
    return c.json({ items: await listMessages(db, request.id) });
  });

  /** A message from either party; the other party is notified. */
  app.post('/colocation-requests/:id/messages', async (c) => {
    const input = await parseBody(c, colocationMessageCreate);
    const message = await db.transaction(async (tx) => {
      const request = await readable(c, tx, true);
      assertParticipant(c.get('principal'), request);
      const created = await insertMessage(
        tx,
        request.id,
        { userId: userOf(c), orgId: c.get('principal')?.orgId ?? null },
        input.text,
      );
      await notifyOther(tx, c, request);
      await recordAudit(tx, c, {
        resource: 'colocation-messages',
        recordId: created.id,
        action: 'create',
        version: 1,
        before: null,
        after: created,
      });
      return created;
    });
    return c.json(message, 201);
  });

  app.get('/colocation-requests/:id/attachments', async (c) => {
    const request = await readable(c);
    return c.json({ items: await listAttachments(db, subjectOf(request.id)) });
  });

  /** PDF, JPEG or PNG ≤ 10 MiB (by its first bytes): 413/415 and nothing saved otherwise. */
  app.post('/colocation-requests/:id/attachments', async (c) => {
    const request = await readable(c);
    assertParticipant(c.get('principal'), request);
    const upload = await readAttachmentUpload(c);
    const info = await db.transaction(async (tx) => {
      const current = await readable(c, tx, true);
      const stored = await insertAttachment(tx, subjectOf(current.id), upload, userOf(c));
      await recordAudit(tx, c, {
        resource: 'colocation-attachments',
        recordId: stored.id,
        action: 'create',
        version: 1,
        before: null,
        after: { ...stored, requestId: current.id },
      });
      return stored;
    });
    c.header('Location', `/api/v1/colocation-requests/${request.id}/attachments/${info.id}`);
    return c.json(info, 201);
  });

  app.get('/colocation-requests/:id/attachments/:attachmentId', async (c) => {
    const request = await readable(c);
    return attachmentResponse(
      c,
      await readAttachment(db, subjectOf(request.id), c.req.param('attachmentId')),
    );
  });

  /** The cost-based rent (JC 210/2013) with defaults from the asset; every input overridable. */
  app.get('/colocation-requests/:id/rent-suggestion', async (c) => {
    const parsed = rentSuggestionQuery.safeParse(c.req.query());
    if (!parsed.success) throw validationFailed(toIssues(parsed.error));
    const request = await readable(c);
    const defaults = await rentDefaults(db, request);
    const given = parsed.data;
    const investmentVnd = given.investmentVnd ?? defaults.investmentVnd;
    const inputs = {
      investmentVnd,
      lifeYears: given.lifeYears ?? defaults.lifeYears,
      omPerYearVnd: given.omPerYearVnd ?? Math.round((investmentVnd * defaults.omPct) / 100),
      tenants: given.tenants ?? defaults.tenants,
      shares: given.shares ?? defaults.shares,
      profitMarginPct: given.profitMarginPct ?? defaults.profitMarginPct,
    };
    const result = costBasedRent(inputs);
    const suggestion: RentSuggestion = {
      assetKind: request.assetKind,
      ...result,
      defaulted: Object.keys(inputs).filter((k) => given[k as keyof typeof given] === undefined),
    };
    return c.json(suggestion);
  });

  return app;
}

/** Notifies the party that did not write. */
function notifyOther(tx: Sql, c: Context<AppEnv>, request: StoredRequest) {
  const orgId = c.get('principal')?.orgId;
  const other = orgId === request.ownerOrgId ? request.requesterOrgId : request.ownerOrgId;
  return notifyOrganisation(tx, other, 'colocation_update', request);
}

/**
 * Defaults for the rent: the kind's assumptions (RENT_DEFAULTS); shares in total are the tenants
 * on the tower once the requester is on it, the pole's attachment positions, or the fewest tubes
 * of any segment; a duct's investment is per metre of the requested length.
 */
async function rentDefaults(sql: Sql, request: StoredRequest) {
  const base = RENT_DEFAULTS[request.assetKind];
  const target = request.target;
  if (target.kind === 'tower') {
    const [row] = await sql.query<{ tenants: number; isTenant: boolean }>(
      `SELECT count(*)::int AS tenants, coalesce(bool_or(operator_org_id = $2), false) AS "isTenant"
       FROM tenancies WHERE tower_id = $1`,
      [target.id, request.requesterOrgId],
    );
    const tenants = (row?.tenants ?? 0) + (row?.isTenant ? 0 : 1);
    return { ...base, tenants: Math.max(1, tenants), shares: 1 };
  }
  if (target.kind === 'pole') {
    const [row] = await sql.query<{ max: number }>('SELECT attachments_max AS max FROM poles WHERE id = $1', [
      target.id,
    ]);
    return { ...base, tenants: Math.max(1, row?.max ?? 1), shares: target.attachmentCount };
  }
  const [row] = await sql.query<{ tubes: number }>(
    `SELECT min(tubes_total)::int AS tubes FROM ducts
     WHERE id = ANY(ARRAY(SELECT jsonb_array_elements_text($1::text::jsonb)::uuid))`,
    [JSON.stringify(target.ids)],
  );
  const lengthM = target.lengthM ?? 1;
  return {
    ...base,
    investmentVnd: Math.round(base.investmentVnd * lengthM),
    tenants: Math.max(1, row?.tubes ?? 1),
    shares: target.tubes,
  };
}
