/**
 * Metric helpers on WGS 84 `[lng, lat]` positions (browser-safe): Turf's `distance` and `length`
 * under the names the callers use.
 *
 * Turf measures great circles (haversine) on a sphere of radius {@link EARTH_RADIUS_M}, the IUGG
 * mean radius. Against the ellipsoid the error is below 0.5 % — about 0.2 % in Hai Phong — which
 * is fine for cable lengths and search radii; use a projected CRS (see ./crs.ts) where survey
 * accuracy matters.
 */
import { distance, earthRadius, length, lineString } from '@turf/turf';

/** IUGG mean Earth radius in metres: Turf's `earthRadius` (6 371 008.8 m). */
export const EARTH_RADIUS_M: number = earthRadius;

/** Great-circle distance in metres between two `[lng, lat]` positions (Turf `distance`). */
export function haversineM(a: readonly [number, number], b: readonly [number, number]): number {
  return distance([a[0], a[1]], [b[0], b[1]], { units: 'meters' });
}

/**
 * Length in metres of a line through `[lng, lat]` positions (Turf `length`); 0 for fewer than
 * two positions, which Turf would refuse as a line.
 */
export function lineLengthM(coords: readonly (readonly [number, number])[]): number {
  if (coords.length < 2) return 0;
  return length(lineString(coords.map((c) => [c[0], c[1]])), { units: 'meters' });
}
