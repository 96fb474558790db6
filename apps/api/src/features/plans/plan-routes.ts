/**
 * `/plans` and every plan route, declared once. Reads are open to everyone signed in at the
 * policy level; the handlers then hide drafts and baselines from all but admins, planners and
 * reviewers (plan-access.ts). Planners and admins draft; approving is the City People's
 * Committee's act (Plan 317: the Department of Science and Technology advises the committee to
 * issue the plan), recorded in Hatang by an admin.
 * legal: plan-317-2025-kh-ubnd
 */
import { planEndpoints as endpoints, type PlanVersion } from '@hatang/contracts';
import type { Context } from 'hono';
import type { AppEnv } from '../../context.js';
import { notFound } from '../../errors.js';
import { defineRoute, type RouteDefinition, reply } from '../../http/define-route.js';
import type { RoutePolicy } from '../../policy/rules.js';
import { planExportRoutes } from './export-routes.js';
import { itemRoutes } from './item-routes.js';
import { isPublishedKind, mayReadDrafts, PLAN_READERS, PLANNERS, versionFor } from './plan-access.js';
import { findPlan, listPlans, type PlanRow } from './plan-repository.js';
import { tagVersion } from './plan-requests.js';
import { listVersions } from './version-repository.js';
import { versionRoutes } from './version-routes.js';
import { createPlan, takeBaseline } from './version-service.js';
import { zoneRoutes } from './zone-routes.js';

/** The versions the viewer may read, as they may see them. */
const visible = (c: Context<AppEnv>, versions: PlanVersion[]) =>
  mayReadDrafts(c.get('principal'))
    ? versions
    : versions.filter((v) => isPublishedKind(v.kind)).map((v) => versionFor(c.get('principal'), v));

async function withVersions(c: Context<AppEnv>, plan: PlanRow) {
  const versions = visible(c, await listVersions(c.var.services.db, plan.id));
  return { ...plan, approvedVersionId: versions.find((v) => v.kind === 'approved')?.id ?? null, versions };
}

const planOnlyRoutes = [
  defineRoute(endpoints.listPlans, { resource: 'plans', action: 'read', rule: PLAN_READERS }, async (c) => {
    const plans = await listPlans(c.var.services.db);
    return reply(c, endpoints.listPlans, 200, {
      items: await Promise.all(plans.map((p) => withVersions(c, p))),
    });
  }),
  defineRoute(
    endpoints.createPlan,
    { resource: 'plans', action: 'create', rule: PLANNERS },
    async (c, { body }) => {
      const plan = await createPlan(c, c.var.services.db, body);
      c.header('Location', `/api/v1/plans/${plan.id}`);
      return reply(c, endpoints.createPlan, 201, { ...plan, approvedVersionId: null, versions: [] });
    },
  ),
  defineRoute(
    endpoints.getPlan,
    { resource: 'plans', action: 'read', rule: PLAN_READERS },
    async (c, { params }) => {
      const plan = await findPlan(c.var.services.db, params.id);
      if (!plan) throw notFound('Plan');
      return reply(c, endpoints.getPlan, 200, await withVersions(c, plan));
    },
  ),
  defineRoute(
    endpoints.takeBaseline,
    { resource: 'plan-versions', action: 'create', rule: PLANNERS },
    async (c, { params, body }) => {
      const version = await takeBaseline(c, c.var.services.db, params.id, body);
      tagVersion(c, version.version, `/api/v1/plan-versions/${version.id}`);
      return reply(c, endpoints.takeBaseline, 201, version);
    },
  ),
];

/** The plan routes (plans, versions, items, zones), without the export files. */
export const planRoutes: readonly RouteDefinition[] = [
  ...planOnlyRoutes,
  ...versionRoutes,
  ...itemRoutes,
  ...zoneRoutes,
];

/** The plan routes' policies by `METHOD path`, as the policy table holds them. */
export const PLAN_ROUTE_POLICIES: readonly (readonly [string, RoutePolicy])[] = planRoutes.map(
  (route) => [`${route.endpoint.method} ${route.endpoint.path}`, route.policy] as const,
);

/** Every route of the plans feature, exports included. */
export const plansFeatureRoutes: readonly RouteDefinition[] = [...planRoutes, ...planExportRoutes];
