/**
 * A DXF drawing's entities as GeoJSON in WGS 84 `[lng, lat]`, for drawing a CAD file on the map
 * (a permit application's attached drawing) and for any import that reads DXF.
 *
 * The text is read with `dxf-parser` (ASCII DXF only; a binary DXF is refused here) and every
 * entity is checked with zod before use: the file is untrusted. Coordinates are taken to be in a
 * projected CRS in metres — VN-2000 TM-3 105°45′ (EPSG:9210, Hai Phong) unless told otherwise —
 * with x = easting, y = northing. Block references (INSERT) are expanded with their scale,
 * rotation and position, to at most `maxDepth` levels of nesting, and the whole drawing to at
 * most `maxFeatures` features and `maxVertices` positions: a block that inserts itself, or a few
 * blocks that each insert the next ten times, stop with a LimitError instead of exploding.
 *
 * Read: POINT, LINE, LWPOLYLINE and POLYLINE (bulges as arcs; closed → Polygon), CIRCLE, ARC,
 * ELLIPSE (as lines), SPLINE (through its fit or control points), SOLID and 3DFACE (polygons),
 * TEXT and MTEXT (points with their text), INSERT (expanded). Anything else is counted in
 * `skipped`, and so is an entity whose positions fall outside the CRS's plausible range (a drawing
 * in local or paper coordinates).
 */
import DxfParser from 'dxf-parser';
import { z } from 'zod';
import { type CrsCode, transform } from '../crs.js';
import { LimitError, type ParseLimits } from './limits.js';
import { FormatError } from './source-feature.js';

/** A GeoJSON geometry of the drawing, WGS 84 `[lng, lat]`. */
export type DxfGeometry =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'LineString'; coordinates: [number, number][] }
  | { type: 'Polygon'; coordinates: [number, number][][] };

export interface DxfFeature {
  type: 'Feature';
  geometry: DxfGeometry;
  properties: {
    /** The DXF layer name. */
    layer: string;
    /** The DXF entity type it came from (LINE, LWPOLYLINE, …). */
    entity: string;
    /** The block it was inserted from (outermost first), if any. */
    block: string | null;
    /** TEXT / MTEXT content. */
    text: string | null;
  };
}

export interface DxfRead {
  features: DxfFeature[];
  /** Entities not drawn: unsupported types, or positions outside the CRS's plausible range. */
  skipped: number;
  /** The layers the features are on, in first-seen order. */
  layers: string[];
  /** [minLng, minLat, maxLng, maxLat] of the features; null when there are none. */
  bbox: [number, number, number, number] | null;
  /** The $INSUNITS header value (6 = metres), null when absent. */
  insUnits: number | null;
}

/** The limits a DXF read takes from the upload limits: block nesting, features, positions. */
export type DxfLimits = Pick<ParseLimits, 'maxDepth' | 'maxFeatures' | 'maxVertices'>;

/** The DXF-specific ceilings applied on top of the upload limits (a drawing is not a register). */
export const DXF_MAX_DEPTH = 8;
export const DXF_MAX_FEATURES = 50_000;

/**
 * VN-2000 TM-3 / UTM eastings and northings that can be in Vietnam (false easting 500 km):
 * anything else is a drawing in local coordinates and is not put on the map.
 */
const PLAUSIBLE = { minX: 100_000, maxX: 900_000, minY: 900_000, maxY: 2_700_000 };

const BINARY_SENTINEL = 'AutoCAD Binary DXF';

const num = z.number().finite();
const point = z.object({ x: num, y: num, z: num.optional() });
const base = { layer: z.string().catch('0').default('0') };
const vertex = point.extend({ bulge: num.optional() });

const shapes = {
  POINT: z.object({ ...base, position: point }),
  LINE: z.object({ ...base, vertices: z.array(point).min(2) }),
  LWPOLYLINE: z.object({ ...base, vertices: z.array(vertex).min(1), shape: z.boolean().optional() }),
  POLYLINE: z.object({ ...base, vertices: z.array(vertex).min(1), shape: z.boolean().optional() }),
  CIRCLE: z.object({ ...base, center: point, radius: num.positive() }),
  ARC: z.object({ ...base, center: point, radius: num.positive(), startAngle: num, endAngle: num }),
  ELLIPSE: z.object({
    ...base,
    center: point,
    majorAxisEndPoint: point,
    axisRatio: num.positive(),
    startAngle: num.optional(),
    endAngle: num.optional(),
  }),
  SPLINE: z.object({
    ...base,
    fitPoints: z.array(point).optional(),
    controlPoints: z.array(point).optional(),
    closed: z.boolean().optional(),
  }),
  SOLID: z.object({ ...base, points: z.array(point).min(3) }),
  '3DFACE': z.object({ ...base, vertices: z.array(point).min(3) }),
  TEXT: z.object({ ...base, startPoint: point, text: z.string().catch('') }),
  MTEXT: z.object({ ...base, position: point, text: z.string().catch('') }),
  INSERT: z.object({
    ...base,
    name: z.string(),
    position: point,
    xScale: num.optional(),
    yScale: num.optional(),
    rotation: num.optional(),
    columnCount: num.optional(),
    rowCount: num.optional(),
    columnSpacing: num.optional(),
    rowSpacing: num.optional(),
  }),
} as const;

const entityType = z.object({ type: z.string() });
const blockShape = z.object({
  entities: z.array(z.unknown()).catch([]).default([]),
  position: point.catch({ x: 0, y: 0 }).default({ x: 0, y: 0 }),
});

/** A 2D affine map: x' = a·x + b·y + e, y' = c·x + d·y + f. */
type Affine = [number, number, number, number, number, number];
const IDENTITY: Affine = [1, 0, 0, 1, 0, 0];
const apply = (m: Affine, p: { x: number; y: number }): [number, number] => [
  m[0] * p.x + m[1] * p.y + m[4],
  m[2] * p.x + m[3] * p.y + m[5],
];
/** outer ∘ inner */
const compose = (o: Affine, i: Affine): Affine => [
  o[0] * i[0] + o[1] * i[2],
  o[0] * i[1] + o[1] * i[3],
  o[2] * i[0] + o[3] * i[2],
  o[2] * i[1] + o[3] * i[3],
  o[0] * i[4] + o[1] * i[5] + o[4],
  o[2] * i[4] + o[3] * i[5] + o[5],
];

/** Segments of a full circle. */
const CIRCLE_STEPS = 48;

function arcPoints(cx: number, cy: number, r: number, from: number, to: number): { x: number; y: number }[] {
  let sweep = to - from;
  while (sweep <= 0) sweep += 2 * Math.PI;
  const steps = Math.max(2, Math.ceil((sweep / (2 * Math.PI)) * CIRCLE_STEPS));
  return Array.from({ length: steps + 1 }, (_, i) => {
    const a = from + (sweep * i) / steps;
    return { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) };
  });
}

/** The points of a bulged segment from p to q (bulge = tan(θ/4)), excluding p, including q. */
function bulgePoints(p: { x: number; y: number }, q: { x: number; y: number }, bulge: number) {
  const chord = Math.hypot(q.x - p.x, q.y - p.y);
  if (!bulge || chord === 0) return [q];
  const theta = 4 * Math.atan(bulge);
  const r = chord / (2 * Math.sin(Math.abs(theta) / 2));
  const mx = (p.x + q.x) / 2;
  const my = (p.y + q.y) / 2;
  const h = Math.sqrt(Math.max(0, r * r - (chord / 2) ** 2));
  // The centre lies to the left of p→q for a counter-clockwise arc of less than half a turn.
  const side = (bulge > 0 ? 1 : -1) * (Math.abs(theta) > Math.PI ? -1 : 1);
  const nx = -(q.y - p.y) / chord;
  const ny = (q.x - p.x) / chord;
  const cx = mx + side * h * nx;
  const cy = my + side * h * ny;
  const a0 = Math.atan2(p.y - cy, p.x - cx);
  const steps = Math.max(2, Math.ceil((Math.abs(theta) / (2 * Math.PI)) * CIRCLE_STEPS));
  return Array.from({ length: steps }, (_, i) => {
    const a = a0 + (theta * (i + 1)) / steps;
    return i === steps - 1 ? q : { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) };
  });
}

function polylinePoints(vertices: z.infer<typeof vertex>[], closed: boolean) {
  const out: { x: number; y: number }[] = [];
  const first = vertices[0];
  if (!first) return out;
  out.push(first);
  const n = vertices.length;
  for (let i = 1; i < (closed ? n + 1 : n); i++) {
    const p = vertices[i - 1];
    const q = vertices[i % n];
    if (p && q) out.push(...bulgePoints(p, q, p.bulge ?? 0));
  }
  return out;
}

interface Planar {
  kind: 'Point' | 'LineString' | 'Polygon';
  points: { x: number; y: number }[];
  text: string | null;
}

/** One non-INSERT entity's planar shape in its own block's coordinates, or null to skip. */
function planarOf(type: string, raw: unknown): { layer: string; shape: Planar } | null {
  switch (type) {
    case 'POINT': {
      const e = shapes.POINT.safeParse(raw).data;
      return e ? { layer: e.layer, shape: { kind: 'Point', points: [e.position], text: null } } : null;
    }
    case 'LINE': {
      const e = shapes.LINE.safeParse(raw).data;
      return e ? { layer: e.layer, shape: { kind: 'LineString', points: e.vertices, text: null } } : null;
    }
    case 'LWPOLYLINE':
    case 'POLYLINE': {
      const e = shapes[type].safeParse(raw).data;
      if (!e) return null;
      const closed = e.shape === true && e.vertices.length >= 3;
      const points = polylinePoints(e.vertices, closed);
      if (points.length < 2) return null;
      return { layer: e.layer, shape: { kind: closed ? 'Polygon' : 'LineString', points, text: null } };
    }
    case 'CIRCLE': {
      const e = shapes.CIRCLE.safeParse(raw).data;
      if (!e) return null;
      const points = arcPoints(e.center.x, e.center.y, e.radius, 0, 2 * Math.PI);
      return { layer: e.layer, shape: { kind: 'Polygon', points, text: null } };
    }
    case 'ARC': {
      const e = shapes.ARC.safeParse(raw).data;
      if (!e) return null;
      // dxf-parser gives the angles in radians.
      const points = arcPoints(e.center.x, e.center.y, e.radius, e.startAngle, e.endAngle);
      return { layer: e.layer, shape: { kind: 'LineString', points, text: null } };
    }
    case 'ELLIPSE': {
      const e = shapes.ELLIPSE.safeParse(raw).data;
      if (!e) return null;
      const major = Math.hypot(e.majorAxisEndPoint.x, e.majorAxisEndPoint.y);
      const rot = Math.atan2(e.majorAxisEndPoint.y, e.majorAxisEndPoint.x);
      const unit = arcPoints(0, 0, 1, e.startAngle ?? 0, e.endAngle ?? 2 * Math.PI);
      const points = unit.map((u) => {
        const x = u.x * major;
        const y = u.y * major * e.axisRatio;
        return {
          x: e.center.x + x * Math.cos(rot) - y * Math.sin(rot),
          y: e.center.y + x * Math.sin(rot) + y * Math.cos(rot),
        };
      });
      return { layer: e.layer, shape: { kind: 'LineString', points, text: null } };
    }
    case 'SPLINE': {
      const e = shapes.SPLINE.safeParse(raw).data;
      const points = e?.fitPoints?.length ? e.fitPoints : e?.controlPoints;
      if (!e || !points || points.length < 2) return null;
      return { layer: e.layer, shape: { kind: 'LineString', points, text: null } };
    }
    case 'SOLID':
    case '3DFACE': {
      const e = type === 'SOLID' ? shapes.SOLID.safeParse(raw).data : undefined;
      const f = type === '3DFACE' ? shapes['3DFACE'].safeParse(raw).data : undefined;
      // A SOLID's third and fourth corners are stored crosswise.
      const points = e ? [e.points[0], e.points[1], e.points[3] ?? e.points[2], e.points[2]] : f?.vertices;
      const layer = e?.layer ?? f?.layer;
      const corners = (points ?? []).filter((p): p is { x: number; y: number } => !!p);
      if (layer === undefined || corners.length < 3) return null;
      return { layer, shape: { kind: 'Polygon', points: corners, text: null } };
    }
    case 'TEXT': {
      const e = shapes.TEXT.safeParse(raw).data;
      return e ? { layer: e.layer, shape: { kind: 'Point', points: [e.startPoint], text: e.text } } : null;
    }
    case 'MTEXT': {
      const e = shapes.MTEXT.safeParse(raw).data;
      return e ? { layer: e.layer, shape: { kind: 'Point', points: [e.position], text: e.text } } : null;
    }
    default:
      return null;
  }
}

/** The ring with its first position repeated at its end, once (a closed polyline's points may end on it). */
function closeRing(ring: [number, number][]): [number, number][] {
  const first = ring[0];
  const last = ring.at(-1);
  if (!first || !last) return ring;
  return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
}

/** Rounds WGS 84 degrees to 1e-7 (≈ 1 cm), the precision the API stores. */
const round7 = (n: number) => Math.round(n * 1e7) / 1e7;

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // DXF before AutoCAD 2007 is in the drawing's code page; Vietnamese drawings use 1258.
    return new TextDecoder('windows-1258').decode(bytes);
  }
}

/**
 * Reads a DXF file's bytes into GeoJSON features in WGS 84, the drawing's coordinates taken to be
 * in `crs` (default EPSG:9210). Throws FormatError for a binary or unreadable DXF and LimitError
 * past a limit; returns the features, how many entities were skipped, the layers and the bbox.
 */
export function readDxf(bytes: Uint8Array, limits: DxfLimits, crs: CrsCode = 'EPSG:9210'): DxfRead {
  const maxDepth = Math.min(limits.maxDepth, DXF_MAX_DEPTH);
  const maxFeatures = Math.min(limits.maxFeatures, DXF_MAX_FEATURES);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 32));
  if (head.startsWith(BINARY_SENTINEL))
    throw new FormatError(
      'UNSUPPORTED_FILE',
      'A binary DXF cannot be drawn on the map; save the drawing as an ASCII DXF',
    );
  let parsed: unknown;
  try {
    parsed = new DxfParser().parseSync(decode(bytes));
  } catch (error) {
    throw new FormatError(
      'DAMAGED_FILE',
      `The DXF file cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const doc = z
    .object({
      header: z.record(z.string(), z.unknown()).catch({}).default({}),
      entities: z.array(z.unknown()).catch([]).default([]),
      blocks: z.record(z.string(), z.unknown()).catch({}).default({}),
    })
    .safeParse(parsed).data;
  if (!doc) throw new FormatError('DAMAGED_FILE', 'The DXF file has no sections that can be read');
  const insUnits = z.number().int().safeParse(doc.header.$INSUNITS).data ?? null;

  const features: DxfFeature[] = [];
  const layers: string[] = [];
  let vertices = 0;
  let skipped = 0;
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];

  let visits = 0;

  const add = (layer: string, entity: string, block: string | null, shape: Planar, m: Affine) => {
    vertices += shape.points.length;
    if (vertices > limits.maxVertices)
      throw new LimitError(
        'maxVertices',
        limits.maxVertices,
        `The drawing holds more than ${limits.maxVertices} positions (maxVertices = ${limits.maxVertices})`,
      );
    const projected = shape.points.map((p) => apply(m, p));
    if (
      projected.some(
        ([x, y]) => x < PLAUSIBLE.minX || x > PLAUSIBLE.maxX || y < PLAUSIBLE.minY || y > PLAUSIBLE.maxY,
      )
    ) {
      skipped++;
      return;
    }
    const lngLat = projected.map((p): [number, number] => {
      const [lng, lat] = transform(p, crs, 'EPSG:4326');
      bbox[0] = Math.min(bbox[0], lng);
      bbox[1] = Math.min(bbox[1], lat);
      bbox[2] = Math.max(bbox[2], lng);
      bbox[3] = Math.max(bbox[3], lat);
      return [round7(lng), round7(lat)];
    });
    const first = lngLat[0];
    if (!first) return;
    const geometry: DxfGeometry =
      shape.kind === 'Point'
        ? { type: 'Point', coordinates: first }
        : shape.kind === 'LineString'
          ? { type: 'LineString', coordinates: lngLat }
          : { type: 'Polygon', coordinates: [closeRing(lngLat)] };
    if (!layers.includes(layer)) layers.push(layer);
    features.push({ type: 'Feature', geometry, properties: { layer, entity, block, text: shape.text } });
  };

  const walk = (
    entities: unknown[],
    m: Affine,
    depth: number,
    block: string | null,
    layerOf: string | null,
  ) => {
    for (const raw of entities) {
      // Every entity visited counts, drawn or not: nested block references multiply them.
      if (++visits > maxFeatures)
        throw new LimitError(
          'maxFeatures',
          maxFeatures,
          `The drawing holds more than ${maxFeatures} entities once its blocks are expanded (maxFeatures = ${maxFeatures})`,
        );
      const type = entityType.safeParse(raw).data?.type;
      if (!type) {
        skipped++;
        continue;
      }
      if (type === 'INSERT') {
        const e = shapes.INSERT.safeParse(raw).data;
        const def = e ? blockShape.safeParse(doc.blocks[e.name]).data : undefined;
        if (!e || !def) {
          skipped++;
          continue;
        }
        if (depth + 1 > maxDepth)
          throw new LimitError(
            'maxDepth',
            maxDepth,
            `The drawing nests blocks more than ${maxDepth} deep (maxDepth = ${maxDepth}), or a block inserts itself`,
          );
        const sx = e.xScale ?? 1;
        const sy = e.yScale ?? 1;
        const r = ((e.rotation ?? 0) * Math.PI) / 180;
        const cols = Math.max(1, Math.min(e.columnCount ?? 1, maxFeatures));
        const rows = Math.max(1, Math.min(e.rowCount ?? 1, maxFeatures));
        for (let row = 0; row < rows; row++) {
          for (let col = 0; col < cols; col++) {
            // Block coordinates: minus the base point, scaled, rotated, moved to the insertion point
            // (the array offsets are along the rotated axes).
            const ox = col * (e.columnSpacing ?? 0);
            const oy = row * (e.rowSpacing ?? 0);
            const local: Affine = [
              sx * Math.cos(r),
              -sy * Math.sin(r),
              sx * Math.sin(r),
              sy * Math.cos(r),
              e.position.x +
                ox * Math.cos(r) -
                oy * Math.sin(r) -
                (sx * Math.cos(r) * def.position.x - sy * Math.sin(r) * def.position.y),
              e.position.y +
                ox * Math.sin(r) +
                oy * Math.cos(r) -
                (sx * Math.sin(r) * def.position.x + sy * Math.cos(r) * def.position.y),
            ];
            // Entities on layer 0 inside a block take the INSERT's layer, as CAD draws them.
            walk(
              def.entities,
              compose(m, local),
              depth + 1,
              block ?? e.name,
              e.layer === '0' ? layerOf : e.layer,
            );
          }
        }
        continue;
      }
      const planar = planarOf(type, raw);
      if (!planar) {
        skipped++;
        continue;
      }
      const layer = planar.layer === '0' && layerOf ? layerOf : planar.layer;
      add(layer, type, block, planar.shape, m);
    }
  };
  walk(doc.entities, IDENTITY, 0, null, null);

  return {
    features,
    skipped,
    layers,
    bbox: features.length ? bbox : null,
    insUnits,
  };
}
