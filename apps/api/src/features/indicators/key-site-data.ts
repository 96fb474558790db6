/**
 * Loads the key-site facts of an area for the indicators: the key sites register (table
 * `key_sites`) with the sites work's fiber / 5G / WiFi flags (apps/api/src/features/sites/key-site-flags.ts,
 * same distances as its defaults), and, for a plan version, what its duct routes, WiFi points and
 * new 5G sites add by milestone.
 */
import {
  DEFAULT_FIBER_DISTANCE_M,
  DEFAULT_WIFI_DISTANCE_M,
  type Environment,
  type KeySiteFacts,
  keySiteFacts,
  type PlannedSite,
  phaseEndYear,
  type SitePosition,
} from '@hatang/analysis';
import type { Sql } from '@hatang/db';
import { keySiteFlags } from '../sites/key-site-flags.js';
import { listKeySites } from '../sites/key-site-repository.js';
import type { AreaCode } from './indicator-repository.js';

type Phase = '2026-2027' | '2028-2030' | '2031-2040' | null;

/** The key-site facts of the area, or null when the register has no key site there. */
export async function loadKeySiteFacts(
  sql: Sql,
  area: AreaCode,
  version: { id: string; sites: readonly PlannedSite[] } | null,
): Promise<KeySiteFacts | null> {
  const sites = await listKeySites(sql, area ? { commune: area } : {});
  if (sites.length === 0) return null;
  const distances = { fiberDistanceM: DEFAULT_FIBER_DISTANCE_M, wifiDistanceM: DEFAULT_WIFI_DISTANCE_M };
  const flags = await keySiteFlags(sql, sites, distances);
  const records = sites.map((s) => ({ id: s.id, category: s.properties.category, geometry: s.geometry }));
  if (!version) return keySiteFacts(records, flags, null, distances);

  const items = await sql.query<{
    id: string;
    kind: string;
    phase: Phase;
    geometry: string;
    env: Environment | null;
  }>(
    `SELECT i.id::text, i.kind, i.phase, ST_AsGeoJSON(i.geom)::text AS geometry,
       (SELECT CASE WHEN a.unit_type = 'ward' THEN 'urban' WHEN a.unit_type = 'special_zone' THEN 'rural'
                    WHEN a.area_km2 > 0 AND a.population / a.area_km2 >= 1500 THEN 'suburban' ELSE 'rural' END
        FROM admin_units a WHERE ST_Intersects(a.geom, ST_Centroid(i.geom)) LIMIT 1) AS env
     FROM plan_items i
     WHERE i.plan_version_id = $1 AND i.source_id IS NULL AND i.status <> 'cancelled'
       AND i.kind IN ('duct_route', 'wifi_point', 'tower_site', 'tower_area')
     ORDER BY i.id`,
    [version.id],
  );
  const coordinates = (g: string) => (JSON.parse(g) as { coordinates: unknown }).coordinates;
  const environments = new Map(items.map((i) => [i.id, i.env ?? 'suburban']));
  return keySiteFacts(
    records,
    flags,
    {
      ductLines: items
        .filter((i) => i.kind === 'duct_route')
        .map((i) => ({ line: coordinates(i.geometry) as SitePosition[], fromYear: phaseEndYear(i.phase) })),
      wifiPoints: items
        .filter((i) => i.kind === 'wifi_point')
        .map((i) => ({ point: coordinates(i.geometry) as SitePosition, fromYear: phaseEndYear(i.phase) })),
      sites: version.sites,
      environmentOf: (site) => environments.get(site.id) ?? 'suburban',
    },
    distances,
  );
}
