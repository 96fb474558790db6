import {
  DEFAULT_SUBURBAN_DENSITY_PER_KM2,
  type Environment,
  type KeySiteStatus,
  keySiteStatus,
  positionsOf,
  type SitePosition,
} from '@hatang/analysis';
import type { BBox, KeySiteFeature } from '@hatang/contracts';
import { geoJson, orm, type Sql } from '@hatang/db';
import { adminUnits, cableRoutes, ducts, wifiPoints } from '@hatang/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import { loadPolygons, loadTowers } from '../analysis/coverage-data.js';
import { inBbox } from './place-repository.js';

export interface FlagOptions {
  /** Fiber route or duct within this many metres. */
  fiberDistanceM: number;
  /** Public WiFi point within this many metres. */
  wifiDistanceM: number;
  /** A corridor has 4G/5G when this share (0–1) of its length is covered (default 0.95). */
  corridorCoveredShare?: number;
}

/** A GeoJSON position as `[lng, lat]`. */
const position = ([lng = Number.NaN, lat = Number.NaN]: number[]): SitePosition => [lng, lat];

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
  db: Sql,
  sites: readonly KeySiteFeature[],
  options: FlagOptions,
): Promise<Map<string, KeySiteStatus>> {
  if (sites.length === 0) return new Map();
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const site of sites) {
    for (const [x, y] of positionsOf(site.geometry)) {
      box[0] = Math.min(box[0]!, x);
      box[1] = Math.min(box[1]!, y);
      box[2] = Math.max(box[2]!, x);
      box[3] = Math.max(box[3]!, y);
    }
  }
  const m = marginDeg(Math.max(1000, options.fiberDistanceM, options.wifiDistanceM));
  const envelope: BBox = [box[0]! - m, box[1]! - m, box[2]! + m, box[3]! + m];
  const fiber = await orm(db)
    .select({ line: geoJson(cableRoutes.geom) })
    .from(cableRoutes)
    .where(
      and(
        eq(cableRoutes.cableType, 'fiber'),
        eq(cableRoutes.status, 'existing'),
        inBbox(cableRoutes.geom, envelope),
      ),
    );
  const ductLines = await orm(db)
    .select({ line: geoJson(ducts.geom) })
    .from(ducts)
    .where(and(eq(ducts.status, 'existing'), inBbox(ducts.geom, envelope)));
  const wifi = await orm(db)
    .select({
      x: sql<number>`ST_X(${wifiPoints.geom})`.mapWith(Number),
      y: sql<number>`ST_Y(${wifiPoints.geom})`.mapWith(Number),
    })
    .from(wifiPoints)
    .where(and(eq(wifiPoints.status, 'existing'), inBbox(wifiPoints.geom, envelope)));
  const units = await orm(db)
    .select({
      code: adminUnits.code,
      unitType: adminUnits.unitType,
      population: adminUnits.population,
      areaKm2: adminUnits.areaKm2,
    })
    .from(adminUnits);
  const environments = new Map<string, Environment>(
    units.map((u) => {
      const density = u.areaKm2 > 0 ? u.population / u.areaKm2 : 0;
      const env: Environment =
        u.unitType === 'ward'
          ? 'urban'
          : u.unitType === 'special_zone'
            ? 'rural'
            : density >= DEFAULT_SUBURBAN_DENSITY_PER_KM2
              ? 'suburban'
              : 'rural';
      return [u.code, env];
    }),
  );
  const towers = await loadTowers(db, ['existing']);
  const statuses = keySiteStatus({
    sites: sites.map((s) => ({ id: s.id, geometry: s.geometry })),
    fiberLines: [...fiber, ...ductLines].map(({ line }) => line.coordinates.map(position)),
    wifiPoints: wifi.map(({ x, y }) => [x, y] as const),
    towers,
    environmentOf: (t) => (t.unitCode ? environments.get(t.unitCode) : undefined) ?? 'suburban',
    polygons: await loadPolygons(db),
    fiberDistanceM: options.fiberDistanceM,
    wifiDistanceM: options.wifiDistanceM,
    corridorCoveredShare: options.corridorCoveredShare,
  });
  return new Map(statuses.map((s) => [s.id, s]));
}
