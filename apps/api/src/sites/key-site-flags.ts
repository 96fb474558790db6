import {
  DEFAULT_SUBURBAN_DENSITY_PER_KM2,
  type Environment,
  type KeySiteStatus,
  keySiteStatus,
  type SitePosition,
} from '@hatang/analysis';
import type { KeySiteFeature } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import { loadPolygons, loadTowers } from '../analysis/coverage-data.js';

export interface FlagOptions {
  /** Fiber route or duct within this many metres. */
  fiberDistanceM: number;
  /** Public WiFi point within this many metres. */
  wifiDistanceM: number;
}

/** Degrees that certainly span `m` metres at Hai Phong's latitude (a generous search margin). */
const marginDeg = (m: number) => m / 90_000 + 0.001;

/**
 * The fiber, 4G, 5G and WiFi flags of `sites` from the register: existing fiber cable routes and
 * ducts, existing WiFi points, and existing towers with their tenancies and the operators'
 * uploaded coverage polygons (the coverage analysis' inputs). A tower's environment is its
 * commune's: wards urban, special zones rural, communes suburban from 1 500 people/km² (the
 * coverage grid's threshold, here on the published population and area).
 */
export async function keySiteFlags(
  sql: Sql,
  sites: readonly KeySiteFeature[],
  options: FlagOptions,
): Promise<Map<string, KeySiteStatus>> {
  if (sites.length === 0) return new Map();
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const site of sites) {
    const points =
      site.geometry.type === 'Point' ? [site.geometry.coordinates] : site.geometry.coordinates.flat();
    for (const [x, y] of points) {
      box[0] = Math.min(box[0]!, x);
      box[1] = Math.min(box[1]!, y);
      box[2] = Math.max(box[2]!, x);
      box[3] = Math.max(box[3]!, y);
    }
  }
  const m = marginDeg(Math.max(1000, options.fiberDistanceM, options.wifiDistanceM));
  const envelope = [box[0]! - m, box[1]! - m, box[2]! + m, box[3]! + m];
  const lines = await sql.query<{ g: string }>(
    `SELECT ST_AsGeoJSON(geom)::text AS g FROM cable_routes
       WHERE cable_type = 'fiber' AND status = 'existing' AND geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)
     UNION ALL
     SELECT ST_AsGeoJSON(geom)::text FROM ducts
       WHERE status = 'existing' AND geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)`,
    envelope,
  );
  const wifi = await sql.query<{ x: number; y: number }>(
    `SELECT ST_X(geom) AS x, ST_Y(geom) AS y FROM wifi_points
     WHERE status = 'existing' AND geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)`,
    envelope,
  );
  const units = await sql.query<{ code: string; unit_type: string; population: number; area_km2: number }>(
    'SELECT code, unit_type, population, area_km2 FROM admin_units',
  );
  const environments = new Map<string, Environment>(
    units.map((u) => {
      const density = Number(u.area_km2) > 0 ? Number(u.population) / Number(u.area_km2) : 0;
      const env: Environment =
        u.unit_type === 'ward'
          ? 'urban'
          : u.unit_type === 'special_zone'
            ? 'rural'
            : density >= DEFAULT_SUBURBAN_DENSITY_PER_KM2
              ? 'suburban'
              : 'rural';
      return [u.code, env];
    }),
  );
  const towers = await loadTowers(sql, ['existing']);
  const statuses = keySiteStatus({
    sites: sites.map((s) => ({ id: s.id, geometry: s.geometry })),
    fiberLines: lines.map((l) => (JSON.parse(l.g) as { coordinates: SitePosition[] }).coordinates),
    wifiPoints: wifi.map((w) => [Number(w.x), Number(w.y)] as const),
    towers,
    environmentOf: (t) => (t.unitCode ? environments.get(t.unitCode) : undefined) ?? 'suburban',
    polygons: await loadPolygons(sql),
    fiberDistanceM: options.fiberDistanceM,
    wifiDistanceM: options.wifiDistanceM,
  });
  return new Map(statuses.map((s) => [s.id, s]));
}
