/**
 * Plans and their versions: starting a plan, a baseline snapshot of the register, forking,
 * renaming and deleting drafts, approving one (superseding the plan's approved version). Each
 * write is one transaction, audited in it.
 */
import type { PlanVersion } from '@hatang/contracts';
import type { Database, Sql } from '@hatang/db';
import type { Context } from 'hono';
import { auditCreated, recordAudit } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { ApiError, notFound, validationFailed } from '../../errors.js';
import { userOf } from '../../http/request-input.js';
import { versionLocked } from './plan-access.js';
import { findPlan, insertPlan, lockPlan, type NewPlan, type PlanRow } from './plan-repository.js';
import {
  copyContent,
  deleteVersion,
  findVersion,
  insertVersion,
  lockApprovedVersions,
  setVersionKind,
  snapshotRegister,
  updateVersionText,
} from './version-repository.js';

/** 409 carrying the current version. */
export function staleVersion(current: PlanVersion, expected: number): ApiError {
  return new ApiError(
    409,
    'VERSION_CONFLICT',
    `This plan version is at version ${current.version}, not ${expected}: it changed since you read it`,
    undefined,
    current,
  );
}

export async function createPlan(c: Context<AppEnv>, db: Database, input: NewPlan): Promise<PlanRow> {
  if (input.visionYear < input.horizonYear)
    throw validationFailed([
      { path: ['visionYear'], message: 'the vision year must not be before the horizon year' },
    ]);
  return db.transaction(async (tx) => {
    const created = await insertPlan(tx, input, userOf(c));
    await auditCreated(tx, c, 'plans', created);
    return created;
  });
}

/** Inserts a version made by `fill` (a register snapshot, a copy of another version), audited. */
async function newVersion(
  c: Context<AppEnv>,
  db: Database,
  v: {
    planId: string;
    kind: 'baseline' | 'draft';
    name: string;
    notes: string | null;
    parentVersionId: string | null;
  },
  fill: (tx: Sql, id: string) => Promise<void>,
): Promise<PlanVersion> {
  return db.transaction(async (tx) => {
    const id = await insertVersion(tx, { ...v, createdBy: userOf(c) });
    await fill(tx, id);
    const created = await findVersion(tx, id);
    if (!created) throw new Error(`plan version ${id} vanished after insert`);
    await recordAudit(tx, c, {
      resource: 'plan-versions',
      recordId: id,
      action: 'create',
      version: 1,
      before: null,
      after: created,
    });
    return created;
  });
}

/** Snapshot of the register as a new baseline version (INSERT … SELECT per asset table). */
export async function takeBaseline(
  c: Context<AppEnv>,
  db: Database,
  planId: string,
  input: { name: string; notes: string | null },
): Promise<PlanVersion> {
  const plan = await findPlan(db, planId);
  if (!plan) throw notFound('Plan');
  return newVersion(c, db, { planId: plan.id, kind: 'baseline', ...input, parentVersionId: null }, (tx, id) =>
    snapshotRegister(tx, id, userOf(c)),
  );
}

/** A new draft with copies of every item (origins kept) and version zone of the source. */
export function forkVersion(
  c: Context<AppEnv>,
  db: Database,
  source: PlanVersion,
  input: { name: string; notes: string | null },
): Promise<PlanVersion> {
  return newVersion(
    c,
    db,
    { planId: source.planId, kind: 'draft', ...input, parentVersionId: source.id },
    (tx, id) => copyContent(tx, source.id, id, userOf(c)),
  );
}

/** A draft's current row, locked, checked against `expected` (when given). */
async function lockedDraft(tx: Sql, id: string, expected: number | undefined): Promise<PlanVersion> {
  const current = await findVersion(tx, id, true);
  if (!current) throw notFound('Plan version');
  if (current.kind !== 'draft') throw versionLocked(current.kind);
  if (expected !== undefined && current.version !== expected) throw staleVersion(current, expected);
  return current;
}

export async function renameVersion(
  c: Context<AppEnv>,
  db: Database,
  id: string,
  expected: number,
  change: { name?: string | undefined; notes?: string | null | undefined },
): Promise<PlanVersion> {
  return db.transaction(async (tx) => {
    const current = await lockedDraft(tx, id, expected);
    await updateVersionText(tx, current.id, change);
    const after = await findVersion(tx, current.id);
    if (!after) throw notFound('Plan version');
    await recordAudit(tx, c, {
      resource: 'plan-versions',
      recordId: current.id,
      action: 'update',
      version: after.version,
      before: current,
      after,
    });
    return after;
  });
}

export async function removeVersion(
  c: Context<AppEnv>,
  db: Database,
  id: string,
  expected: number | undefined,
): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await lockedDraft(tx, id, expected);
    await deleteVersion(tx, current.id);
    await recordAudit(tx, c, {
      resource: 'plan-versions',
      recordId: current.id,
      action: 'delete',
      version: current.version,
      before: current,
      after: null,
    });
  });
}

/** Changes a version's kind and audits it. */
async function changeKind(
  c: Context<AppEnv>,
  tx: Sql,
  before: PlanVersion,
  kind: 'approved' | 'superseded',
): Promise<PlanVersion> {
  await setVersionKind(tx, before.id, kind, userOf(c));
  const after = await findVersion(tx, before.id);
  if (!after) throw notFound('Plan version');
  await recordAudit(tx, c, {
    resource: 'plan-versions',
    recordId: before.id,
    action: 'update',
    version: after.version,
    before,
    after,
  });
  return after;
}

/**
 * Approves a draft (If-Match: the version the approver reviewed) and supersedes the plan's
 * previously approved version, in one transaction serialised per plan by a lock on the plan row.
 */
export async function approveVersion(
  c: Context<AppEnv>,
  db: Database,
  id: string,
  expected: number,
): Promise<{ approved: PlanVersion; superseded: string[] }> {
  return db.transaction(async (tx) => {
    const found = await findVersion(tx, id);
    if (!found) throw notFound('Plan version');
    await lockPlan(tx, found.planId);
    const current = await findVersion(tx, found.id, true);
    if (!current) throw notFound('Plan version');
    if (current.kind !== 'draft') {
      throw new ApiError(
        409,
        'VERSION_LOCKED',
        `Only a draft can be approved; this version is ${current.kind}`,
      );
    }
    if (current.version !== expected) throw staleVersion(current, expected);
    const previous = await lockApprovedVersions(tx, current.planId);
    for (const previousId of previous) {
      const before = await findVersion(tx, previousId);
      if (before) await changeKind(c, tx, before, 'superseded');
    }
    const approved = await changeKind(c, tx, current, 'approved');
    return { approved, superseded: previous };
  });
}
