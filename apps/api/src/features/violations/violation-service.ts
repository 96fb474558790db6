/**
 * Recording violations and moving them on: who must put each right (the linked asset's owner or
 * the permit applicant), where the recorder may act (violation-access.ts), the status machine
 * (reported → notified → resolved | escalated), each write one audited transaction, edits and
 * transitions under If-Match.
 */
import {
  VIOLATION_TRANSITIONS,
  type ViolationAction,
  type ViolationAssetLink,
  type ViolationCreate,
  type ViolationFeature,
  type ViolationPatch,
} from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import type { Context } from 'hono';
import { recordAudit } from '../../audit/audit-log.js';
import type { Principal } from '../../auth/principal.js';
import type { AppEnv } from '../../context.js';
import { ApiError, notFound, validationFailed } from '../../errors.js';
import { userOf } from '../../http/request-input.js';
import { assertMayRead } from '../permits/permit-access.js';
import { findApplication } from '../permits/permit-repository.js';
import { assertMayActIn, assertMayReadViolation, staleViolation } from './violation-access.js';
import {
  assetOwnerOf,
  findByClientId,
  findViolation,
  insertViolation,
  setViolationStatus,
  unitName,
  updateViolationFields,
} from './violation-repository.js';

/** The audit resource of violation reports (their photos: `violation-attachments`). */
export const VIOLATIONS = 'violations';

/**
 * The linked asset's owner (or the permit applicant), who must put the violation right. A permit
 * application the recorder may not read (another commune's, a draft) is answered as unknown, so
 * linking cannot tell who filed an application one may not see.
 */
async function responsibleOrgOf(
  tx: Sql,
  asset: ViolationAssetLink | null,
  permitApplicationId: string | null,
  /** Who links the application (checked when given; omit for a link already stored). */
  linkedBy?: { principal: Principal | undefined },
): Promise<string | null> {
  if (asset) {
    const owner = await assetOwnerOf(tx, asset);
    if (!owner)
      throw validationFailed([{ path: ['asset', 'id'], message: `no ${asset.resource} record has this id` }]);
    return owner;
  }
  if (permitApplicationId) {
    const found = await findApplication(tx, permitApplicationId);
    let readable = !!found;
    try {
      if (linkedBy) assertMayRead(linkedBy.principal, found);
    } catch {
      readable = false;
    }
    if (!found || !readable)
      throw validationFailed([
        { path: ['permitApplicationId'], message: 'no permit application has this id' },
      ]);
    return found.applicantOrgId;
  }
  return null;
}

/** The violation the caller may read (404 otherwise), locked for update when `lock`. */
export async function readableViolation(
  c: Context<AppEnv>,
  db: Sql,
  id: string,
  lock = false,
): Promise<ViolationFeature> {
  return assertMayReadViolation(c.get('principal'), await findViolation(db, id, lock));
}

/** Throws unless the caller may act on the violation (record, edit, move on, attach) where it lies. */
export async function assertMayActOn(
  c: Context<AppEnv>,
  violation: ViolationFeature,
  db: Sql,
): Promise<void> {
  const unit = violation.properties.adminUnitCode;
  assertMayActIn(c.get('principal'), unit, await unitName(db, unit));
}

function audit(
  tx: Sql,
  c: Context<AppEnv>,
  id: string,
  before: ViolationFeature | null,
  after: ViolationFeature,
) {
  return recordAudit(tx, c, {
    resource: VIOLATIONS,
    recordId: id,
    action: before ? 'update' : 'create',
    version: after.properties.version,
    before,
    after,
  });
}

/** A report as `recordViolation` answers it: `replayed` when it was already stored under its `clientId`. */
export interface RecordedViolation {
  violation: ViolationFeature;
  replayed: boolean;
}

/**
 * The report the caller already recorded under `clientId` (a phone resending its offline queue),
 * or undefined when the organisation holds none. Another user's report under the same id is a
 * 409 that names nothing of it.
 */
async function alreadyRecorded(
  c: Context<AppEnv>,
  tx: Sql,
  clientId: string,
): Promise<ViolationFeature | undefined> {
  const found = await findByClientId(tx, c.get('principal')?.orgId ?? null, clientId);
  if (!found) return undefined;
  if (found.reportedBy !== userOf(c))
    throw new ApiError(409, 'CONFLICT', 'Another report of your organisation was sent with this clientId');
  return findViolation(tx, found.id);
}

/**
 * Records a report (status `reported`) in the commune its place lies in. With a `clientId` the
 * call is idempotent: the caller's report already stored under it is answered as it is (its
 * place is not checked again: it was recorded where the caller could act then).
 */
export async function recordViolation(
  c: Context<AppEnv>,
  input: ViolationCreate,
): Promise<RecordedViolation> {
  const principal = c.get('principal');
  return c.var.services.db.transaction(async (tx) => {
    const clientId = input.clientId ?? null;
    const earlier = clientId ? await alreadyRecorded(c, tx, clientId) : undefined;
    if (earlier) return { violation: earlier, replayed: true };
    const asset = input.asset ?? null;
    const permitApplicationId = input.permitApplicationId ?? null;
    const id = await insertViolation(tx, {
      clientId,
      kind: input.kind,
      description: input.description,
      geometry: input.geometry,
      asset,
      permitApplicationId,
      responsibleOrgId: await responsibleOrgOf(tx, asset, permitApplicationId, { principal }),
      reportedBy: userOf(c),
      reportedOrgId: principal?.orgId ?? null,
    });
    if (!id) {
      // A resend raced the first send and lost: answer what the first one stored.
      const raced = clientId ? await alreadyRecorded(c, tx, clientId) : undefined;
      if (!raced) throw new Error('violation insert conflicted without a stored report');
      return { violation: raced, replayed: true };
    }
    const after = await findViolation(tx, id);
    if (!after) throw new Error('violation vanished after insert');
    // The trigger placed it in its commune: an inspector may only record in their own.
    await assertMayActOn(c, after, tx);
    await audit(tx, c, after.id, null, after);
    return { violation: after, replayed: false };
  });
}

/** Locks the violation, checks access and If-Match, applies `step`, audits, returns the new state. */
async function changeViolation(
  c: Context<AppEnv>,
  id: string,
  expected: number,
  step: (tx: Sql, current: ViolationFeature) => Promise<void>,
): Promise<ViolationFeature> {
  return c.var.services.db.transaction(async (tx) => {
    const current = await readableViolation(c, tx, id, true);
    await assertMayActOn(c, current, tx);
    if (current.properties.version !== expected) throw staleViolation(current, expected);
    await step(tx, current);
    const after = await findViolation(tx, current.id);
    if (!after) throw notFound('Violation');
    await audit(tx, c, current.id, current, after);
    return after;
  });
}

/** Corrects the description, the kind or the links (the place and the status are not edited so). */
export function correctViolation(
  c: Context<AppEnv>,
  id: string,
  expected: number,
  input: ViolationPatch,
): Promise<ViolationFeature> {
  return changeViolation(c, id, expected, async (tx, current) => {
    const p = current.properties;
    const asset = input.asset === undefined ? p.asset : input.asset;
    const permitApplicationId =
      input.permitApplicationId === undefined ? p.permitApplicationId : input.permitApplicationId;
    await updateViolationFields(tx, current.id, {
      kind: input.kind ?? p.kind,
      description: input.description ?? p.description,
      asset,
      permitApplicationId,
      responsibleOrgId: await responsibleOrgOf(
        tx,
        asset,
        permitApplicationId,
        // Only a newly linked application is checked against what the caller may read.
        permitApplicationId === p.permitApplicationId ? undefined : { principal: c.get('principal') },
      ),
    });
  });
}

/** Takes `action` (409 INVALID_STATE from a status it does not leave), keeping the note. */
export function stepViolation(
  c: Context<AppEnv>,
  id: string,
  expected: number,
  action: ViolationAction,
  note: string | undefined,
): Promise<ViolationFeature> {
  const { to, from } = VIOLATION_TRANSITIONS[action];
  return changeViolation(c, id, expected, async (tx, current) => {
    if (!from.includes(current.properties.status))
      throw new ApiError(
        409,
        'INVALID_STATE',
        `A violation that is ${current.properties.status} cannot be ${to} (only from ${from.join(' or ')})`,
      );
    await setViolationStatus(tx, current.id, to, note || null);
  });
}
