/**
 * Distances in metres between a site (Point or Polygon) and points or lines nearby, on a local
 * plane around the site (scales from local-metric.ts: under 1 mm error up to 10 km). Positions
 * are `[lng, lat]` WGS 84.
 */
import { metresPerDegreeLat, metresPerDegreeLng } from '../coverage/local-metric.js';

export type SitePosition = readonly [number, number];

/** A key site or offer: a Point, or a Polygon (exterior ring first, then holes). */
export type SiteShape =
  | { type: 'Point'; coordinates: SitePosition }
  | { type: 'Polygon'; coordinates: readonly (readonly SitePosition[])[] };

type Xy = [number, number];

/** A plane in metres centred on the site. */
export class LocalPlane {
  private readonly kx: number;
  private readonly ky: number;
  constructor(private readonly origin: SitePosition) {
    this.kx = metresPerDegreeLng(origin[1]);
    this.ky = metresPerDegreeLat(origin[1]);
  }
  xy(p: SitePosition): Xy {
    return [(p[0] - this.origin[0]) * this.kx, (p[1] - this.origin[1]) * this.ky];
  }
  /** Degrees of longitude and latitude that `m` metres span here (for search boxes). */
  degrees(m: number): [number, number] {
    return [m / this.kx, m / this.ky];
  }
}

function pointSegmentM(p: Xy, a: Xy, b: Xy): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

const cross = (o: Xy, a: Xy, b: Xy) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

function segmentsCross(a: Xy, b: Xy, c: Xy, d: Xy): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

function segmentSegmentM(a: Xy, b: Xy, c: Xy, d: Xy): number {
  if (segmentsCross(a, b, c, d)) return 0;
  return Math.min(
    pointSegmentM(a, c, d),
    pointSegmentM(b, c, d),
    pointSegmentM(c, a, b),
    pointSegmentM(d, a, b),
  );
}

function inRing(p: Xy, ring: readonly Xy[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) {
      inside = !inside;
    }
  }
  return inside;
}

/** A site projected once, measuring distances to points and lines in metres (0 inside a polygon). */
export class SiteMeasure {
  readonly plane: LocalPlane;
  /** A representative position: the point, or the polygon's exterior vertex average. */
  readonly anchor: SitePosition;
  private readonly point?: Xy;
  private readonly rings: Xy[][] = [];

  constructor(shape: SiteShape) {
    if (shape.type === 'Point') {
      this.anchor = shape.coordinates;
      this.plane = new LocalPlane(this.anchor);
      this.point = this.plane.xy(shape.coordinates);
    } else {
      const outer = shape.coordinates[0] ?? [];
      const n = Math.max(1, outer.length - 1);
      let x = 0;
      let y = 0;
      for (let i = 0; i < n; i++) {
        x += outer[i]?.[0] ?? 0;
        y += outer[i]?.[1] ?? 0;
      }
      this.anchor = [x / n, y / n];
      this.plane = new LocalPlane(this.anchor);
      this.rings = shape.coordinates.map((ring) => ring.map((p) => this.plane.xy(p)));
    }
  }

  /** Longitude/latitude half-widths of a box `m` metres around the site's extent. */
  searchBox(m: number): [number, number, number, number] {
    const [dLng, dLat] = this.plane.degrees(m);
    let [minX, minY, maxX, maxY] = [this.anchor[0], this.anchor[1], this.anchor[0], this.anchor[1]];
    const [kx, ky] = this.plane.degrees(1);
    for (const ring of this.rings) {
      for (const [x, y] of ring) {
        minX = Math.min(minX, this.anchor[0] + x * kx);
        maxX = Math.max(maxX, this.anchor[0] + x * kx);
        minY = Math.min(minY, this.anchor[1] + y * ky);
        maxY = Math.max(maxY, this.anchor[1] + y * ky);
      }
    }
    return [minX - dLng, minY - dLat, maxX + dLng, maxY + dLat];
  }

  private contains(p: Xy): boolean {
    const [outer, ...holes] = this.rings;
    return !!outer && inRing(p, outer) && !holes.some((h) => inRing(p, h));
  }

  /** Metres from the site to a position (0 when inside the polygon). */
  toPoint(position: SitePosition): number {
    const p = this.plane.xy(position);
    if (this.point) return Math.hypot(p[0] - this.point[0], p[1] - this.point[1]);
    if (this.contains(p)) return 0;
    let best = Infinity;
    for (const ring of this.rings) {
      for (let i = 1; i < ring.length; i++) best = Math.min(best, pointSegmentM(p, ring[i - 1]!, ring[i]!));
    }
    return best;
  }

  /** Metres from the site to a line (0 when the line enters the polygon). */
  toLine(line: readonly SitePosition[]): number {
    const xy = line.map((p) => this.plane.xy(p));
    let best = Infinity;
    if (this.point) {
      if (xy.length === 1) return Math.hypot(xy[0]![0] - this.point[0], xy[0]![1] - this.point[1]);
      for (let i = 1; i < xy.length; i++)
        best = Math.min(best, pointSegmentM(this.point, xy[i - 1]!, xy[i]!));
      return best;
    }
    if (xy.some((p) => this.contains(p))) return 0;
    for (const ring of this.rings) {
      for (let i = 1; i < ring.length; i++) {
        for (let j = 1; j < xy.length; j++) {
          best = Math.min(best, segmentSegmentM(ring[i - 1]!, ring[i]!, xy[j - 1]!, xy[j]!));
          if (best === 0) return 0;
        }
      }
    }
    return best;
  }
}

/** A uniform grid of buckets over lng/lat boxes: candidates near a box without scanning everything. */
export class BoxIndex<T> {
  private readonly cells = new Map<string, T[]>();
  constructor(private readonly cellDeg = 0.01) {}

  private keys(box: readonly [number, number, number, number]): string[] {
    const c = this.cellDeg;
    const out: string[] = [];
    for (let i = Math.floor(box[0] / c); i <= Math.floor(box[2] / c); i++)
      for (let j = Math.floor(box[1] / c); j <= Math.floor(box[3] / c); j++) out.push(`${i}:${j}`);
    return out;
  }

  insert(box: readonly [number, number, number, number], item: T): void {
    for (const key of this.keys(box)) {
      const list = this.cells.get(key);
      if (list) list.push(item);
      else this.cells.set(key, [item]);
    }
  }

  /** Items whose boxes share a bucket with `box` (each once). */
  search(box: readonly [number, number, number, number]): T[] {
    const seen = new Set<T>();
    for (const key of this.keys(box)) for (const item of this.cells.get(key) ?? []) seen.add(item);
    return [...seen];
  }
}

/** The lng/lat bounding box of a list of positions. */
export function boxOf(points: readonly SitePosition[]): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return box;
}
