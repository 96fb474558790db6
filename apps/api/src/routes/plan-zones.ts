import {
  geometryOf,
  type Issue,
  type PlanZoneKind,
  planZoneProperties,
  SEA_ZONE_KINDS,
  toIssues,
} from '@hatang/contracts';
import type { Database, Sql } from '@hatang/db';
import { type Context, Hono } from 'hono';
import { auditFeature } from '../audit/audit-log.js';
import type { AppEnv } from '../context.js';
import { ApiError, notFound, validationFailed } from '../errors.js';
import { answerFeature, isUuid, readIfMatch, readJsonBody } from '../http/body.js';
import { asObject, userOf } from '../http/request-input.js';
import { recheckCorridors } from '../plans/item-checks.js';
import { assertMayReadVersion } from '../plans/plan-access.js';
import { claimDraft, findVersion } from '../plans/version-store.js';
import { findZone, listZones, type PlanZoneFeature, saveZone } from '../plans/zone-store.js';

/** Geometry and properties of a zone, every problem at once. */
function validateZone(geometry: unknown, properties: unknown) {
  const issues: Issue[] = [];
  const geom = geometryOf('Polygon').safeParse(geometry);
  if (!geom.success) issues.push(...toIssues(geom.error, ['geometry']));
  const props = planZoneProperties.safeParse(properties);
  if (!props.success) issues.push(...toIssues(props.error, ['properties']));
  if (!geom.success || !props.success) throw validationFailed(issues);
  return { geometry: geom.data, properties: props.data };
}

/** Corridors are checked against sea zones: when one changes, so may their warnings. */
async function afterZoneChange(tx: Sql, versionId: string | null, ...kinds: PlanZoneKind[]): Promise<void> {
  if (kinds.some((k) => SEA_ZONE_KINDS.includes(k))) await recheckCorridors(tx, versionId);
}

/** A zone in a version follows the version's lock; a global zone is always editable by planners. */
async function claimZoneScope(tx: Sql, versionId: string | null): Promise<void> {
  if (versionId) await claimDraft(tx, versionId);
}

/**
 * `/plan-zones`: zones drawn by planners. `GET ?planVersionId=<id>` lists the global zones and that
 * version's; without it, the global zones only.
 */
export function planZoneRoutes(db: Database) {
  const app = new Hono<AppEnv>();
  const readable = async (c: Context<AppEnv>, zone: PlanZoneFeature | undefined) => {
    if (!zone) throw notFound('Plan zone');
    if (zone.properties.planVersionId) {
      assertMayReadVersion(
        await findVersion(db, zone.properties.planVersionId),
        c.get('principal'),
        'Plan zone',
      );
    }
    return zone;
  };

  app.get('/', async (c) => {
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
    return c.json({ type: 'FeatureCollection', features: await listZones(db, versionId) });
  });

  app.get('/:id', async (c) => {
    const zone = await readable(c, await findZone(db, c.req.param('id')));
    return answerFeature(c, zone);
  });

  app.post('/', async (c) => {
    const body = asObject(await readJsonBody(c), 'a GeoJSON Feature');
    if (body.type !== 'Feature') throw validationFailed([{ path: ['type'], message: 'must be "Feature"' }]);
    const zone = validateZone(body.geometry, body.properties ?? {});
    const created = await db.transaction(async (tx) => {
      await claimZoneScope(tx, zone.properties.planVersionId);
      const stored = await saveZone(tx, crypto.randomUUID(), zone.geometry, zone.properties, userOf(c), true);
      await afterZoneChange(tx, zone.properties.planVersionId, zone.properties.kind);
      await auditFeature(tx, c, 'plan-zones', null, stored);
      return stored;
    });
    return answerFeature(c, created, `/api/v1/plan-zones/${created.id}`);
  });

  app.patch('/:id', async (c) => {
    const id = c.req.param('id');
    const expected = readIfMatch(c);
    const body = asObject(await readJsonBody(c), 'an object with "geometry" and/or "properties"');
    const patch = body.properties === undefined ? {} : asObject(body.properties, 'an object of properties');
    const updated = await db.transaction(async (tx) => {
      const found = await findZone(tx, id);
      if (!found) throw notFound('Plan zone');
      await claimZoneScope(tx, found.properties.planVersionId);
      const current = await findZone(tx, id, true);
      if (!current) throw notFound('Plan zone');
      if (current.properties.version !== expected) {
        throw new ApiError(
          409,
          'VERSION_CONFLICT',
          `This zone is at version ${current.properties.version}, not ${expected}`,
          undefined,
          current,
        );
      }
      if ('planVersionId' in patch && patch.planVersionId !== current.properties.planVersionId) {
        throw validationFailed([
          { path: ['properties', 'planVersionId'], message: 'a zone cannot move between versions' },
        ]);
      }
      const { version: _v, createdAt: _c, updatedAt: _u, ...writable } = current.properties;
      const zone = validateZone(body.geometry ?? current.geometry, { ...writable, ...patch });
      const after = await saveZone(tx, id, zone.geometry, zone.properties, userOf(c), false);
      await afterZoneChange(
        tx,
        after.properties.planVersionId,
        current.properties.kind,
        after.properties.kind,
      );
      await auditFeature(tx, c, 'plan-zones', current, after);
      return after;
    });
    return answerFeature(c, updated);
  });

  app.delete('/:id', async (c) => {
    const id = c.req.param('id');
    await db.transaction(async (tx) => {
      const current = await findZone(tx, id);
      if (!current) throw notFound('Plan zone');
      await claimZoneScope(tx, current.properties.planVersionId);
      await tx.query('DELETE FROM plan_zones WHERE id = $1', [id]);
      await afterZoneChange(tx, current.properties.planVersionId, current.properties.kind);
      await auditFeature(tx, c, 'plan-zones', current, null);
    });
    return c.body(null, 204);
  });

  return app;
}
