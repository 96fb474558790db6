/**
 * Loads the key-site facts of an area for the indicators: the key sites register (table
 * `key_sites`) with the sites work's fiber / 5G / WiFi flags (apps/api/src/features/sites/key-site-flags.ts,
 * same distances as its defaults), and, for a plan version, what its duct routes, WiFi points and
 * new 5G sites add by milestone.
 */
import {
  DEFAULT_CORRIDOR_COVERED_SHARE,
  DEFAULT_FIBER_DISTANCE_M,
  DEFAULT_WIFI_DISTANCE_M,
  type KeySiteFacts,
  keySiteFacts,
  type PlannedSite,
  phaseEndYear,
  type SitePosition,
} from '@hatang/analysis';
import { coverageEnvironment, planPhase } from '@hatang/contracts';
import { geoJson, orm, type Sql } from '@hatang/db';
import { adminUnits, planItems } from '@hatang/db/schema';
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Geometry } from 'geojson';
import { keySiteFlags } from '../sites/key-site-flags.js';
import { listKeySites } from '../sites/key-site-repository.js';
import type { AreaCode } from './indicator-repository.js';

/** The key-site facts of the area, or null when the register has no key site there. */
export async function loadKeySiteFacts(
  db: Sql,
  area: AreaCode,
  version: { id: string; sites: readonly PlannedSite[] } | null,
): Promise<KeySiteFacts | null> {
  const sites = await listKeySites(db, area ? { commune: area } : {});
  if (sites.length === 0) return null;
  const distances = {
    fiberDistanceM: DEFAULT_FIBER_DISTANCE_M,
    wifiDistanceM: DEFAULT_WIFI_DISTANCE_M,
    corridorCoveredShare: DEFAULT_CORRIDOR_COVERED_SHARE,
  };
  const flags = await keySiteFlags(db, sites, distances);
  const records = sites.map((s) => ({ id: s.id, category: s.properties.category, geometry: s.geometry }));
  if (!version) return keySiteFacts(records, flags, null, distances);

  // drizzle leaves columns bare in a one-table select: qualified, or the subquery takes it for its own.
  const itemGeom = sql`${planItems}.${sql.identifier(planItems.geom.name)}`;
  const items = await orm(db)
    .select({
      id: planItems.id,
      kind: planItems.kind,
      phase: planItems.phase,
      geometry: geoJson(planItems.geom),
      env: sql<string | null>`(SELECT CASE WHEN ${adminUnits.unitType} = 'ward' THEN 'urban'
          WHEN ${adminUnits.unitType} = 'special_zone' THEN 'rural'
          WHEN ${adminUnits.areaKm2} > 0 AND ${adminUnits.population} / ${adminUnits.areaKm2} >= 1500 THEN 'suburban'
          ELSE 'rural' END
        FROM ${adminUnits} WHERE ST_Intersects(${adminUnits.geom}, ST_Centroid(${itemGeom})) LIMIT 1)`,
    })
    .from(planItems)
    .where(
      and(
        eq(planItems.planVersionId, version.id),
        isNull(planItems.sourceId),
        ne(planItems.status, 'cancelled'),
        inArray(planItems.kind, ['duct_route', 'wifi_point', 'tower_site', 'tower_area']),
      ),
    )
    .orderBy(asc(planItems.id));
  const coordinates = (g: Geometry): unknown => ('coordinates' in g ? g.coordinates : null);
  const fromYear = (phase: string | null) => phaseEndYear(planPhase.nullable().parse(phase));
  const environments = new Map(
    items.map((i) => [i.id, coverageEnvironment.nullable().parse(i.env) ?? 'suburban']),
  );
  return keySiteFacts(
    records,
    flags,
    {
      ductLines: items
        .filter((i) => i.kind === 'duct_route')
        .map((i) => ({ line: coordinates(i.geometry) as SitePosition[], fromYear: fromYear(i.phase) })),
      wifiPoints: items
        .filter((i) => i.kind === 'wifi_point')
        .map((i) => ({ point: coordinates(i.geometry) as SitePosition, fromYear: fromYear(i.phase) })),
      sites: version.sites,
      environmentOf: (site) => environments.get(site.id) ?? 'suburban',
    },
    distances,
  );
}
