/**
 * Indicators against Plan 317's 2030 targets and DII monitoring (Decision 885/QĐ-BTTTT):
 * - `GET /indicators?commune=CODE`: the register alone (target and actual);
 * - `GET /plan-versions/:id/indicators?commune=CODE`: target, actual and planned by milestone;
 * - `GET /dii/criteria[?version=N]`, `GET /dii/catalogues`, `POST /dii/criteria` (a new version);
 * - `GET /dii/values[?year=Y]`, `POST /dii/values`, `POST /dii/values/compute`;
 * - `GET /dii/dashboard` and `GET /dii/feed` (the IOC's read-only feed, with an API key);
 * - `GET /interim-targets`, `PUT /interim-targets/:key`: the city's 2027 interim targets, planning
 *   assumptions (Plan 317 sets its targets for 2030 only), set by planners and admins.
 * Reports (and their live coverage model) are computed in the analysis worker thread.
 *
 * Indicators and the DII are city-wide aggregates (no operator's figures apart): every signed-in
 * user may read them, and a version's indicators follow the version's own read rule
 * (plan-access.ts: drafts only for planners, admins and reviewers). The IOC reads the feed with an
 * API key (a key acts as its user). Planners and admins keep the catalogue and enter the values.
 * legal: plan-317-2025-kh-ubnd; legal: decision-885-2023-qd-btttt
 */

import { PLAN_317_TARGET_KEYS } from '@hatang/analysis';
import {
  diiValuesQuery,
  indicatorEndpoints as endpoints,
  INTERIM_MILESTONE_YEAR,
  type Issue,
  indicatorQuery,
  planningAssumptionEndpoints,
  toIssues,
} from '@hatang/contracts';
import type { Context } from 'hono';
import type { ZodType } from 'zod';
import type { AppEnv } from '../../context.js';
import { validationFailed } from '../../errors.js';
import { defineRoute, reply } from '../../http/define-route.js';
import { SIGNED_IN } from '../../policy/rules.js';
import { withoutOperatorFigures } from '../ftth/ftth-access.js';
import { assertMayReadVersion, PLANNERS } from '../plans/plan-access.js';
import { findVersion } from '../plans/version-repository.js';
import { listCatalogues, listValues } from './dii-repository.js';
import { catalogueOr404, computeValues, createCatalogue, dashboard, saveValues } from './dii-service.js';
import { listInterimTargets } from './interim-target-repository.js';
import { INTERIM_TARGETS, setInterimTarget, withInterimTargets } from './interim-target-service.js';

/** The query checked strictly, its problems reported under `query` (as the API always has). */
function parseQuery<T>(c: Context<AppEnv>, schema: ZodType<T>): T {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw validationFailed(toIssues(parsed.error, ['query']));
  return parsed.data;
}

/** `?version=N` (a whole number ≥ 1), unknown parameters refused. */
function catalogueVersion(c: Context<AppEnv>): number | undefined {
  const raw = c.req.query('version');
  const unknown = Object.keys(c.req.query()).filter((k) => k !== 'version');
  const version = raw === undefined ? undefined : Number(raw);
  const issues: Issue[] = unknown.map((k) => ({ path: ['query', k], message: 'unknown parameter' }));
  if (version !== undefined && !(Number.isInteger(version) && version >= 1))
    issues.push({ path: ['query', 'version'], message: 'must be a whole number ≥ 1' });
  if (issues.length) throw validationFailed(issues);
  return version;
}

const indicators = { resource: 'indicators', action: 'read', rule: SIGNED_IN } as const;

export const indicatorRoutes = [
  defineRoute(endpoints.registerIndicators, indicators, async (c) => {
    const { commune } = parseQuery(c, indicatorQuery);
    return reply(
      c,
      endpoints.registerIndicators,
      200,
      withoutOperatorFigures(
        await withInterimTargets(c, await c.var.services.analysis.indicators(commune ?? null, null)),
        c.get('principal'),
      ),
    );
  }),
  defineRoute(endpoints.versionIndicators, indicators, async (c, { params }) => {
    const { commune } = parseQuery(c, indicatorQuery);
    const { db, analysis } = c.var.services;
    const version = await findVersion(db, params.id);
    assertMayReadVersion(version, c.get('principal'));
    const { id, name, kind, version: number } = version as NonNullable<typeof version>;
    return reply(
      c,
      endpoints.versionIndicators,
      200,
      withoutOperatorFigures(
        await withInterimTargets(
          c,
          await analysis.indicators(commune ?? null, { id, name, kind, version: number }),
        ),
        c.get('principal'),
      ),
    );
  }),

  // ---- The city's interim targets (planning assumptions) ---------------------------------------
  defineRoute(
    planningAssumptionEndpoints.listInterimTargets,
    { resource: INTERIM_TARGETS, action: 'read', rule: SIGNED_IN },
    async (c) =>
      reply(c, planningAssumptionEndpoints.listInterimTargets, 200, {
        milestoneYear: INTERIM_MILESTONE_YEAR,
        keys: [...PLAN_317_TARGET_KEYS],
        items: await listInterimTargets(c.var.services.db),
      }),
  ),
  defineRoute(
    planningAssumptionEndpoints.setInterimTarget,
    { resource: INTERIM_TARGETS, action: 'update', rule: PLANNERS },
    async (c, { params, body }) =>
      reply(c, planningAssumptionEndpoints.setInterimTarget, 200, {
        key: params.key,
        interimTarget: await setInterimTarget(c, params.key, body),
      }),
  ),

  // ---- DII criteria catalogue ------------------------------------------------------------------
  defineRoute(
    endpoints.getDiiCriteria,
    { resource: 'dii-criteria', action: 'read', rule: SIGNED_IN },
    async (c) => reply(c, endpoints.getDiiCriteria, 200, await catalogueOr404(c, catalogueVersion(c))),
  ),
  defineRoute(
    endpoints.listDiiCatalogues,
    { resource: 'dii-criteria', action: 'read', rule: SIGNED_IN },
    async (c) =>
      reply(c, endpoints.listDiiCatalogues, 200, { items: await listCatalogues(c.var.services.db) }),
  ),
  defineRoute(
    endpoints.createDiiCriteria,
    { resource: 'dii-criteria', action: 'create', rule: PLANNERS },
    async (c, { body }) => reply(c, endpoints.createDiiCriteria, 201, await createCatalogue(c, body)),
  ),

  // ---- DII values ------------------------------------------------------------------------------
  defineRoute(
    endpoints.listDiiValues,
    { resource: 'dii-values', action: 'read', rule: SIGNED_IN },
    async (c) => {
      const { year } = parseQuery(c, diiValuesQuery);
      return reply(c, endpoints.listDiiValues, 200, { items: await listValues(c.var.services.db, year) });
    },
  ),
  defineRoute(
    endpoints.saveDiiValues,
    { resource: 'dii-values', action: 'update', rule: PLANNERS },
    async (c, { body }) =>
      reply(c, endpoints.saveDiiValues, 200, { year: body.year, items: await saveValues(c, body) }),
  ),
  defineRoute(
    endpoints.computeDiiValues,
    { resource: 'dii-values', action: 'create', rule: PLANNERS },
    async (c, { body }) =>
      reply(c, endpoints.computeDiiValues, 201, {
        year: body.year,
        items: await computeValues(c, body.year),
      }),
  ),
  defineRoute(
    endpoints.diiDashboard,
    { resource: 'dii-values', action: 'read', rule: SIGNED_IN },
    async (c) => reply(c, endpoints.diiDashboard, 200, await dashboard(c)),
  ),
  /**
   * The read-only feed for the city's IOC (Plan 317 III.7: monitoring integrated into the IOC):
   * a flat list of criteria with their yearly values, latest value, trend and Hatang's live value.
   * Meant for a machine client with an API key (`Authorization: Bearer hk_…`, scope `read`).
   */
  defineRoute(endpoints.diiFeed, { resource: 'dii-feed', action: 'read', rule: SIGNED_IN }, async (c) => {
    const d = await dashboard(c);
    c.header('Cache-Control', 'no-store');
    return reply(c, endpoints.diiFeed, 200, {
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
  }),
];
