/**
 * Metric helpers on WGS 84 `[lng, lat]` positions (browser-safe).
 *
 * Distances use the haversine formula on a sphere of radius {@link EARTH_RADIUS_M} (the IUGG mean
 * radius, the same as Turf). Against the ellipsoid the error is below 0.5 % — about 0.2 % in
 * Hai Phong — which is fine for cable lengths and search radii; use a projected CRS (see ./crs.ts)
 * where survey accuracy matters.
 */

/** IUGG mean Earth radius in metres (also Turf's `earthRadius`). */
export const EARTH_RADIUS_M = 6_371_008.8;

const DEG = Math.PI / 180;

/** Great-circle distance in metres between two `[lng, lat]` positions. */
export function haversineM(a: readonly [number, number], b: readonly [number, number]): number {
  const lat1 = a[1] * DEG;
  const lat2 = b[1] * DEG;
  const dLat = lat2 - lat1;
  const dLng = (b[0] - a[0]) * DEG;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Length in metres of a line through `[lng, lat]` positions (0 for fewer than two positions). */
export function lineLengthM(coords: readonly (readonly [number, number])[]): number {
  let total = 0;
  for (let i = 1; i < coords.length; i++) {
    const previous = coords[i - 1];
    const current = coords[i];
    if (previous && current) total += haversineM(previous, current);
  }
  return total;
}
