import { checkLandingStation, corridorZoneConflicts, type LandIndex, type ZoneInput } from '@hatang/analysis';
import {
  type Geometry,
  type Issue,
  type LineStringGeometry,
  type PlanCheckResult,
  type PlanItemProperties,
  SEA_ZONE_KINDS,
} from '@hatang/contracts';
import type { Sql } from '@hatang/db';

/**
 * Rules that reject an item outright, checked before any SQL: a landing station must be on land.
 * Returns the problems with their paths (empty when the item may be stored).
 */
export function rejectionsFor(geometry: Geometry, properties: PlanItemProperties, land: LandIndex): Issue[] {
  if (properties.kind !== 'landing_station' || geometry.type !== 'Point') return [];
  const verdict = checkLandingStation(geometry.coordinates, land);
  return verdict.ok ? [] : [{ path: ['geometry', 'coordinates'], message: verdict.message }];
}

/** Metres → degrees of latitude, generous (for a bounding-box prefilter only). */
const roughDegrees = (m: number) => (m / 111_000) * 1.5 + 0.001;

/**
 * Warnings stored with the item: a submarine corridor crossing sea zones (global zones and the
 * version's own), a landing station far inland. Runs in the write's transaction.
 */
export async function warningsFor(
  tx: Sql,
  versionId: string,
  geometry: Geometry,
  properties: PlanItemProperties,
  land: LandIndex,
): Promise<PlanCheckResult[]> {
  if (properties.kind === 'landing_station' && geometry.type === 'Point') {
    const verdict = checkLandingStation(geometry.coordinates, land);
    return verdict.ok ? verdict.results : [];
  }
  if (properties.kind === 'submarine_corridor' && geometry.type === 'LineString') {
    return corridorWarnings(tx, versionId, geometry, Number(properties.attributes.protectionWidthM));
  }
  return [];
}

async function corridorWarnings(
  tx: Sql,
  versionId: string,
  route: LineStringGeometry,
  widthM: number,
): Promise<PlanCheckResult[]> {
  const zones = await tx.query<ZoneInput>(
    `SELECT id::text AS id, kind, name, ST_AsGeoJSON(geom, 7)::json AS geometry FROM plan_zones
     WHERE (plan_version_id IS NULL OR plan_version_id = $1) AND kind = ANY($2::text[])
       AND geom && ST_Expand(ST_SetSRID(ST_GeomFromGeoJSON($3), 4326), $4)`,
    [versionId, `{${SEA_ZONE_KINDS.join(',')}}`, JSON.stringify(route), roughDegrees(widthM)],
  );
  return corridorZoneConflicts(route, widthM, zones);
}

/**
 * After a sea zone is drawn, changed or removed: recomputes the corridor checks in the drafts it
 * applies to (its own version, or every draft for a global zone). Check results are derived, so
 * item versions do not change; approved and superseded versions keep the results they were
 * decided with.
 */
export async function recheckCorridors(tx: Sql, zoneVersionId: string | null): Promise<void> {
  const corridors = await tx.query<{
    id: string;
    planVersionId: string;
    geometry: LineStringGeometry;
    widthM: number;
  }>(
    `SELECT i.id::text AS id, i.plan_version_id::text AS "planVersionId", ST_AsGeoJSON(i.geom, 7)::json AS geometry,
       (i.attributes->>'protectionWidthM')::float8 AS "widthM"
     FROM plan_items i JOIN plan_versions v ON v.id = i.plan_version_id
     WHERE i.kind = 'submarine_corridor' AND v.kind = 'draft' AND ($1::uuid IS NULL OR i.plan_version_id = $1::uuid)`,
    [zoneVersionId],
  );
  for (const corridor of corridors) {
    const checks = await corridorWarnings(tx, corridor.planVersionId, corridor.geometry, corridor.widthM);
    await tx.query('UPDATE plan_items SET check_results = $2::text::jsonb WHERE id = $1', [
      corridor.id,
      JSON.stringify(checks),
    ]);
  }
}
