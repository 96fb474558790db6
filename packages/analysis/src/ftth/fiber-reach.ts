/**
 * The proxy of fibre to the home (issue #17, item 2): people in population grid cells whose centre
 * lies within `reachM` metres of an existing fibre route, per admin unit. Households follow by
 * dividing by a household size (an assumption). It says where the network runs near people; it
 * does not say that a home is connected, so it is shown beside the operators' figures, labelled
 * "ước tính (proxy)".
 */
import type { CellGrid } from '../coverage/cell-grid.js';
import { metresPerDegreeLat, metresPerDegreeLng } from '../coverage/local-metric.js';

/** A route as `[lng, lat]` positions (WGS 84). */
export type FiberLine = ReadonlyArray<readonly [number, number]>;

export interface FiberReach {
  reachM: number;
  /** People per unit (the grid's units, in order). */
  populationByUnit: Float64Array;
  /** People in cells within reach, per unit. */
  inReachByUnit: Float64Array;
}

/** Pieces of a long segment: each box scanned stays near the line (metres). */
const PIECE_M = 250;

/**
 * Marks the grid cells within `reachM` metres (local ellipsoidal metric, see local-metric.ts) of
 * any of `lines` and sums their people per admin unit. Each segment is cut into pieces of at most
 * 250 m and only the cells in a piece's box (grown by the reach) are measured against it, so the
 * work grows with the network's length, not cells × segments.
 */
export function fiberReach(grid: CellGrid, lines: readonly FiberLine[], reachM: number): FiberReach {
  const marked = new Uint8Array(grid.n);
  const out = new Int32Array(grid.n);
  for (const line of lines) {
    for (let s = 1; s < line.length; s++) {
      const a = line[s - 1]!;
      const b = line[s]!;
      const kLat = metresPerDegreeLat((a[1] + b[1]) / 2);
      const kLng = metresPerDegreeLng((a[1] + b[1]) / 2);
      const lengthM = Math.hypot((b[0] - a[0]) * kLng, (b[1] - a[1]) * kLat);
      const pieces = Math.max(1, Math.ceil(lengthM / PIECE_M));
      for (let p = 0; p < pieces; p++) {
        const t0 = p / pieces;
        const t1 = (p + 1) / pieces;
        const p0: [number, number] = [a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0];
        const p1: [number, number] = [a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1];
        // The box grown by the reach, with a margin for the scale changing across it.
        const dLat = (reachM / kLat) * 1.01 + 1e-9;
        const dLng = (reachM / kLng) * 1.01 + 1e-9;
        const count = grid.inBox(
          Math.min(p0[0], p1[0]) - dLng,
          Math.min(p0[1], p1[1]) - dLat,
          Math.max(p0[0], p1[0]) + dLng,
          Math.max(p0[1], p1[1]) + dLat,
          out,
        );
        for (let k = 0; k < count; k++) {
          const i = out[k]!;
          if (marked[i]) continue;
          if (distanceToSegmentM(grid.lng[i]!, grid.lat[i]!, p0, p1) <= reachM) marked[i] = 1;
        }
      }
    }
  }
  const populationByUnit = new Float64Array(grid.units.length);
  const inReachByUnit = new Float64Array(grid.units.length);
  for (let i = 0; i < grid.n; i++) {
    const u = grid.unit[i]!;
    populationByUnit[u]! += grid.population[i]!;
    if (marked[i]) inReachByUnit[u]! += grid.population[i]!;
  }
  return { reachM, populationByUnit, inReachByUnit };
}

/** Metres from `[lng, lat]` to the segment p0–p1, on a plane scaled at the point's latitude. */
export function distanceToSegmentM(
  lng: number,
  lat: number,
  p0: readonly [number, number],
  p1: readonly [number, number],
): number {
  const kLat = metresPerDegreeLat(lat);
  const kLng = metresPerDegreeLng(lat);
  const ax = (p0[0] - lng) * kLng;
  const ay = (p0[1] - lat) * kLat;
  const bx = (p1[0] - lng) * kLng;
  const by = (p1[1] - lat) * kLat;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/** Households from people: people ÷ household size, rounded to a whole household. */
export const householdsOf = (people: number, householdSize: number): number =>
  Math.round(people / householdSize);
