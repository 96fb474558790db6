/**
 * Filing a co-location request and its transitions: each one audited transaction. The state
 * machine (COLOCATION_TRANSITIONS) is enforced here; acceptance re-checks capacity with the target
 * rows locked and takes the space in the same transaction.
 */
import {
  assetResources,
  type ColocationAction,
  type colocationAccept,
  type colocationAcceptWithConditions,
  type colocationInfoRequest,
  type colocationReject,
  type colocationRequestCreate,
  type colocationRespond,
  type colocationWithdraw,
  type ResourceDefinition,
} from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import type { Context } from 'hono';
import type { z } from 'zod';
import { recordAudit } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { ApiError, notFound, validationFailed } from '../../errors.js';
import { userOf } from '../../http/request-input.js';
import { onTowerChanged } from '../analysis/analysis-thread.js';
import { findFeature, type StoredFeature } from '../assets/sql/feature-store.js';
import { insertMessage } from './message-repository.js';
import { notifyOrganisation } from './notification-repository.js';
import { assertMayRead, assertTransition, staleRequest } from './request-access.js';
import {
  bumpAssetVersions,
  dueOnFor,
  findRequest,
  insertRequest,
  type RequestChange,
  type StoredRequest,
  updateRequest,
  withOverdue,
} from './request-repository.js';
import { capacityCheckOf, loadTarget, occupy } from './target-repository.js';

/** Files a request; one that does not fit is stored with its reasons (capacityCheck.fits = false). */
export async function fileRequest(
  c: Context<AppEnv>,
  input: z.output<typeof colocationRequestCreate>,
): Promise<StoredRequest> {
  const principal = c.get('principal');
  if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in first');
  const isAdmin = principal.roles.includes('admin');
  if (input.requesterOrgId && input.requesterOrgId !== principal.orgId && !isAdmin)
    throw new ApiError(403, 'FORBIDDEN', 'You may request only for your own organisation');
  const requesterOrgId = input.requesterOrgId ?? principal.orgId;
  const { db, colocationResponseWorkingDays } = c.var.services;
  return db.transaction(async (tx) => {
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
      dueOn: dueOnFor(now, colocationResponseWorkingDays),
      createdBy: userOf(c),
    });
    const after = await findRequest(tx, id);
    if (!after) throw new Error('co-location request vanished after insert');
    await notifyOrganisation(tx, after.ownerOrgId, 'colocation_new', after);
    await audit(tx, c, null, after);
    return after;
  });
}

/** What a step changes, given the request locked in its transaction. */
type Change = (
  tx: Sql,
  current: StoredRequest,
) => Promise<{ change: RequestChange; afterCommit?: () => void }>;

/** One locked, checked, audited step under If-Match (`expected`: the version the caller saw). */
async function takeStep(
  c: Context<AppEnv>,
  id: string,
  expected: number,
  action: ColocationAction,
  change: Change,
): Promise<StoredRequest> {
  const { result, afterCommit } = await c.var.services.db.transaction(async (tx) => {
    const current = assertMayRead(c.get('principal'), await findRequest(tx, id, true));
    assertTransition(c.get('principal'), current, action);
    if (current.version !== expected) throw staleRequest(withOverdue(current), current.version, expected);
    const step = await change(tx, current);
    await updateRequest(tx, current.id, step.change);
    const after = await findRequest(tx, current.id);
    if (!after) throw notFound('Co-location request');
    const party = action === 'withdraw' || action === 'respond' ? after.ownerOrgId : after.requesterOrgId;
    const kind = ['accept', 'accept-with-conditions', 'reject'].includes(action)
      ? 'colocation_answer'
      : 'colocation_update';
    await notifyOrganisation(tx, party, kind, after);
    await audit(tx, c, current, after);
    return { result: after, afterCommit: step.afterCommit };
  });
  afterCommit?.();
  return result;
}

const answer = (c: Context<AppEnv>, fields: Partial<NonNullable<RequestChange['answer']>>) => ({
  by: userOf(c),
  note: null,
  conditions: [],
  rejectReason: null,
  rentVndPerYear: null,
  ...fields,
});

const authorOf = (c: Context<AppEnv>) => ({ userId: userOf(c), orgId: c.get('principal')?.orgId ?? null });

/** The transitions, each `(c, id, If-Match version, body)` → the request as stored. */
export const steps = {
  requestInfo: (
    c: Context<AppEnv>,
    id: string,
    expected: number,
    input: z.output<typeof colocationInfoRequest>,
  ) =>
    takeStep(c, id, expected, 'request-info', async (tx, current) => {
      await insertMessage(tx, current.id, authorOf(c), input.text);
      return { change: { status: 'info_requested', infoRequest: input.text } };
    }),
  respond: (c: Context<AppEnv>, id: string, expected: number, input: z.output<typeof colocationRespond>) =>
    takeStep(c, id, expected, 'respond', async (tx, current) => {
      await insertMessage(tx, current.id, authorOf(c), input.text);
      const now = new Date();
      const dueOn = dueOnFor(now, c.var.services.colocationResponseWorkingDays);
      return { change: { status: 'submitted', resubmit: { at: now, dueOn } } };
    }),
  accept: (c: Context<AppEnv>, id: string, expected: number, input: z.output<typeof colocationAccept>) =>
    takeStep(c, id, expected, 'accept', async (tx, current) => {
      const taken = await accept(tx, current, c);
      const fields = { note: input.note ?? null, rentVndPerYear: input.rentVndPerYear ?? null };
      return { ...taken, change: { status: 'accepted', ...taken.change, answer: answer(c, fields) } };
    }),
  acceptWithConditions: (
    c: Context<AppEnv>,
    id: string,
    expected: number,
    input: z.output<typeof colocationAcceptWithConditions>,
  ) =>
    takeStep(c, id, expected, 'accept-with-conditions', async (tx, current) => {
      const taken = await accept(tx, current, c);
      const fields = {
        note: input.note ?? null,
        conditions: input.conditions,
        rentVndPerYear: input.rentVndPerYear ?? null,
      };
      return {
        ...taken,
        change: { status: 'accepted_with_conditions', ...taken.change, answer: answer(c, fields) },
      };
    }),
  reject: (c: Context<AppEnv>, id: string, expected: number, input: z.output<typeof colocationReject>) =>
    takeStep(c, id, expected, 'reject', async () => ({
      change: { status: 'rejected', answer: answer(c, { note: input.text, rejectReason: input.reasonCode }) },
    })),
  withdraw: (c: Context<AppEnv>, id: string, expected: number, input: z.output<typeof colocationWithdraw>) =>
    takeStep(c, id, expected, 'withdraw', async (tx, current) => {
      if (input.text) await insertMessage(tx, current.id, authorOf(c), input.text);
      return { change: { status: 'withdrawn' } };
    }),
};

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
  await bumpAssetVersions(tx, current.assetKind, state.assetIds);
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
  const db = c.var.services.db;
  return {
    change: { tenancyId: taken.tenancyId, capacityCheck: capacityCheckOf(state.verdict) },
    afterCommit: current.assetKind === 'tower' ? () => onTowerChanged(db, before[0], after[0]) : undefined,
  };
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
