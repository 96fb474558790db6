/**
 * Metres on the WGS 84 ellipsoid for short distances, fast enough for millions of pairs.
 *
 * A degree of latitude is M(φ)·π/180 m and a degree of longitude N(φ)·cos φ·π/180 m (M, N: the
 * meridional and prime-vertical radii of curvature). Two points are then a plane apart with the
 * scales averaged between them: d² = (Δφ·k̄_lat)² + (Δλ·k̄_lng)². Against the geodesic (PostGIS
 * `geography`, GeographicLib) the error grows as d³/R²: under 1 mm up to 10 km, the largest
 * radius the model uses, which the property test checks against `ST_Distance(geography)`.
 * Haversine on a sphere would be off by up to 0.3 % (3 m per km), enough to flip cells on a
 * radius edge against PostGIS.
 *
 * Hand-written rather than Turf's `distance` for speed and accuracy both: the coverage model
 * tests every cell against every disc (millions of pairs), and tests/bench/coverage.bench.ts
 * prints "full coverage vs a plain Turf loop" (the same discs with `@turf/distance` per pair)
 * beside the PostGIS `ST_DWithin(geography)` join; Turf's sphere is also the 0.3 % error above.
 */
const A = 6_378_137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const DEG = Math.PI / 180;

/** Metres per degree of latitude at latitude `latDeg`. */
export function metresPerDegreeLat(latDeg: number): number {
  const s = Math.sin(latDeg * DEG);
  const w = 1 - E2 * s * s;
  return ((A * (1 - E2)) / (w * Math.sqrt(w))) * DEG;
}

/** Metres per degree of longitude at latitude `latDeg`. */
export function metresPerDegreeLng(latDeg: number): number {
  const s = Math.sin(latDeg * DEG);
  return ((A * Math.cos(latDeg * DEG)) / Math.sqrt(1 - E2 * s * s)) * DEG;
}

/** Distance in metres between two `[lng, lat]` positions a few km apart (see the module note). */
export function localDistanceM(a: readonly [number, number], b: readonly [number, number]): number {
  const kLat = (metresPerDegreeLat(a[1]) + metresPerDegreeLat(b[1])) / 2;
  const kLng = (metresPerDegreeLng(a[1]) + metresPerDegreeLng(b[1])) / 2;
  const dy = (b[1] - a[1]) * kLat;
  const dx = (b[0] - a[0]) * kLng;
  return Math.sqrt(dx * dx + dy * dy);
}
