/** `/plan-versions/:id`: read, rename, delete a draft, fork, approve, and compare versions. */
import { planEndpoints as endpoints, type PlanVersion } from '@hatang/contracts';
import type { Context } from 'hono';
import type { AppEnv } from '../../context.js';
import { validationFailed } from '../../errors.js';
import { isUuid, readIfMatch } from '../../http/body.js';
import { defineRoute, reply } from '../../http/define-route.js';
import { compareItems } from './compare-versions.js';
import { listItems } from './item-repository.js';
import { APPROVERS, assertMayReadVersion, PLAN_READERS, PLANNERS, versionFor } from './plan-access.js';
import { optionalIfMatch, tagVersion } from './plan-requests.js';
import { findVersion } from './version-repository.js';
import { approveVersion, forkVersion, removeVersion, renameVersion } from './version-service.js';

/** The version when the viewer may read it; 404 otherwise. */
async function readable(c: Context<AppEnv>, id: string, what?: string): Promise<PlanVersion> {
  const version = await findVersion(c.var.services.db, id);
  assertMayReadVersion(version, c.get('principal'), what);
  return version as PlanVersion;
}

export const versionRoutes = [
  defineRoute(
    endpoints.getVersion,
    { resource: 'plan-versions', action: 'read', rule: PLAN_READERS },
    async (c, { params }) => {
      const version = await readable(c, params.id);
      tagVersion(c, version.version);
      return reply(c, endpoints.getVersion, 200, versionFor(c.get('principal'), version));
    },
  ),
  defineRoute(
    endpoints.updateVersion,
    { resource: 'plan-versions', action: 'update', rule: PLANNERS },
    async (c, { params, body }) => {
      const updated = await renameVersion(c, c.var.services.db, params.id, readIfMatch(c), body);
      tagVersion(c, updated.version);
      return reply(c, endpoints.updateVersion, 200, updated);
    },
  ),
  defineRoute(
    endpoints.deleteVersion,
    { resource: 'plan-versions', action: 'delete', rule: PLANNERS },
    async (c, { params }) => {
      await removeVersion(c, c.var.services.db, params.id, optionalIfMatch(c));
      return c.body(null, 204);
    },
  ),
  defineRoute(
    endpoints.forkVersion,
    { resource: 'plan-versions', action: 'create', rule: PLANNERS },
    async (c, { params, body }) => {
      const source = await readable(c, params.id);
      const version = await forkVersion(c, c.var.services.db, source, body);
      tagVersion(c, version.version, `/api/v1/plan-versions/${version.id}`);
      return reply(c, endpoints.forkVersion, 201, version);
    },
  ),
  defineRoute(
    endpoints.approveVersion,
    { resource: 'plan-versions', action: 'update', rule: APPROVERS },
    async (c, { params }) => {
      const { approved, superseded } = await approveVersion(c, c.var.services.db, params.id, readIfMatch(c));
      tagVersion(c, approved.version);
      return reply(c, endpoints.approveVersion, 200, { ...approved, supersededVersionIds: superseded });
    },
  ),
  defineRoute(
    endpoints.compareVersions,
    { resource: 'plan-versions', action: 'read', rule: PLAN_READERS },
    async (c, { params, query }) => {
      const baseId = query.base ?? '';
      if (!isUuid(baseId))
        throw validationFailed([
          { path: ['base'], message: 'give the version to compare with: ?base=<version id>' },
        ]);
      const target = await readable(c, params.id);
      const base = await readable(c, baseId, 'Base plan version');
      const db = c.var.services.db;
      const [before, after] = await Promise.all([listItems(db, base.id), listItems(db, target.id)]);
      const describe = (v: PlanVersion) => ({ id: v.id, name: v.name, kind: v.kind, planId: v.planId });
      return reply(c, endpoints.compareVersions, 200, {
        base: describe(base),
        target: describe(target),
        ...compareItems(before, after),
      });
    },
  ),
];
