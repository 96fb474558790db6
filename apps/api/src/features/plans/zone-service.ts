/**
 * Drawing, changing and deleting zones: global ones (always editable by planners) and those of a
 * draft (following its lock). A sea zone's change rechecks the corridors it may cross. Each write
 * is one transaction, audited in it.
 */
import {
  geometryOf,
  type Issue,
  type PlanZoneKind,
  planZoneProperties,
  SEA_ZONE_KINDS,
  toIssues,
} from '@hatang/contracts';
import type { Database, Sql } from '@hatang/db';
import type { Context } from 'hono';
import { auditFeature } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { ApiError, notFound, validationFailed } from '../../errors.js';
import { userOf } from '../../http/request-input.js';
import { recheckCorridors } from './item-checks.js';
import { claimDraft } from './version-repository.js';
import { deleteZone, findZone, type PlanZoneFeature, saveZone } from './zone-repository.js';

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

/** A new zone from a request body (a Feature). */
export async function createZone(
  c: Context<AppEnv>,
  db: Database,
  body: Record<string, unknown>,
): Promise<PlanZoneFeature> {
  if (body.type !== 'Feature') throw validationFailed([{ path: ['type'], message: 'must be "Feature"' }]);
  const zone = validateZone(body.geometry, body.properties ?? {});
  return db.transaction(async (tx) => {
    await claimZoneScope(tx, zone.properties.planVersionId);
    const stored = await saveZone(tx, crypto.randomUUID(), zone.geometry, zone.properties, userOf(c), true);
    await afterZoneChange(tx, zone.properties.planVersionId, zone.properties.kind);
    await auditFeature(tx, c, 'plan-zones', null, stored);
    return stored;
  });
}

/** Merges `patch` into the zone (If-Match `expected`); a zone cannot move between versions. */
export async function patchZone(
  c: Context<AppEnv>,
  db: Database,
  id: string,
  expected: number,
  geometry: unknown,
  patch: Record<string, unknown>,
): Promise<PlanZoneFeature> {
  return db.transaction(async (tx) => {
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
    const zone = validateZone(geometry ?? current.geometry, { ...writable, ...patch });
    const after = await saveZone(tx, id, zone.geometry, zone.properties, userOf(c), false);
    await afterZoneChange(tx, after.properties.planVersionId, current.properties.kind, after.properties.kind);
    await auditFeature(tx, c, 'plan-zones', current, after);
    return after;
  });
}

export async function removeZone(c: Context<AppEnv>, db: Database, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await findZone(tx, id);
    if (!current) throw notFound('Plan zone');
    await claimZoneScope(tx, current.properties.planVersionId);
    await deleteZone(tx, id);
    await afterZoneChange(tx, current.properties.planVersionId, current.properties.kind);
    await auditFeature(tx, c, 'plan-zones', current, null);
  });
}
