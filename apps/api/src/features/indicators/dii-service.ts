/**
 * The DII's writes, each one transaction with its audit rows: a catalogue revision (a new
 * version), a planner's values for a year and the values Hatang computes from the register; and
 * the dashboard, which joins the stored values with what the register says now.
 */
import type {
  DiiCatalogue,
  DiiCatalogueInput,
  DiiDashboard,
  DiiValuesInput,
  Issue,
  StoredDiiValue,
} from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import type { Context } from 'hono';
import { recordAudit } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { notFound, validationFailed } from '../../errors.js';
import { userOf } from '../../http/request-input.js';
import {
  deleteValue,
  findCatalogue,
  findValue,
  insertCatalogue,
  listValues,
  upsertValue,
} from './dii-repository.js';
import { buildDashboard, computedCriterionValues } from './dii-values.js';

/** The catalogue of `version` (the current one without), or 404. */
export async function catalogueOr404(c: Context<AppEnv>, version?: number): Promise<DiiCatalogue> {
  const catalogue = await findCatalogue(c.var.services.db, version);
  if (!catalogue) throw notFound(`DII catalogue version ${version}`);
  return catalogue;
}

/** A revision of the index: stored as a new version; older versions stay readable. */
export async function createCatalogue(c: Context<AppEnv>, input: DiiCatalogueInput): Promise<DiiCatalogue> {
  return c.var.services.db.transaction(async (tx) => {
    const id = await insertCatalogue(tx, input, userOf(c));
    const after = await findCatalogue(tx);
    if (!after || after.id !== id) throw new Error('the new DII catalogue is not the current one');
    await recordAudit(tx, c, {
      resource: 'dii-criteria',
      recordId: id,
      action: 'create',
      version: after.version,
      // A revision is a new record (the older versions stay as they were).
      before: null,
      after,
    });
    return after;
  });
}

/** A planner's values for one year; `value: null` removes one. Unknown criteria are refused. */
export async function saveValues(c: Context<AppEnv>, input: DiiValuesInput): Promise<StoredDiiValue[]> {
  const catalogue = await catalogueOr404(c);
  const codes = new Set(catalogue.groups.flatMap((g) => g.criteria.map((k) => k.code)));
  const issues: Issue[] = [];
  const seen = new Set<string>();
  input.values.forEach((v, i) => {
    if (!codes.has(v.criterionCode))
      issues.push({
        path: ['values', i, 'criterionCode'],
        message: `not a criterion of the current catalogue (version ${catalogue.version})`,
      });
    if (seen.has(v.criterionCode))
      issues.push({ path: ['values', i, 'criterionCode'], message: 'given twice' });
    seen.add(v.criterionCode);
  });
  if (issues.length) throw validationFailed(issues);
  return c.var.services.db.transaction(async (tx) => {
    const out: StoredDiiValue[] = [];
    for (const v of input.values) {
      const before = await findValue(tx, v.criterionCode, input.year);
      if (v.value === null) {
        if (!before) continue;
        await deleteValue(tx, before.id);
        await recordAudit(tx, c, {
          resource: 'dii-values',
          recordId: before.id,
          action: 'delete',
          version: before.version,
          before,
          after: null,
        });
        continue;
      }
      out.push(
        await storeValue(
          tx,
          c,
          {
            criterionCode: v.criterionCode,
            year: input.year,
            value: v.value,
            source: 'manual',
            note: v.note,
          },
          before,
        ),
      );
    }
    return out;
  });
}

/** Writes one value (over `before`, the stored one if any) and audits it. */
async function storeValue(
  tx: Sql,
  c: Context<AppEnv>,
  value: Parameters<typeof upsertValue>[1],
  before: StoredDiiValue | undefined,
): Promise<StoredDiiValue> {
  const after = await upsertValue(tx, value, userOf(c));
  await recordAudit(tx, c, {
    resource: 'dii-values',
    recordId: after.id,
    action: before ? 'update' : 'create',
    version: after.version,
    before: before ?? null,
    after,
  });
  return after;
}

/** Stores, for `year`, the values Hatang derives from the register now (criteria with computedFrom). */
export async function computeValues(c: Context<AppEnv>, year: number): Promise<StoredDiiValue[]> {
  const catalogue = await catalogueOr404(c);
  const { db, analysis } = c.var.services;
  const computed = computedCriterionValues(catalogue, await analysis.indicators(null, null));
  return db.transaction(async (tx) => {
    const out: StoredDiiValue[] = [];
    for (const [criterionCode, value] of computed) {
      const before = await findValue(tx, criterionCode, year);
      out.push(
        await storeValue(
          tx,
          c,
          { criterionCode, year, value, source: 'computed', note: 'Computed by Hatang from the register' },
          before,
        ),
      );
    }
    return out;
  });
}

/** The dashboard of the current catalogue, with the register's live values (computed in the analysis thread). */
export async function dashboard(c: Context<AppEnv>): Promise<DiiDashboard> {
  const catalogue = await catalogueOr404(c);
  const { db, analysis } = c.var.services;
  const live = computedCriterionValues(catalogue, await analysis.indicators(null, null));
  return buildDashboard(catalogue, await listValues(db), live);
}
