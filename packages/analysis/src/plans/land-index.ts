import type { MultiPolygonGeometry, PolygonGeometry, Position } from '@hatang/contracts';
import { booleanPointInPolygon } from '@turf/turf';
import { metresPerDegreeLat, metresPerDegreeLng } from '../coverage/local-metric.js';

interface IndexedPolygon {
  rings: Position[][];
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Land polygons prepared for point-in-land and distance-to-coast queries. */
export interface LandIndex {
  polygons: IndexedPolygon[];
  /**
   * The box the land data was clipped to, `[minLng, minLat, maxLng, maxLat]`: polygon edges lying
   * on it are cuts, not coastline, and do not count as coast.
   */
  clipBox?: readonly [number, number, number, number];
}

/** Builds a {@link LandIndex} from land polygons (e.g. `data/basemap-land.geojson`). */
export function landIndex(
  geometries: readonly (PolygonGeometry | MultiPolygonGeometry)[],
  clipBox?: readonly [number, number, number, number],
): LandIndex {
  const polygons: IndexedPolygon[] = [];
  for (const g of geometries) {
    for (const rings of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
      const outer = rings[0] ?? [];
      polygons.push({
        rings,
        minX: Math.min(...outer.map((p) => p[0])),
        minY: Math.min(...outer.map((p) => p[1])),
        maxX: Math.max(...outer.map((p) => p[0])),
        maxY: Math.max(...outer.map((p) => p[1])),
      });
    }
  }
  return clipBox ? { polygons, clipBox } : { polygons };
}

const EPS = 1e-9;

/**
 * Whether `point` ([lng, lat]) is on land, and how far it is from the nearest coastline, metres
 * (a local plane around the point: accurate to well under 1 % within tens of km).
 */
export function landSiting(
  point: Position,
  land: LandIndex,
): { isOnLand: boolean; distanceToCoastM: number } {
  const [x0, y0] = point;
  const kx = metresPerDegreeLng(y0);
  const ky = metresPerDegreeLat(y0);
  const box = land.clipBox;
  const onCut = (a: Position, b: Position) =>
    box !== undefined &&
    ((Math.abs(a[0] - box[0]) < EPS && Math.abs(b[0] - box[0]) < EPS) ||
      (Math.abs(a[0] - box[2]) < EPS && Math.abs(b[0] - box[2]) < EPS) ||
      (Math.abs(a[1] - box[1]) < EPS && Math.abs(b[1] - box[1]) < EPS) ||
      (Math.abs(a[1] - box[3]) < EPS && Math.abs(b[1] - box[3]) < EPS));

  let isOnLand = false;
  let best = Number.POSITIVE_INFINITY;
  for (const p of land.polygons) {
    if (
      !isOnLand &&
      x0 >= p.minX &&
      x0 <= p.maxX &&
      y0 >= p.minY &&
      y0 <= p.maxY &&
      booleanPointInPolygon([x0, y0], { type: 'Polygon', coordinates: p.rings })
    ) {
      isOnLand = true;
    }
    // Skip polygons whose box is farther than the best distance found so far.
    const dx = Math.max(p.minX - x0, 0, x0 - p.maxX) * kx;
    const dy = Math.max(p.minY - y0, 0, y0 - p.maxY) * ky;
    if (dx * dx + dy * dy > best * best) continue;
    for (const ring of p.rings) {
      for (let i = 1; i < ring.length; i++) {
        const a = ring[i - 1];
        const b = ring[i];
        if (!a || !b || onCut(a, b)) continue;
        const d = segmentDistance((a[0] - x0) * kx, (a[1] - y0) * ky, (b[0] - x0) * kx, (b[1] - y0) * ky);
        if (d < best) best = d;
      }
    }
  }
  return { isOnLand, distanceToCoastM: best };
}

/**
 * Distance from the origin to segment a–b in the plane. Hand-written rather than Turf's
 * `pointToLineDistance` because the coast is measured segment by segment (cuts along the clip box
 * are skipped, boxes farther than the best so far are pruned) in the ellipsoidal local plane the
 * other checks use; Turf's sphere reads 0.15–0.4 % off here. No benchmark covers it: it runs once
 * per landing-station check over a few thousand basemap vertices.
 */
function segmentDistance(ax: number, ay: number, bx: number, by: number): number {
  const vx = bx - ax;
  const vy = by - ay;
  const len2 = vx * vx + vy * vy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * vx + ay * vy) / len2));
  return Math.hypot(ax + t * vx, ay + t * vy);
}
