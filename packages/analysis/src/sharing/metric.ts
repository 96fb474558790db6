/**
 * Planar metres around a reference latitude, for the sharing finders' geometry (buffers of
 * 10–500 m, route legs of a few km). A position `[lng, lat]` (WGS 84) maps to `x` = east and
 * `y` = north in metres from (0°, 0°) scaled at the reference latitude; within ±0.5° of it the
 * east scale is off by < 1 % (less than 1 m on a 100 m test), and callers that compare against
 * a threshold near its edge re-measure with {@link localDistanceM}.
 *
 * Hand-written rather than Turf's `pointToLineDistance`/`length`: the finders call these for every
 * tower pair and every vertex of ≈ 1,500 km of ducts against each civil work, with no allocation
 * per call. tests/bench/sharing.bench.ts times them (city tower report, nearby hosts, dig-once
 * matching) against the same queries in PostGIS `geography`, and tests/bench/route-planner.bench.ts
 * times the route planner built on {@link localDistanceM}.
 */
import { metresPerDegreeLat, metresPerDegreeLng } from '../coverage/local-metric.js';

export { localDistanceM } from '../coverage/local-metric.js';

/** A position `[lng, lat]`, WGS 84 degrees. */
export type LngLat = [number, number];

export interface PlanarFrame {
  /** Metres per degree of longitude and latitude at the reference latitude. */
  kx: number;
  ky: number;
}

/** A planar frame scaled at `refLat` (degrees). */
export function planarFrame(refLat: number): PlanarFrame {
  return { kx: metresPerDegreeLng(refLat), ky: metresPerDegreeLat(refLat) };
}

/** A frame at the mean latitude of the positions (the equator when there are none). */
export function frameFor(positions: Iterable<LngLat>): PlanarFrame {
  let sum = 0;
  let n = 0;
  for (const p of positions) {
    sum += p[1];
    n++;
  }
  return planarFrame(n ? sum / n : 0);
}

/** Degrees of longitude and latitude that `metres` spans at latitude `lat` (a search box half-size). */
export function degreesFor(metres: number, lat: number): { dLng: number; dLat: number } {
  // 1 % margin so a box search never misses what an exact distance test would keep.
  return { dLng: (metres * 1.01) / metresPerDegreeLng(lat), dLat: (metres * 1.01) / metresPerDegreeLat(lat) };
}

/** Distance in metres from point p to segment a–b, all `[lng, lat]`, in the frame. */
export function pointSegmentM(frame: PlanarFrame, p: LngLat, a: LngLat, b: LngLat): number {
  const ax = (a[0] - p[0]) * frame.kx;
  const ay = (a[1] - p[1]) * frame.ky;
  const bx = (b[0] - p[0]) * frame.kx;
  const by = (b[1] - p[1]) * frame.ky;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  const x = ax + t * dx;
  const y = ay + t * dy;
  return Math.sqrt(x * x + y * y);
}

/** Distance in metres from a point to a polyline (`[lng, lat]` positions), in the frame. */
export function pointLineM(frame: PlanarFrame, p: LngLat, line: readonly LngLat[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < line.length; i++) {
    const d = pointSegmentM(frame, p, line[i - 1] as LngLat, line[i] as LngLat);
    if (d < best) best = d;
  }
  return best;
}

/** Planar length in metres of a polyline in the frame. */
export function lineLengthInFrameM(frame: PlanarFrame, line: readonly LngLat[]): number {
  let total = 0;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1] as LngLat;
    const b = line[i] as LngLat;
    total += Math.hypot((b[0] - a[0]) * frame.kx, (b[1] - a[1]) * frame.ky);
  }
  return total;
}

/** Bounding box `[minLng, minLat, maxLng, maxLat]` of a polyline. */
export function lineBBox(line: readonly LngLat[]): [number, number, number, number] {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [x, y] of line) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}
