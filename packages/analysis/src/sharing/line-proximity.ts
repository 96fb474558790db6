/**
 * Where one line runs alongside others: the line is cut into pieces of at most `stepM` metres and a
 * piece counts when its midpoint lies within the distance of the other geometry. Consecutive
 * counted pieces form runs (the shared geometry); the error on a run's length is < one step.
 */
import { type LngLat, lineBBox, type PlanarFrame, planarFrame, pointLineM } from './metric.js';

export interface AlongsideRun {
  coordinates: LngLat[];
  lengthM: number;
}

/** Runs of `line` whose pieces satisfy `isNear` (a test on a `[lng, lat]` midpoint). */
export function alongsideRuns(
  line: readonly LngLat[],
  isNear: (p: LngLat) => boolean,
  frame: PlanarFrame = planarFrame(line[0]?.[1] ?? 0),
  stepM = 5,
): AlongsideRun[] {
  const runs: AlongsideRun[] = [];
  let current: AlongsideRun | undefined;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1] as LngLat;
    const b = line[i] as LngLat;
    const segM = Math.hypot((b[0] - a[0]) * frame.kx, (b[1] - a[1]) * frame.ky);
    const pieces = Math.max(1, Math.ceil(segM / stepM));
    for (let k = 0; k < pieces; k++) {
      const t0 = k / pieces;
      const t1 = (k + 1) / pieces;
      const p0: LngLat = [a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0];
      const p1: LngLat = [a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1];
      const mid: LngLat = [(p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2];
      if (isNear(mid)) {
        if (!current) {
          current = { coordinates: [p0], lengthM: 0 };
          runs.push(current);
        }
        current.coordinates.push(p1);
        current.lengthM += segM / pieces;
      } else {
        current = undefined;
      }
    }
  }
  // Drop the interior points of straight pieces: keep the line's own vertices and the run ends.
  return runs.map((r) => ({
    coordinates: simplifyCollinear(r.coordinates),
    lengthM: Math.round(r.lengthM * 10) / 10,
  }));
}

function simplifyCollinear(points: LngLat[]): LngLat[] {
  if (points.length <= 2) return points;
  const out: LngLat[] = [points[0] as LngLat];
  for (let i = 1; i < points.length - 1; i++) {
    const a = out[out.length - 1] as LngLat;
    const b = points[i] as LngLat;
    const c = points[i + 1] as LngLat;
    const cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
    const scale = Math.hypot(c[0] - a[0], c[1] - a[1]) ** 2;
    if (Math.abs(cross) > 1e-9 * scale) out.push(b);
  }
  out.push(points[points.length - 1] as LngLat);
  return out;
}

/** A test "within `distanceM` of this polyline", with a bbox prefilter. */
export function nearLine(
  line: readonly LngLat[],
  distanceM: number,
  frame: PlanarFrame,
): (p: LngLat) => boolean {
  const [minX, minY, maxX, maxY] = lineBBox(line);
  const dx = distanceM / frame.kx;
  const dy = distanceM / frame.ky;
  return (p) =>
    p[0] >= minX - dx &&
    p[0] <= maxX + dx &&
    p[1] >= minY - dy &&
    p[1] <= maxY + dy &&
    pointLineM(frame, p, line) <= distanceM;
}
