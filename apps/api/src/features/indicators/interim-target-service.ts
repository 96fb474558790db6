/**
 * The city's interim targets for the 2027 milestone (issue #17 item 5): Plan 317 sets its targets
 * for 2030 only, so the planners set an interim one themselves, with the reason. Labelled as a
 * planning assumption wherever it shows (`assumption: true`); each write one audited transaction.
 * legal: plan-317-2025-kh-ubnd
 */
import { PLAN_317_TARGET_KEYS } from '@hatang/analysis';
import {
  INTERIM_MILESTONE_YEAR,
  type IndicatorReport,
  type InterimTarget,
  type interimTargetInput,
} from '@hatang/contracts';
import type { Context } from 'hono';
import type { z } from 'zod';
import { recordAudit } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { ApiError, validationFailed } from '../../errors.js';
import { userOf } from '../../http/request-input.js';
import {
  findInterimTarget,
  type InterimTargetWrite,
  insertInterimTarget,
  interimTargetOf,
  listInterimTargets,
  updateInterimTarget,
} from './interim-target-repository.js';

export const INTERIM_TARGETS = 'interim-targets';

/** 404 unless Plan 317 sets a 2030 target for `key` (an interim one is a step towards it). */
export function assertTargetedIndicator(key: string): void {
  if (!PLAN_317_TARGET_KEYS.includes(key))
    throw new ApiError(
      404,
      'NOT_FOUND',
      `Plan 317 sets no 2030 target for indicator ${key}: an interim target is a step towards one (${PLAN_317_TARGET_KEYS.join(', ')})`,
    );
}

/** Percentages stay within 0–100 (the schema already refuses negatives). */
function checkUnit(key: string, input: z.output<typeof interimTargetInput>): void {
  if (!key.endsWith('Percent')) return;
  const issues = (['value', 'max'] as const)
    .filter((field) => (input[field] ?? 0) > 100)
    .map((field) => ({ path: [field], message: 'a percentage: at most 100' }));
  if (issues.length) throw validationFailed(issues);
}

/** Sets, or clears with `value: null`, `key`'s interim target; the target now (null: none). */
export async function setInterimTarget(
  c: Context<AppEnv>,
  key: string,
  input: z.output<typeof interimTargetInput>,
): Promise<InterimTarget | null> {
  assertTargetedIndicator(key);
  checkUnit(key, input);
  const principal = c.get('principal');
  if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in to set an interim target');
  const write: InterimTargetWrite = {
    value: input.value,
    max: input.value === null ? null : input.max,
    note: input.note,
    orgId: principal.orgId,
    userId: userOf(c),
  };
  const db = c.var.services.db;
  return db.transaction(async (tx) => {
    const before = await findInterimTarget(tx, key, true);
    if (!before) {
      if (write.value === null) return null; // nothing to clear
      if (!(await insertInterimTarget(tx, key, write)))
        throw new ApiError(
          409,
          'CONFLICT',
          'Another planner set this interim target meanwhile: reload and retry',
        );
    } else {
      await updateInterimTarget(tx, before.id, before.version, write);
    }
    const after = await findInterimTarget(tx, key);
    if (!after) throw new Error('the interim target was not stored');
    const snapshot = (row: NonNullable<typeof after>) => ({
      key: row.key,
      year: INTERIM_MILESTONE_YEAR,
      value: row.value,
      max: row.max,
      note: row.note,
    });
    await recordAudit(tx, c, {
      resource: INTERIM_TARGETS,
      recordId: after.id,
      action: before ? 'update' : 'create',
      version: after.version,
      before: before ? snapshot(before) : null,
      after: snapshot(after),
    });
    return interimTargetOf(after);
  });
}

/** The report with the city's interim targets beside Plan 317's (read from the database each time). */
export async function withInterimTargets(
  c: Context<AppEnv>,
  report: IndicatorReport,
): Promise<IndicatorReport> {
  const targets = new Map((await listInterimTargets(c.var.services.db)).map((t) => [t.key, t]));
  return {
    ...report,
    indicators: report.indicators.map((i) => ({ ...i, interimTarget: targets.get(i.key) ?? null })),
  };
}
