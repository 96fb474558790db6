/**
 * The permit applications' transitions: each is one audited transaction that locks the
 * application, checks the caller may read it (404 otherwise) and If-Match (409 with the current
 * record), applies its step and answers the application as it now is, with its statutory clock.
 */
import type { PermitApplicationCreate, PermitDecision } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import type { Context } from 'hono';
import { recordAudit } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { ApiError, notFound } from '../../errors.js';
import { userOf } from '../../http/request-input.js';
import { currentCheckConfig } from './check-config-repository.js';
import { storeDecisionDocument } from './decision-document.js';
import { assertMayRead, seesStaffChecks, staleApplication, wrongStatus } from './permit-access.js';
import { runPermitChecks, storeChecks } from './permit-checks.js';
import {
  approvalCreatesAsset,
  createApprovedAsset,
  isPermit,
  nextDecisionNumber,
  storeDecisionFacts,
  vietnamYear,
} from './permit-decision.js';
import {
  findApplication,
  findApplicationView,
  insertApplication,
  type PermitApplication,
  type PermitApplicationView,
  setStatus,
} from './permit-repository.js';
import { assertServedOperators } from './served-operators.js';

function audit(tx: Sql, c: Context<AppEnv>, id: string, before: PermitApplication | null, after: unknown) {
  return recordAudit(tx, c, {
    resource: 'permit-applications',
    recordId: id,
    action: before ? 'update' : 'create',
    version: (after as PermitApplication | undefined)?.version ?? 1,
    before,
    after,
  });
}

/** The application `id` with its statutory clock, as the caller sees it (staff: the full checks). */
export async function applicationView(
  sql: Sql,
  c: Context<AppEnv>,
  id: string,
): Promise<PermitApplicationView | undefined> {
  const { params } = await currentCheckConfig(sql);
  return findApplicationView(sql, id, params.review.statutoryPeriodDays, seesStaffChecks(c.get('principal')));
}

/** Files a new draft of the caller's organisation; returns it as stored. */
export async function createApplication(
  c: Context<AppEnv>,
  input: PermitApplicationCreate,
): Promise<PermitApplication> {
  const principal = c.get('principal');
  if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in first');
  const created = await c.var.services.db.transaction(async (tx) => {
    await assertServedOperators(tx, input.kind, input.details);
    const id = await insertApplication(tx, {
      kind: input.kind,
      applicantOrgId: principal.orgId,
      title: input.title,
      details: input.details,
      justification: input.justification ?? null,
      siteOfferId: input.siteOfferId ?? null,
      geometry: input.geometry,
      createdBy: userOf(c),
    });
    const after = await findApplication(tx, id);
    await audit(tx, c, id, null, after);
    return after;
  });
  if (!created) throw new Error('permit application vanished after insert');
  return created;
}

/** Runs the automatic checks again on an application the caller may read, and stores them. */
export async function rerunChecks(c: Context<AppEnv>, id: string): Promise<PermitApplicationView> {
  const result = await c.var.services.db.transaction(async (tx) => {
    const current = assertMayRead(c.get('principal'), await findApplication(tx, id, true));
    await storeChecks(tx, current.id, await runPermitChecks(tx, current), true);
    const after = await findApplication(tx, current.id);
    await audit(tx, c, current.id, current, after);
    return after && applicationView(tx, c, current.id);
  });
  if (!result) throw notFound('Permit application');
  return result;
}

/** Locks the application, checks read access and If-Match, applies `step`, audits, returns the new state. */
export function transition(
  c: Context<AppEnv>,
  id: string,
  expected: number,
  step: (tx: Sql, current: PermitApplication) => Promise<void>,
): Promise<PermitApplicationView> {
  return c.var.services.db.transaction(async (tx) => {
    const current = assertMayRead(c.get('principal'), await findApplication(tx, id, true));
    if (current.version !== expected) throw staleApplication(current, expected);
    await step(tx, current);
    const after = await findApplication(tx, current.id);
    if (!after) throw notFound('Permit application');
    await audit(tx, c, current.id, current, after);
    const { params } = await currentCheckConfig(tx);
    return (
      (await applicationView(tx, c, current.id)) ?? {
        ...after,
        daysElapsed: null,
        dueAt: null,
        overdue: false,
        statutoryPeriodDays: params.review.statutoryPeriodDays,
      }
    );
  });
}

/** Files the application: its checks run and are stored with it. */
export async function submitStep(tx: Sql, current: PermitApplication): Promise<void> {
  await setStatus(tx, current.id, { status: 'submitted', submitted: true });
  const filed = await findApplication(tx, current.id);
  if (filed) await storeChecks(tx, current.id, await runPermitChecks(tx, filed), false);
}

/** The reviewer's decision: status, number, the approved asset (a permit) and the decision document. */
export async function decideStep(
  tx: Sql,
  c: Context<AppEnv>,
  current: PermitApplication,
  input: PermitDecision,
): Promise<void> {
  if (current.status !== 'submitted') throw wrongStatus(current, 'decided');
  await setStatus(tx, current.id, {
    status: input.outcome,
    reviewNote: input.reason ?? null,
    conditions: input.conditions,
    decidedBy: userOf(c),
  });
  const decided = await findApplication(tx, current.id);
  if (!decided?.decidedAt) throw notFound('Permit application');
  const number = await nextDecisionNumber(tx, input.outcome, vietnamYear(new Date(decided.decidedAt)));
  const asset =
    isPermit(input.outcome) && approvalCreatesAsset(decided.kind)
      ? await createApprovedAsset(tx, c, decided, number)
      : null;
  await storeDecisionFacts(tx, current.id, number, asset);
  const numbered = await findApplication(tx, current.id);
  if (numbered) await storeDecisionDocument(tx, numbered, userOf(c));
}
