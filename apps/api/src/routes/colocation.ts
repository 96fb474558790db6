import {
  assetResources,
  type ColocationAction,
  colocationAccept,
  colocationAcceptWithConditions,
  colocationInfoRequest,
  colocationListQuery,
  colocationReject,
  colocationRequestCreate,
  colocationRespond,
  colocationWithdraw,
  DEFAULT_RESPONSE_WORKING_DAYS,
  type ResourceDefinition,
  toIssues,
} from '@hatang/contracts';
import type { Database, Sql } from '@hatang/db';
import { type Context, Hono } from 'hono';
import type { ZodType } from 'zod';
import { recordAudit } from '../audit/audit-log.js';
import { insertMessage } from '../colocation/message-store.js';
import { notificationRoutes } from '../colocation/notification-routes.js';
import { notifyOrganisation } from '../colocation/notifications.js';
import { occupancyRoutes } from '../colocation/occupancy-routes.js';
import { oversightRoutes } from '../colocation/oversight-routes.js';
import { assertMayRead, assertTransition, listScopeOf, staleRequest } from '../colocation/request-access.js';
import { requestDetailRoutes } from '../colocation/request-detail-routes.js';
import {
  dueOnFor,
  findRequest,
  insertRequest,
  listRequests,
  type RequestChange,
  type StoredRequest,
  updateRequest,
  withOverdue,
} from '../colocation/request-store.js';
import { capacityCheckOf, loadTarget, occupy } from '../colocation/target-capacity.js';
import type { AppEnv } from '../context.js';
import { ApiError, notFound, validationFailed } from '../errors.js';
import { onTowerChanged } from '../features/analysis/analysis-thread.js';
import { etag, readIfMatch } from '../http/body.js';
import { parseBody, userOf } from '../http/request-input.js';
import { findFeature, type StoredFeature } from '../sql/feature-store.js';

/** The owner's response period in working days: `HATANG_COLOCATION_RESPONSE_DAYS`, default 15. */
function responseWorkingDays(): number {
  const configured = Number(process.env.HATANG_COLOCATION_RESPONSE_DAYS);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_RESPONSE_WORKING_DAYS;
}

/**
 * `/colocation-requests` and `/notifications`: co-location requests between operators (issue #10).
 * Every transition is one audited transaction with If-Match; the state machine
 * (COLOCATION_TRANSITIONS) is enforced here; acceptance re-checks capacity with the target rows
 * locked and takes the space in the same transaction.
 */
export function colocationRoutes(db: Database) {
  const app = new Hono<AppEnv>();
  const workingDays = responseWorkingDays();
  /** Work to do once a request's transaction committed (coverage after a new tower tenant). */
  const afterCommit = new WeakMap<Context<AppEnv>, () => void>();

  // Static paths before `/colocation-requests/:id`.
  app.route('/', oversightRoutes(db, workingDays));
  app.route('/', notificationRoutes(db));
  app.route('/', occupancyRoutes(db));

  app.get('/colocation-requests', async (c) => {
    const parsed = colocationListQuery.safeParse(c.req.query());
    if (!parsed.success) throw validationFailed(toIssues(parsed.error));
    const scope = listScopeOf(c.get('principal'), parsed.data.box);
    const items = await listRequests(db, scope, parsed.data);
    return c.json({ items: items.map(withOverdue) });
  });

  /** Files a request; one that does not fit is stored with its reasons (capacityCheck.fits = false). */
  app.post('/colocation-requests', async (c) => {
    const input = await parseBody(c, colocationRequestCreate);
    const principal = c.get('principal');
    if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in first');
    const isAdmin = principal.roles.includes('admin');
    if (input.requesterOrgId && input.requesterOrgId !== principal.orgId && !isAdmin)
      throw new ApiError(403, 'FORBIDDEN', 'You may request only for your own organisation');
    const requesterOrgId = input.requesterOrgId ?? principal.orgId;
    const created = await db.transaction(async (tx) => {
      const state = await loadTarget(tx, input.target, requesterOrgId);
      if (state.ownerOrgId === requesterOrgId)
        throw validationFailed([
          { path: ['target'], message: 'this asset belongs to the requesting organisation itself' },
        ]);
      const id = crypto.randomUUID();
      const now = new Date();
      const target =
        input.target.kind === 'duct' && input.target.lengthM === undefined
          ? { ...input.target, lengthM: Math.round((state.pathLengthM ?? 0) * 10) / 10 }
          : input.target;
      await insertRequest(tx, {
        id,
        requesterOrgId,
        ownerOrgId: state.ownerOrgId,
        assetKind: input.target.kind,
        assetIds: state.assetIds,
        assetCodes: state.assetCodes,
        target,
        position: state.position,
        justification: input.justification,
        desiredStartDate: input.desiredStartDate,
        source: input.source,
        capacityCheck: capacityCheckOf(state.verdict),
        submittedAt: now,
        dueOn: dueOnFor(now, workingDays),
        createdBy: userOf(c),
      });
      const after = await findRequest(tx, id);
      if (!after) throw new Error('co-location request vanished after insert');
      await notifyOrganisation(tx, after.ownerOrgId, 'colocation_new', after);
      await audit(tx, c, null, after);
      return after;
    });
    c.header('Location', `/api/v1/colocation-requests/${created.id}`);
    c.header('ETag', etag(created.version));
    return c.json(withOverdue(created), 201);
  });

  app.get('/colocation-requests/:id', async (c) => {
    const found = assertMayRead(c.get('principal'), await findRequest(db, c.req.param('id')));
    c.header('ETag', etag(found.version));
    return c.json(withOverdue(found));
  });

  app.route('/', requestDetailRoutes(db));

  /** A transition route: parse the body, then one locked, checked, audited step. */
  function step<T>(
    action: ColocationAction,
    schema: ZodType<T>,
    change: (tx: Sql, current: StoredRequest, input: T, c: Context<AppEnv>) => Promise<RequestChange>,
  ) {
    app.post(`/colocation-requests/:id/${action}`, async (c) => {
      const expected = readIfMatch(c);
      const input = await parseBody(c, schema);
      const result = await db.transaction(async (tx) => {
        const current = assertMayRead(c.get('principal'), await findRequest(tx, c.req.param('id'), true));
        assertTransition(c.get('principal'), current, action);
        if (current.version !== expected) throw staleRequest(withOverdue(current), current.version, expected);
        await updateRequest(tx, current.id, await change(tx, current, input, c));
        const after = await findRequest(tx, current.id);
        if (!after) throw notFound('Co-location request');
        const party = action === 'withdraw' || action === 'respond' ? after.ownerOrgId : after.requesterOrgId;
        const kind = ['accept', 'accept-with-conditions', 'reject'].includes(action)
          ? 'colocation_answer'
          : 'colocation_update';
        await notifyOrganisation(tx, party, kind, after);
        await audit(tx, c, current, after);
        return after;
      });
      afterCommit.get(c)?.();
      c.header('ETag', etag(result.version));
      return c.json(withOverdue(result));
    });
  }

  const answer = (c: Context<AppEnv>, fields: Partial<NonNullable<RequestChange['answer']>>) => ({
    by: userOf(c),
    note: null,
    conditions: [],
    rejectReason: null,
    rentVndPerYear: null,
    ...fields,
  });

  /**
   * Acceptance: capacity again with the target rows locked, then the tenancy/occupancy, in this
   * transaction. The assets' versions move on (a stale asset edit cannot undo the occupancy) and
   * their history records the change; coverage follows a tower's new tenant after the commit.
   */
  async function accept(tx: Sql, current: StoredRequest, c: Context<AppEnv>) {
    const state = await loadTarget(tx, current.target, current.requesterOrgId, true);
    if (!state.verdict.fits)
      throw new ApiError(
        409,
        'CONFLICT',
        `No room left for this request: ${state.verdict.reasons.map((r) => r.message.en).join('; ')}`,
        state.verdict.reasons.map((r) => ({ path: ['target', r.assetId], message: r.message.en })),
      );
    const definition = assetDefinition(current.assetKind);
    const before = await features(tx, definition, state.assetIds);
    const taken = await occupy(tx, current);
    await tx.query(
      `UPDATE ${definition.table} SET version = version + 1, updated_at = now()
       WHERE id = ANY(ARRAY(SELECT jsonb_array_elements_text($1::text::jsonb)::uuid))`,
      [JSON.stringify(state.assetIds)],
    );
    const after = await features(tx, definition, state.assetIds);
    for (const [i, feature] of after.entries())
      await recordAudit(tx, c, {
        resource: definition.path,
        recordId: feature.id,
        action: 'update',
        version: feature.properties.version as number,
        before: before[i],
        after: feature,
      });
    if (current.assetKind === 'tower') afterCommit.set(c, () => onTowerChanged(db, before[0], after[0]));
    return { tenancyId: taken.tenancyId, capacityCheck: capacityCheckOf(state.verdict) };
  }

  step('request-info', colocationInfoRequest, async (tx, current, input, c) => {
    await insertMessage(tx, current.id, authorOf(c), input.text);
    return { status: 'info_requested', infoRequest: input.text };
  });
  step('respond', colocationRespond, async (tx, current, input, c) => {
    await insertMessage(tx, current.id, authorOf(c), input.text);
    const now = new Date();
    return { status: 'submitted', resubmit: { at: now, dueOn: dueOnFor(now, workingDays) } };
  });
  step('accept', colocationAccept, async (tx, current, input, c) => ({
    status: 'accepted',
    ...(await accept(tx, current, c)),
    answer: answer(c, { note: input.note ?? null, rentVndPerYear: input.rentVndPerYear ?? null }),
  }));
  step('accept-with-conditions', colocationAcceptWithConditions, async (tx, current, input, c) => ({
    status: 'accepted_with_conditions',
    ...(await accept(tx, current, c)),
    answer: answer(c, {
      note: input.note ?? null,
      conditions: input.conditions,
      rentVndPerYear: input.rentVndPerYear ?? null,
    }),
  }));
  step('reject', colocationReject, async (_tx, _current, input, c) => ({
    status: 'rejected',
    answer: answer(c, { note: input.text, rejectReason: input.reasonCode }),
  }));
  step('withdraw', colocationWithdraw, async (tx, current, input, c) => {
    if (input.text) await insertMessage(tx, current.id, authorOf(c), input.text);
    return { status: 'withdrawn' };
  });

  return app;
}

/** The feature resource of a target kind (towers, poles, ducts). */
function assetDefinition(kind: 'tower' | 'pole' | 'duct'): ResourceDefinition {
  const definition = assetResources.find((r) => r.path === `${kind}s`);
  if (!definition) throw new Error(`no asset resource ${kind}s`);
  return definition;
}

/** The assets as their feature routes show them, in the order of `ids`. */
async function features(tx: Sql, definition: ResourceDefinition, ids: string[]): Promise<StoredFeature[]> {
  const found: StoredFeature[] = [];
  for (const id of ids) {
    const feature = await findFeature(tx, definition, id);
    if (!feature) throw notFound(definition.labels.en);
    found.push(feature);
  }
  return found;
}

const authorOf = (c: Context<AppEnv>) => ({ userId: userOf(c), orgId: c.get('principal')?.orgId ?? null });

function audit(tx: Sql, c: Context<AppEnv>, before: StoredRequest | null, after: StoredRequest) {
  return recordAudit(tx, c, {
    resource: 'colocation-requests',
    recordId: after.id,
    action: before ? 'update' : 'create',
    version: after.version,
    before,
    after,
  });
}
