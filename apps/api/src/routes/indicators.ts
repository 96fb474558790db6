/**
 * Indicators against Plan 317's 2030 targets and DII monitoring (Decision 885/QĐ-BTTTT).
 * Mounted under /api/v1 by app.ts:
 * - `GET /indicators?commune=CODE`: the register alone (target and actual);
 * - `GET /plan-versions/:id/indicators?commune=CODE`: target, actual and planned by milestone;
 * - `GET /dii/criteria[?version=N]`, `GET /dii/catalogues`, `POST /dii/criteria` (a new version);
 * - `GET /dii/values[?year=Y]`, `POST /dii/values`, `POST /dii/values/compute`;
 * - `GET /dii/dashboard` and `GET /dii/feed` (the IOC's read-only feed, with an API key).
 */
import {
  type DiiCatalogue,
  diiCatalogueInput,
  diiComputeInput,
  diiValuesInput,
  diiValuesQuery,
  type Issue,
  indicatorQuery,
  toIssues,
} from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { type Context, Hono } from 'hono';
import type { ZodType } from 'zod';
import { recordAudit } from '../audit/audit-log.js';
import type { AppEnv } from '../context.js';
import { notFound, validationFailed } from '../errors.js';
import type { AnalysisThread } from '../features/analysis/analysis-thread.js';
import { assertMayReadVersion } from '../features/plans/plan-access.js';
import { findVersion, type PlanVersion } from '../features/plans/version-repository.js';
import { parseBody, userOf } from '../http/request-input.js';
import {
  deleteValue,
  findCatalogue,
  findValue,
  insertCatalogue,
  listCatalogues,
  listValues,
  upsertValue,
} from '../indicators/dii-store.js';
import { buildDashboard, computedCriterionValues } from '../indicators/dii-values.js';

function parseQuery<T>(c: Context<AppEnv>, schema: ZodType<T>): T {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw validationFailed(toIssues(parsed.error, ['query']));
  return parsed.data;
}

export function indicatorRoutes(db: Database, analysis: AnalysisThread) {
  const app = new Hono<AppEnv>();
  // Reports (and their live coverage model) are computed in the analysis worker thread.
  const service = () => analysis;

  app.get('/indicators', async (c) => {
    const { commune } = parseQuery(c, indicatorQuery);
    return c.json(await service().indicators(commune ?? null, null));
  });

  app.get('/plan-versions/:id/indicators', async (c) => {
    const { commune } = parseQuery(c, indicatorQuery);
    const version = await findVersion(db, c.req.param('id'));
    assertMayReadVersion(version, c.get('principal'));
    const v = version as PlanVersion;
    return c.json(
      await service().indicators(commune ?? null, {
        id: v.id,
        name: v.name,
        kind: v.kind,
        version: v.version,
      }),
    );
  });

  // ---- DII criteria catalogue ------------------------------------------------------------------

  const catalogueOr404 = async (version?: number): Promise<DiiCatalogue> => {
    const catalogue = await findCatalogue(db, version);
    if (!catalogue) throw notFound(`DII catalogue version ${version}`);
    return catalogue;
  };

  app.get('/dii/criteria', async (c) => {
    const raw = c.req.query('version');
    const unknown = Object.keys(c.req.query()).filter((k) => k !== 'version');
    const version = raw === undefined ? undefined : Number(raw);
    const issues: Issue[] = unknown.map((k) => ({ path: ['query', k], message: 'unknown parameter' }));
    if (version !== undefined && !(Number.isInteger(version) && version >= 1))
      issues.push({ path: ['query', 'version'], message: 'must be a whole number ≥ 1' });
    if (issues.length) throw validationFailed(issues);
    return c.json(await catalogueOr404(version));
  });

  app.get('/dii/catalogues', async (c) => c.json({ items: await listCatalogues(db) }));

  /** A revision of the index: stored as a new version; older versions stay readable. */
  app.post('/dii/criteria', async (c) => {
    const input = await parseBody(c, diiCatalogueInput);
    const created = await db.transaction(async (tx) => {
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
    return c.json(created, 201);
  });

  // ---- DII values ------------------------------------------------------------------------------

  app.get('/dii/values', async (c) => {
    const { year } = parseQuery(c, diiValuesQuery);
    return c.json({ items: await listValues(db, year) });
  });

  /** A planner's values for one year; `value: null` removes one. Unknown criteria are refused. */
  app.post('/dii/values', async (c) => {
    const input = await parseBody(c, diiValuesInput);
    const catalogue = await catalogueOr404();
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
    const items = await db.transaction(async (tx) => {
      const out = [];
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
        const after = await upsertValue(
          tx,
          {
            criterionCode: v.criterionCode,
            year: input.year,
            value: v.value,
            source: 'manual',
            note: v.note,
          },
          userOf(c),
        );
        await recordAudit(tx, c, {
          resource: 'dii-values',
          recordId: after.id,
          action: before ? 'update' : 'create',
          version: after.version,
          before: before ?? null,
          after,
        });
        out.push(after);
      }
      return out;
    });
    return c.json({ year: input.year, items });
  });

  /** Stores, for `year`, the values Hatang derives from the register now (criteria with computedFrom). */
  app.post('/dii/values/compute', async (c) => {
    const { year } = await parseBody(c, diiComputeInput);
    const catalogue = await catalogueOr404();
    const computed = computedCriterionValues(catalogue, await service().indicators(null, null));
    const items = await db.transaction(async (tx) => {
      const out = [];
      for (const [criterionCode, value] of computed) {
        const before = await findValue(tx, criterionCode, year);
        const after = await upsertValue(
          tx,
          { criterionCode, year, value, source: 'computed', note: 'Computed by Hatang from the register' },
          userOf(c),
        );
        await recordAudit(tx, c, {
          resource: 'dii-values',
          recordId: after.id,
          action: before ? 'update' : 'create',
          version: after.version,
          before: before ?? null,
          after,
        });
        out.push(after);
      }
      return out;
    });
    return c.json({ year, items }, 201);
  });

  const dashboard = async () => {
    const catalogue = await catalogueOr404();
    const live = computedCriterionValues(catalogue, await service().indicators(null, null));
    return buildDashboard(catalogue, await listValues(db), live);
  };

  app.get('/dii/dashboard', async (c) => c.json(await dashboard()));

  /**
   * The read-only feed for the city's IOC (Plan 317 III.7: monitoring integrated into the IOC):
   * a flat list of criteria with their yearly values, latest value, trend and Hatang's live value.
   * Meant for a machine client with an API key (`Authorization: Bearer hk_…`, scope `read`).
   */
  app.get('/dii/feed', async (c) => {
    const d = await dashboard();
    c.header('Cache-Control', 'no-store');
    return c.json({
      feed: 'hatang-dii',
      feedVersion: 1,
      generatedAt: d.computedAt,
      catalogue: d.catalogue,
      years: d.years,
      criteria: d.groups.flatMap((g) =>
        g.criteria.map((k) => ({
          group: g.code,
          code: k.code,
          name: k.name,
          unit: k.unit,
          target: k.target,
          targetYear: k.targetYear,
          values: k.values,
          latest: k.latest,
          trend: k.trend,
          liveValue: k.liveValue,
          progressPercent: k.progressPercent,
        })),
      ),
    });
  });

  return app;
}
