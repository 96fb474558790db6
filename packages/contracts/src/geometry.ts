/**
 * Strict zod schemas for the GeoJSON geometries the API accepts (RFC 7946, WGS 84).
 *
 * Geometry is validated completely in JavaScript, before it reaches PostGIS: invalid input can make
 * GEOS throw or, in embedded PostGIS, hang. Every problem is reported at once, each with a path into
 * the coordinates (e.g. `['coordinates', 0, 3, 1]` = ring 0, position 3, latitude), so a client can
 * highlight all bad vertices in one round trip.
 *
 * Checked: `type`; positions (2 numbers [lng, lat], or 3 with an altitude that is accepted and
 * dropped); finite numbers; longitude in [-180, 180], latitude in [-90, 90]; LineString with ≥ 2
 * positions and non-zero length; polygon rings with ≥ 4 positions, closed, not self-intersecting
 * (crossing, touching or doubling back), non-zero area; holes not crossing the exterior ring or each
 * other, lying inside it and not inside another hole. Not checked: ring orientation (RFC 7946 says parsers must not reject
 * either winding), overlap between the polygons of a MultiPolygon, and any regional bound (see
 * {@link HAI_PHONG_BBOX} for that).
 *
 * Browser-safe: depends on zod only.
 */
import { z } from 'zod';

/** A position `[lng, lat]`: longitude then latitude, decimal degrees, WGS 84 (EPSG:4326). */
export type Position = [number, number];

/** A position as accepted on input: `[lng, lat]` or `[lng, lat, altitude]` (altitude is dropped). */
export type InputPosition = [number, number] | [number, number, number];

export interface PointGeometry {
  type: 'Point';
  coordinates: Position;
  bbox?: number[];
}

export interface LineStringGeometry {
  type: 'LineString';
  coordinates: Position[];
  bbox?: number[];
}

/** Rings: the first is the exterior, the others are holes; each ring is closed (first = last). */
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
  bbox?: number[];
}

export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Position[][][];
  bbox?: number[];
}

export type Geometry = PointGeometry | LineStringGeometry | PolygonGeometry | MultiPolygonGeometry;

/**
 * Coarse bounding box of Hai Phong city, `[minLng, minLat, maxLng, maxLat]` in WGS 84: the city
 * including the former Hải Dương province (merged 2025) in the west and Bạch Long Vĩ island
 * (≈ 107.73° E, 20.13° N) in the Gulf of Tonkin, with a margin. A sanity bound for imports and
 * map views only — it is deliberately not part of the geometry schemas, which are general.
 */
export const HAI_PHONG_BBOX = [105.9, 20.0, 107.8, 21.3] as const;

// ---------------------------------------------------------------------------------------------
// Issue collection
// ---------------------------------------------------------------------------------------------

type Path = (string | number)[];

/** More issues than this are summarised in one final issue, so a broken 100 000-vertex upload stays readable. */
const MAX_ISSUES = 100;

class Issues {
  readonly list: { message: string; path: Path }[] = [];
  private dropped = 0;
  /** Set when a check stopped early because the list was full, so `dropped` is a lower bound. */
  stopped = false;

  add(message: string, path: Path): void {
    if (this.list.length < MAX_ISSUES) this.list.push({ message, path });
    else this.dropped++;
  }

  get full(): boolean {
    return this.list.length >= MAX_ISSUES;
  }

  /** The collected issues, plus a summary of those beyond {@link MAX_ISSUES}. */
  all(): { message: string; path: Path }[] {
    if (this.dropped === 0 && !this.stopped) return this.list;
    const message = this.stopped
      ? `further geometry problems not listed (checking stopped after ${MAX_ISSUES})`
      : `${this.dropped} more geometry problems not listed`;
    return [...this.list, { message, path: ['coordinates'] }];
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value;
}

const fmt = (n: number) => String(Number(n.toFixed(7)));
const fmtPoint = (x: number, y: number) => `[${fmt(x)}, ${fmt(y)}]`;

// ---------------------------------------------------------------------------------------------
// Positions
// ---------------------------------------------------------------------------------------------

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Validates one position; returns `[lng, lat]` if it is valid. */
function checkPosition(value: unknown, path: Path, issues: Issues): Position | undefined {
  if (!Array.isArray(value)) {
    issues.add(`position must be an array [lng, lat], got ${describe(value)}`, path);
    return undefined;
  }
  if (value.length !== 2 && value.length !== 3) {
    issues.add(`position must have 2 numbers [lng, lat] (or 3 with altitude), got ${value.length}`, path);
    return undefined;
  }
  const [lng, lat, altitude] = value;
  let ok = true;
  if (!isFiniteNumber(lng)) {
    issues.add(`longitude must be a finite number, got ${describe(lng)}`, [...path, 0]);
    ok = false;
  } else if (lng < -180 || lng > 180) {
    issues.add(`longitude ${lng} is out of range [-180, 180]`, [...path, 0]);
    ok = false;
  }
  if (!isFiniteNumber(lat)) {
    issues.add(`latitude must be a finite number, got ${describe(lat)}`, [...path, 1]);
    ok = false;
  } else if (lat < -90 || lat > 90) {
    const swapped = isFiniteNumber(lng) && Math.abs(lng) <= 90 && Math.abs(lat) <= 180;
    issues.add(
      `latitude ${lat} is out of range [-90, 90]${swapped ? ' (longitude and latitude swapped? GeoJSON is [lng, lat])' : ''}`,
      [...path, 1],
    );
    ok = false;
  }
  if (value.length === 3 && !isFiniteNumber(altitude)) {
    issues.add(`altitude must be a finite number when given, got ${describe(altitude)}`, [...path, 2]);
    ok = false;
  }
  return ok && isFiniteNumber(lng) && isFiniteNumber(lat) ? [lng, lat] : undefined;
}

/** Validates an array of positions; returns them all if every one is valid. */
function checkPositions(value: unknown, path: Path, what: string, issues: Issues): Position[] | undefined {
  if (!Array.isArray(value)) {
    issues.add(`${what} must be an array of positions, got ${describe(value)}`, path);
    return undefined;
  }
  const positions: Position[] = [];
  let ok = true;
  value.forEach((item, i) => {
    const position = checkPosition(item, [...path, i], issues);
    if (position) positions.push(position);
    else ok = false;
  });
  return ok ? positions : undefined;
}

const samePosition = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

// ---------------------------------------------------------------------------------------------
// Segment intersection (rings)
// ---------------------------------------------------------------------------------------------

interface Segment {
  ring: number;
  /** Index of the segment's first position in the ring as given (duplicates included). */
  start: number;
  /** Index among the ring's deduplicated segments, for adjacency. */
  k: number;
  ax: number;
  ay: number;
  bx: number;
  by: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

interface RingInfo {
  /** Number of (deduplicated) segments. */
  count: number;
}

function ringSegments(ring: Position[], ringIndex: number): Segment[] {
  const segments: Segment[] = [];
  let from = 0;
  for (let i = 1; i < ring.length; i++) {
    const a = ring[from];
    const b = ring[i];
    if (!a || !b || samePosition(a, b)) continue; // repeated positions are allowed, and skipped
    segments.push({
      ring: ringIndex,
      start: from,
      k: segments.length,
      ax: a[0],
      ay: a[1],
      bx: b[0],
      by: b[1],
      minX: Math.min(a[0], b[0]),
      maxX: Math.max(a[0], b[0]),
      minY: Math.min(a[1], b[1]),
      maxY: Math.max(a[1], b[1]),
    });
    from = i;
  }
  return segments;
}

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) =>
  Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));

type Contact =
  | { kind: 'none' }
  | { kind: 'cross'; x: number; y: number }
  | { kind: 'touch'; x: number; y: number }
  | { kind: 'overlap'; x: number; y: number };

/** How two segments meet: not at all, crossing at an interior point, touching at one point, or overlapping collinearly. */
function contact(p: Segment, q: Segment): Contact {
  const o1 = orient(p.ax, p.ay, p.bx, p.by, q.ax, q.ay);
  const o2 = orient(p.ax, p.ay, p.bx, p.by, q.bx, q.by);
  const o3 = orient(q.ax, q.ay, q.bx, q.by, p.ax, p.ay);
  const o4 = orient(q.ax, q.ay, q.bx, q.by, p.bx, p.by);

  if (o1 === 0 && o2 === 0 && o3 === 0 && o4 === 0) {
    // Collinear: compare the intervals along the dominant axis.
    const useX = p.maxX - p.minX >= p.maxY - p.minY;
    const lo = useX ? Math.max(p.minX, q.minX) : Math.max(p.minY, q.minY);
    const hi = useX ? Math.min(p.maxX, q.maxX) : Math.min(p.maxY, q.maxY);
    if (lo > hi) return { kind: 'none' };
    const pointAt = (v: number) => {
      for (const [x, y] of [
        [p.ax, p.ay],
        [p.bx, p.by],
        [q.ax, q.ay],
        [q.bx, q.by],
      ] as const) {
        if ((useX ? x : y) === v) return { x, y };
      }
      return { x: p.ax, y: p.ay };
    };
    const at = pointAt(lo);
    return lo === hi ? { kind: 'touch', ...at } : { kind: 'overlap', ...at };
  }

  if (o1 !== o2 && o3 !== o4) {
    if (o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) {
      const dx = p.bx - p.ax;
      const dy = p.by - p.ay;
      const ex = q.bx - q.ax;
      const ey = q.by - q.ay;
      const t = ((q.ax - p.ax) * ey - (q.ay - p.ay) * ex) / (dx * ey - dy * ex);
      return { kind: 'cross', x: p.ax + t * dx, y: p.ay + t * dy };
    }
    // An endpoint lies on the other segment.
    if (o1 === 0) return { kind: 'touch', x: q.ax, y: q.ay };
    if (o2 === 0) return { kind: 'touch', x: q.bx, y: q.by };
    if (o3 === 0) return { kind: 'touch', x: p.ax, y: p.ay };
    return { kind: 'touch', x: p.bx, y: p.by };
  }
  return { kind: 'none' };
}

/**
 * Reports self-intersections within each ring and crossings between rings of one polygon.
 * Sweep over segments sorted by their west edge: near-linear for real geometry, O(n²) only for
 * pathological inputs where every segment spans the same longitudes.
 */
function checkRingIntersections(rings: Position[][], path: Path, issues: Issues): boolean {
  const infos: RingInfo[] = [];
  const segments: Segment[] = [];
  rings.forEach((ring, r) => {
    const own = ringSegments(ring, r);
    infos.push({ count: own.length });
    segments.push(...own);
  });
  segments.sort((a, b) => a.minX - b.minX);

  let ok = true;
  const ringName = (r: number) => (r === 0 ? 'the exterior ring' : `hole ${r}`);
  for (let i = 0; i < segments.length; i++) {
    if (issues.full) {
      issues.stopped = true;
      return false;
    }
    const p = segments[i];
    if (!p) continue;
    for (let j = i + 1; j < segments.length; j++) {
      const q = segments[j];
      if (!q || q.minX > p.maxX) break;
      if (q.minY > p.maxY || q.maxY < p.minY) continue;
      const c = contact(p, q);
      if (c.kind === 'none') continue;
      const [first, second] = p.ring < q.ring || (p.ring === q.ring && p.start < q.start) ? [p, q] : [q, p];
      const where = fmtPoint(c.x, c.y);
      if (first.ring === second.ring) {
        const count = infos[first.ring]?.count ?? 0;
        const adjacent = second.k - first.k === 1 || (first.k === 0 && second.k === count - 1);
        if (adjacent && c.kind !== 'overlap') continue; // consecutive segments share a vertex
        const what =
          c.kind === 'overlap'
            ? 'doubles back on itself (overlapping segments)'
            : c.kind === 'cross'
              ? 'self-intersects'
              : 'touches itself';
        issues.add(
          `ring ${what} at ${where}: segment from position ${first.start} meets segment from position ${second.start}`,
          [...path, first.ring, first.start],
        );
        ok = false;
      } else if (c.kind !== 'touch') {
        issues.add(
          `${ringName(second.ring)} ${c.kind === 'cross' ? 'crosses' : 'overlaps'} ${ringName(first.ring)} at ${where}`,
          [...path, second.ring, second.start],
        );
        ok = false;
      }
    }
  }
  return ok;
}

/**
 * True if every position of the ring lies on one straight line (or the ring repeats one position):
 * such a ring encloses no area. Tested against the line through the first position and the position
 * farthest from it, with a tolerance relative to the ring's extent. (The signed shoelace area would
 * wrongly call a symmetric bowtie "zero area"; bowties are reported as self-intersections instead.)
 */
function hasZeroArea(ring: Position[]): boolean {
  const origin = ring[0];
  if (!origin) return true;
  let far = origin;
  let farDistance2 = 0;
  for (const p of ring) {
    const d2 = (p[0] - origin[0]) ** 2 + (p[1] - origin[1]) ** 2;
    if (d2 > farDistance2) {
      far = p;
      farDistance2 = d2;
    }
  }
  if (farDistance2 === 0) return true;
  const dx = far[0] - origin[0];
  const dy = far[1] - origin[1];
  return ring.every(
    (p) => Math.abs(dx * (p[1] - origin[1]) - dy * (p[0] - origin[0])) <= 1e-12 * farDistance2,
  );
}

function bounds(ring: Position[]): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

/**
 * Point in ring (even-odd); `undefined` when the point is on the boundary.
 *
 * Hand-written, as is the self-intersection sweep, rather than Turf's: this module depends on zod
 * only (see the module note) and reports every problem with its path while bounding its work on
 * hostile input. Turf's `booleanPointInPolygon` has no boundary state, and the tri-state
 * `point-in-polygon-hao` under it is not a dependency of ours and can throw on an unclosed ring
 * where the validator must report one.
 */
function insideRing(x: number, y: number, ring: Position[]): boolean | undefined {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (!a || !b) continue;
    const [ax, ay] = a;
    const [bx, by] = b;
    if (
      orient(ax, ay, bx, by, x, y) === 0 &&
      x >= Math.min(ax, bx) &&
      x <= Math.max(ax, bx) &&
      y >= Math.min(ay, by) &&
      y <= Math.max(ay, by)
    ) {
      return undefined;
    }
    if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside;
}

// ---------------------------------------------------------------------------------------------
// Geometry checks
// ---------------------------------------------------------------------------------------------

function checkLineString(value: unknown, path: Path, issues: Issues): void {
  const positions = checkPositions(value, path, 'LineString coordinates', issues);
  if (Array.isArray(value) && value.length < 2) {
    issues.add(`LineString needs at least 2 positions, got ${value.length}`, path);
    return;
  }
  const first = positions?.[0];
  if (positions && first && positions.every((p) => samePosition(p, first))) {
    issues.add(`LineString has zero length: all ${positions.length} positions are identical`, path);
  }
}

function checkPolygon(value: unknown, path: Path, issues: Issues): void {
  if (!Array.isArray(value)) {
    issues.add(`Polygon coordinates must be an array of rings, got ${describe(value)}`, path);
    return;
  }
  if (value.length === 0) {
    issues.add('Polygon needs at least one ring (the exterior ring)', path);
    return;
  }
  const rings: Position[][] = [];
  let allRingsValid = true;
  value.forEach((ringValue, r) => {
    const ringPath = [...path, r];
    const label = r === 0 ? 'exterior ring' : `hole ${r}`;
    const ring = checkPositions(ringValue, ringPath, 'ring', issues);
    if (Array.isArray(ringValue) && ringValue.length < 4) {
      issues.add(
        `${label} needs at least 4 positions (a closed triangle), got ${ringValue.length}`,
        ringPath,
      );
      allRingsValid = false;
      return;
    }
    if (!ring) {
      allRingsValid = false;
      return;
    }
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (first && last && !samePosition(first, last)) {
      issues.add(
        `ring is not closed: first position ${fmtPoint(first[0], first[1])} differs from last ${fmtPoint(last[0], last[1])}`,
        [...ringPath, ring.length - 1],
      );
      allRingsValid = false;
      return;
    }
    if (hasZeroArea(ring)) {
      issues.add(
        r === 0
          ? 'polygon has zero area: the exterior ring is collinear or repeats one position'
          : `hole ${r} has zero area: its positions are collinear or repeat one position`,
        ringPath,
      );
      allRingsValid = false;
      return;
    }
    rings.push(ring);
  });
  if (!allRingsValid) return;

  if (!checkRingIntersections(rings, path, issues)) return;

  // Rings do not cross, so each hole is entirely inside or entirely outside any other ring:
  // decide with one vertex that is not on that ring's boundary.
  const isInside = (ring: Position[], other: Position[]): boolean | undefined => {
    for (const [x, y] of ring) {
      const inside = insideRing(x, y, other);
      if (inside !== undefined) return inside;
    }
    return undefined;
  };
  const exterior = rings[0];
  if (!exterior) return;
  const holes = rings.slice(1);
  holes.forEach((hole, h) => {
    if (isInside(hole, exterior) === false) {
      issues.add(`hole ${h + 1} lies outside the exterior ring`, [...path, h + 1]);
      return;
    }
    const box = bounds(hole);
    holes.forEach((other, o) => {
      if (o === h) return;
      const otherBox = bounds(other);
      const within =
        box.minX >= otherBox.minX &&
        box.maxX <= otherBox.maxX &&
        box.minY >= otherBox.minY &&
        box.maxY <= otherBox.maxY;
      if (within && isInside(hole, other) === true) {
        issues.add(`hole ${h + 1} lies inside hole ${o + 1}`, [...path, h + 1]);
      }
    });
  });
}

function checkMultiPolygon(value: unknown, path: Path, issues: Issues): void {
  if (!Array.isArray(value)) {
    issues.add(`MultiPolygon coordinates must be an array of polygons, got ${describe(value)}`, path);
    return;
  }
  if (value.length === 0) {
    issues.add('MultiPolygon needs at least one polygon', path);
    return;
  }
  value.forEach((polygon, k) => {
    checkPolygon(polygon, [...path, k], issues);
  });
}

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

type GeometryKind = Geometry['type'];

const typeField = <T extends GeometryKind>(type: T) =>
  z.literal(type, {
    error: (issue) =>
      issue.input === undefined
        ? `type is required: expected "${type}"`
        : `expected geometry type "${type}", got ${describe(issue.input)}`,
  });

const bboxField = z
  .array(z.number())
  .refine((b) => b.length === 4 || b.length === 6, 'bbox must have 4 numbers (or 6 with altitudes)')
  .optional();

/**
 * Coordinates are typed here and validated, all at once, in the object's superRefine (optional only
 * so that a missing member gets our message; the refinement rejects it).
 */
const coordinatesField = <C>() => z.custom<C>(() => true).optional();

function present<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('coordinates missing after validation'); // unreachable
  return value;
}

const isObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `{ type, coordinates, bbox? }` with no other members. `check` runs on the raw coordinates even when
 * `type` or another member is wrong, so that every problem is reported in one response.
 */
function geometrySchema<T extends GeometryKind, C>(
  type: T,
  check: (value: unknown, path: Path, issues: Issues) => void,
) {
  return z
    .strictObject({ type: typeField(type), coordinates: coordinatesField<C>(), bbox: bboxField })
    .superRefine(
      (geometry, ctx) => {
        const issues = new Issues();
        if (geometry.coordinates === undefined) issues.add('coordinates is required', ['coordinates']);
        else check(geometry.coordinates, ['coordinates'], issues);
        for (const issue of issues.all()) ctx.addIssue({ code: 'custom', ...issue });
      },
      { when: (payload) => isObject(payload.value) },
    );
}

const dropAltitude = (p: InputPosition): Position => [p[0], p[1]];

/** GeoJSON Point. Output positions are `[lng, lat]` (any altitude dropped). */
export const pointGeometry = geometrySchema<'Point', InputPosition>('Point', (value, path, issues) => {
  checkPosition(value, path, issues);
}).transform((g): PointGeometry => ({ ...g, coordinates: dropAltitude(present(g.coordinates)) }));

/** GeoJSON LineString: ≥ 2 positions, not all identical. */
export const lineStringGeometry = geometrySchema<'LineString', InputPosition[]>(
  'LineString',
  checkLineString,
).transform((g): LineStringGeometry => ({ ...g, coordinates: present(g.coordinates).map(dropAltitude) }));

/** GeoJSON Polygon: closed, simple rings of ≥ 4 positions with non-zero area; holes inside the exterior. */
export const polygonGeometry = geometrySchema<'Polygon', InputPosition[][]>(
  'Polygon',
  checkPolygon,
).transform(
  (g): PolygonGeometry => ({
    ...g,
    coordinates: present(g.coordinates).map((ring) => ring.map(dropAltitude)),
  }),
);

/** GeoJSON MultiPolygon: every polygon as for {@link polygonGeometry}; overlap between polygons is not checked. */
export const multiPolygonGeometry = geometrySchema<'MultiPolygon', InputPosition[][][]>(
  'MultiPolygon',
  checkMultiPolygon,
).transform(
  (g): MultiPolygonGeometry => ({
    ...g,
    coordinates: present(g.coordinates).map((polygon) => polygon.map((ring) => ring.map(dropAltitude))),
  }),
);

const GEOMETRY_SCHEMAS = {
  Point: pointGeometry,
  LineString: lineStringGeometry,
  Polygon: polygonGeometry,
  MultiPolygon: multiPolygonGeometry,
} as const;

/** The schema for one geometry type, e.g. `geometryOf(resource.geometryType).safeParse(body.geometry)`. */
export function geometryOf<T extends GeometryKind>(type: T): (typeof GEOMETRY_SCHEMAS)[T] {
  return GEOMETRY_SCHEMAS[type];
}
