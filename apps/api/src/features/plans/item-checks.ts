import { checkLandingStation, corridorZoneConflicts, type LandIndex, type ZoneInput } from '@hatang/analysis';
import {
  type Geometry,
  type Issue,
  type LineStringGeometry,
  type PlanCheckResult,
  type PlanItemProperties,
  planGeometryOutput,
  planZoneFeature,
  planZoneKind,
  SEA_ZONE_KINDS,
} from '@hatang/contracts';
import { geoJson, orm, type Sql } from '@hatang/db';
import { planItems, planVersions, planZones } from '@hatang/db/schema';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { asGeometry } from './item-repository.js';

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
  const rows = await orm(tx)
    .select({
      id: planZones.id,
      kind: planZones.kind,
      name: planZones.name,
      geometry: geoJson(planZones.geom, 7),
    })
    .from(planZones)
    .where(
      and(
        or(isNull(planZones.planVersionId), eq(planZones.planVersionId, versionId)),
        inArray(planZones.kind, [...SEA_ZONE_KINDS]),
        sql`${planZones.geom} && ST_Expand(${asGeometry(route)}, ${roughDegrees(widthM)}::float8)`,
      ),
    );
  const zones: ZoneInput[] = rows.map((z) => ({
    ...z,
    kind: planZoneKind.parse(z.kind),
    geometry: planZoneFeature.shape.geometry.parse(z.geometry),
  }));
  return corridorZoneConflicts(route, widthM, zones);
}

/**
 * After a sea zone is drawn, changed or removed: recomputes the corridor checks in the drafts it
 * applies to (its own version, or every draft for a global zone). Check results are derived, so
 * item versions do not change; approved and superseded versions keep the results they were
 * decided with.
 */
export async function recheckCorridors(tx: Sql, zoneVersionId: string | null): Promise<void> {
  const corridors = await orm(tx)
    .select({
      id: planItems.id,
      planVersionId: planItems.planVersionId,
      geometry: geoJson(planItems.geom, 7),
      widthM: sql<number>`(${planItems.attributes}->>'protectionWidthM')::float8`.mapWith(Number),
    })
    .from(planItems)
    .innerJoin(planVersions, eq(planVersions.id, planItems.planVersionId))
    .where(
      and(
        eq(planItems.kind, 'submarine_corridor'),
        eq(planVersions.kind, 'draft'),
        zoneVersionId === null ? undefined : eq(planItems.planVersionId, zoneVersionId),
      ),
    );
  for (const corridor of corridors) {
    const route = planGeometryOutput.parse(corridor.geometry);
    if (route.type !== 'LineString') continue;
    const checks = await corridorWarnings(tx, corridor.planVersionId, route, corridor.widthM);
    await orm(tx).update(planItems).set({ checkResults: checks }).where(eq(planItems.id, corridor.id));
  }
}
