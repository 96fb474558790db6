/**
 * Distances in metres between a site (Point, Polygon, or a corridor's LineString or
 * MultiLineString) and points or lines nearby, on a local plane around the site (scales from
 * local-metric.ts: under 1 mm error up to 10 km; along a city-long corridor the scale drifts by
 * about 0.1 % of the distance). Positions are `[lng, lat]` WGS 84.
 */
import { metresPerDegreeLat, metresPerDegreeLng } from '../coverage/local-metric.js';

export type SitePosition = readonly [number, number];

/**
 * A key site or offer: a Point, or a Polygon (exterior ring first, then holes); a key-site
 * corridor is a LineString or a MultiLineString.
 */
export type SiteShape =
  | { type: 'Point'; coordinates: SitePosition }
  | { type: 'Polygon'; coordinates: readonly (readonly SitePosition[])[] }
  | { type: 'LineString'; coordinates: readonly SitePosition[] }
  | { type: 'MultiLineString'; coordinates: readonly (readonly SitePosition[])[] };

/** Every position of the shape (rings' and parts' vertices), `[lng, lat]`. */
export function positionsOf(shape: SiteShape): readonly SitePosition[] {
  if (shape.type === 'Point') return [shape.coordinates];
  if (shape.type === 'LineString') return shape.coordinates;
  return shape.coordinates.flat();
}

/** A piece of a line: its midpoint `[lng, lat]`, its length in metres, and where it lies on {@link SiteMeasure.segments}. */
export interface LinePiece {
  position: SitePosition;
  lengthM: number;
  /** Index of its segment, and its midpoint's fraction (0–1) along that segment. */
  segment: number;
  t: number;
}

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
  /** The inverse of {@link xy}: `[lng, lat]` of a point on the plane. */
  lngLat([x, y]: readonly [number, number]): SitePosition {
    return [this.origin[0] + x / this.kx, this.origin[1] + y / this.ky];
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
  /** A representative position: the point, the polygon's exterior vertex average, or a line's vertex average. */
  readonly anchor: SitePosition;
  private readonly point?: Xy;
  private readonly rings: Xy[][] = [];
  /** A corridor's parts (a LineString is one part). */
  private readonly parts: Xy[][] = [];

  constructor(shape: SiteShape) {
    if (shape.type === 'Point') {
      this.anchor = shape.coordinates;
      this.plane = new LocalPlane(this.anchor);
      this.point = this.plane.xy(shape.coordinates);
    } else if (shape.type === 'LineString' || shape.type === 'MultiLineString') {
      const parts = shape.type === 'LineString' ? [shape.coordinates] : shape.coordinates;
      const all = parts.flat();
      const n = Math.max(1, all.length);
      this.anchor = [all.reduce((s, p) => s + p[0], 0) / n, all.reduce((s, p) => s + p[1], 0) / n];
      this.plane = new LocalPlane(this.anchor);
      this.parts = parts.map((part) => part.map((p) => this.plane.xy(p)));
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
    for (const ring of [...this.rings, ...this.parts]) {
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

  /** Whether the site is a line (a corridor). */
  get isLine(): boolean {
    return this.parts.length > 0;
  }

  /** Metres from the site to a position (0 when inside the polygon). */
  toPoint(position: SitePosition): number {
    const p = this.plane.xy(position);
    if (this.point) return Math.hypot(p[0] - this.point[0], p[1] - this.point[1]);
    if (this.isLine) return this.toParts(p);
    if (this.contains(p)) return 0;
    let best = Infinity;
    for (const ring of this.rings) {
      for (let i = 1; i < ring.length; i++) best = Math.min(best, pointSegmentM(p, ring[i - 1]!, ring[i]!));
    }
    return best;
  }

  private toParts(p: Xy): number {
    let best = Infinity;
    for (const part of this.parts) {
      if (part.length === 1) best = Math.min(best, Math.hypot(p[0] - part[0]![0], p[1] - part[0]![1]));
      for (let i = 1; i < part.length; i++) best = Math.min(best, pointSegmentM(p, part[i - 1]!, part[i]!));
    }
    return best;
  }

  /**
   * A corridor cut into pieces of at most `maxPieceM` metres (each segment into equal pieces),
   * each with its midpoint and length; empty for points and polygons.
   */
  pieces(maxPieceM: number): LinePiece[] {
    const out: LinePiece[] = [];
    this.segments().forEach(([a, b], segment) => {
      const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (length > 0) {
        // A hair under a whole number of pieces is that number (rounding of the projection).
        const n = Math.max(1, Math.ceil(length / maxPieceM - 1e-6));
        for (let k = 0; k < n; k++) {
          const t = (k + 0.5) / n;
          const xy: [number, number] = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
          out.push({ position: this.plane.lngLat(xy), lengthM: length / n, segment, t });
        }
      }
    });
    return out;
  }

  /** A corridor's segments on the plane (metres), part after part; empty for points and polygons. */
  segments(): [Xy, Xy][] {
    const out: [Xy, Xy][] = [];
    for (const part of this.parts) for (let i = 1; i < part.length; i++) out.push([part[i - 1]!, part[i]!]);
    return out;
  }

  /** Metres from the site to a line (0 when the line enters the polygon or crosses the corridor). */
  toLine(line: readonly SitePosition[]): number {
    const xy = line.map((p) => this.plane.xy(p));
    let best = Infinity;
    if (this.isLine) {
      if (xy.length === 1) return this.toParts(xy[0]!);
      for (const part of this.parts) {
        for (let i = 1; i < part.length; i++) {
          for (let j = 1; j < xy.length; j++) {
            best = Math.min(best, segmentSegmentM(part[i - 1]!, part[i]!, xy[j - 1]!, xy[j]!));
            if (best === 0) return 0;
          }
        }
      }
      return best;
    }
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
