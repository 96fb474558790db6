/**
 * `/plan-zones`: zones drawn by planners. `GET ?planVersionId=<id>` lists the global zones and that
 * version's; without it, the global zones only.
 */
import { planEndpoints as endpoints } from '@hatang/contracts';
import { notFound, validationFailed } from '../../errors.js';
import { isUuid, readIfMatch, readJsonBody } from '../../http/body.js';
import { defineRoute, reply } from '../../http/define-route.js';
import { asObject } from '../../http/request-input.js';
import { assertMayReadVersion, PLAN_READERS, PLANNERS } from './plan-access.js';
import { readFeaturePatch, tagVersion } from './plan-requests.js';
import { findVersion } from './version-repository.js';
import { findZone, listZones } from './zone-repository.js';
import { createZone, patchZone, removeZone } from './zone-service.js';

export const zoneRoutes = [
  defineRoute(
    endpoints.listZones,
    { resource: 'plan-zones', action: 'read', rule: PLAN_READERS },
    async (c) => {
      const db = c.var.services.db;
      const unknown = Object.keys(c.req.query()).filter((k) => k !== 'planVersionId');
      if (unknown.length)
        throw validationFailed(
          unknown.map((k) => ({ path: [k], message: 'unknown parameter; use planVersionId' })),
        );
      const versionId = c.req.query('planVersionId') ?? null;
      if (versionId !== null) {
        if (!isUuid(versionId))
          throw validationFailed([{ path: ['planVersionId'], message: 'must be a UUID' }]);
        assertMayReadVersion(await findVersion(db, versionId), c.get('principal'));
      }
      const features = await listZones(db, versionId);
      return reply(c, endpoints.listZones, 200, { type: 'FeatureCollection', features });
    },
  ),
  defineRoute(
    endpoints.createZone,
    { resource: 'plan-zones', action: 'create', rule: PLANNERS },
    async (c) => {
      const body = asObject(await readJsonBody(c), 'a GeoJSON Feature');
      const created = await createZone(c, c.var.services.db, body);
      tagVersion(c, created.properties.version, `/api/v1/plan-zones/${created.id}`);
      return reply(c, endpoints.createZone, 201, created);
    },
  ),
  defineRoute(
    endpoints.getZone,
    { resource: 'plan-zones', action: 'read', rule: PLAN_READERS },
    async (c, { params }) => {
      const db = c.var.services.db;
      const zone = await findZone(db, params.id);
      if (!zone) throw notFound('Plan zone');
      if (zone.properties.planVersionId) {
        assertMayReadVersion(
          await findVersion(db, zone.properties.planVersionId),
          c.get('principal'),
          'Plan zone',
        );
      }
      tagVersion(c, zone.properties.version);
      return reply(c, endpoints.getZone, 200, zone);
    },
  ),
  defineRoute(
    endpoints.updateZone,
    { resource: 'plan-zones', action: 'update', rule: PLANNERS },
    async (c, { params }) => {
      const expected = readIfMatch(c);
      const patch = await readFeaturePatch(c);
      const updated = await patchZone(
        c,
        c.var.services.db,
        params.id,
        expected,
        patch.geometry,
        patch.properties,
      );
      tagVersion(c, updated.properties.version);
      return reply(c, endpoints.updateZone, 200, updated);
    },
  ),
  defineRoute(
    endpoints.deleteZone,
    { resource: 'plan-zones', action: 'delete', rule: PLANNERS },
    async (c, { params }) => {
      await removeZone(c, c.var.services.db, params.id);
      return c.body(null, 204);
    },
  ),
];
