/**
 * Small planar helpers in a local metric approximation around Hai Phong (≈ 20.85° N), good to
 * well under 1 % over the region: distances, bearings, walking along polylines.
 */
import type { LngLat } from './csv.js';

export type Point = [number, number];

/** Reference latitude for the local metric approximation. */
export const REF_LAT = 20.85;
export const M_PER_DEG_LAT = 110_700;
export const M_PER_DEG_LNG = 111_320 * Math.cos((REF_LAT * Math.PI) / 180);

/** Rounds to 6 decimals (≈ 0.1 m), the precision written to CSV; test land on rounded points. */
export function round6(p: LngLat): Point {
  return [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];
}

export function distanceM(a: LngLat, b: LngLat): number {
  const dx = (b[0] - a[0]) * M_PER_DEG_LNG;
  const dy = (b[1] - a[1]) * M_PER_DEG_LAT;
  return Math.sqrt(dx * dx + dy * dy);
}

/** The point `metres` from `p` towards `bearingDeg` (0 = north, 90 = east). */
export function offsetM(p: LngLat, bearingDeg: number, metres: number): Point {
  const r = (bearingDeg * Math.PI) / 180;
  return [p[0] + (Math.sin(r) * metres) / M_PER_DEG_LNG, p[1] + (Math.cos(r) * metres) / M_PER_DEG_LAT];
}

/** Moves `p` by metres east (`dx`) and north (`dy`). */
export function shiftM(p: LngLat, dx: number, dy: number): Point {
  return [p[0] + dx / M_PER_DEG_LNG, p[1] + dy / M_PER_DEG_LAT];
}

export function lerp(a: LngLat, b: LngLat, t: number): Point {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

export function polylineLengthM(line: readonly LngLat[]): number {
  let total = 0;
  for (let i = 1; i < line.length; i++) total += distanceM(line[i - 1]!, line[i]!);
  return total;
}

/** Cumulative distance at each vertex (first 0). */
export function cumulativeM(line: readonly LngLat[]): Float64Array {
  const out = new Float64Array(line.length);
  for (let i = 1; i < line.length; i++) out[i] = out[i - 1]! + distanceM(line[i - 1]!, line[i]!);
  return out;
}

/** The point at distance `d` along `line` (clamped), given its cumulative distances. */
export function pointAlong(line: readonly LngLat[], cum: Float64Array, d: number): Point {
  const last = line.length - 1;
  if (d <= 0) return [line[0]![0], line[0]![1]];
  if (d >= cum[last]!) return [line[last]![0], line[last]![1]];
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! <= d) lo = mid;
    else hi = mid;
  }
  const seg = cum[hi]! - cum[lo]!;
  return lerp(line[lo]!, line[hi]!, seg > 0 ? (d - cum[lo]!) / seg : 0);
}

/** The part of `line` between distances `from` and `to` (from < to), vertices included. */
export function sliceAlong(line: readonly LngLat[], cum: Float64Array, from: number, to: number): Point[] {
  const out: Point[] = [pointAlong(line, cum, from)];
  for (let i = 0; i < line.length; i++) {
    if (cum[i]! > from && cum[i]! < to) out.push([line[i]![0], line[i]![1]]);
  }
  out.push(pointAlong(line, cum, to));
  return out;
}

/** Removes consecutive duplicate points (after rounding) so LineStrings stay valid. */
export function dedupe(line: readonly LngLat[]): Point[] {
  const out: Point[] = [];
  for (const p of line) {
    const r = round6(p);
    const prev = out[out.length - 1];
    if (!prev || prev[0] !== r[0] || prev[1] !== r[1]) out.push(r);
  }
  return out;
}
