/**
 * Reads a DXF drawing for an **import** (rows to map onto one asset kind), as opposed to
 * dxf-read.ts, which reads an attached drawing for display (every drawable entity, blocks expanded,
 * in WGS 84). Both were written at once, in parallel; folding them into one reader is left to do.
 * Reads a DXF drawing (ASCII, R12 or later) into features, with dxf-parser for the entities and
 * dxf-scan.ts first for the limits and the block attributes:
 * - POINT and INSERT (a block reference, at its insertion point) → Point;
 * - LINE, LWPOLYLINE and POLYLINE → LineString (a closed polyline repeats its first vertex; arc
 *   bulges are read as their chords; polygon meshes and polyface meshes are left out);
 * - anything else (text, hatches, dimensions, circles) is not an asset and is left out.
 * Positions stay in the drawing's own coordinates `[x, y]` = `[easting, northing]` in metres (a
 * VN-2000 drawing: the CRS is chosen by the caller). Each feature's properties: `layer`, `entity`
 * (the DXF type), `block` (INSERT), and the INSERT's attributes (ATTRIB tag → text).
 * Runs in a parse worker; nothing here touches the file system.
 */
import type { IEntity, IPoint } from 'dxf-parser';
import { ParseBudget } from './budget.js';
import { scanDxf } from './dxf-scan.js';
import type { ParseLimits } from './limits.js';
import { FormatError, type SourceFeature, type SourceGeometry } from './source-feature.js';

/** What one DXF layer holds that can become assets. */
export interface DxfLayerSummary {
  name: string;
  /** Importable entities on the layer (points, block references, lines). */
  count: number;
  geometry: 'point' | 'line' | 'mixed';
}

export interface DxfRows {
  /** The features of the layers `include` kept, in file order. */
  features: SourceFeature[];
  /** Property names: layer, entity, block, then the attribute tags in first-seen order. */
  fields: string[];
  /** Every layer with importable entities, by name. */
  layers: DxfLayerSummary[];
}

const BASE_FIELDS = ['layer', 'entity', 'block'] as const;

/** What the geometry of an entity is read from (dxf-parser's entities carry these when they apply). */
export interface DxfEntityShape {
  type: string;
  position?: IPoint;
  vertices?: IPoint[];
  name?: string;
  shape?: boolean;
  is3dPolygonMesh?: boolean;
  isPolyfaceMesh?: boolean;
}

type ParsedEntity = IEntity & DxfEntityShape;

const xy = (p: IPoint): [number, number] => [p.x, p.y];
const finite = (p: IPoint | undefined): p is IPoint =>
  p !== undefined && Number.isFinite(p.x) && Number.isFinite(p.y);

/**
 * The geometry of one DXF entity in drawing coordinates `[easting, northing]`, or null when the
 * entity is not a point or a line (or has no usable position). Exported for the unit tests.
 */
export function dxfEntityGeometry(entity: DxfEntityShape): SourceGeometry | null {
  switch (entity.type) {
    case 'POINT':
    case 'INSERT':
      return finite(entity.position) ? { type: 'Point', coordinates: xy(entity.position) } : null;
    case 'LINE':
    case 'LWPOLYLINE':
    case 'POLYLINE': {
      if (entity.is3dPolygonMesh || entity.isPolyfaceMesh) return null;
      const points = (entity.vertices ?? []).filter(finite).map(xy);
      const first = points[0];
      if (entity.shape && first && points.length > 2) points.push([first[0], first[1]]);
      return points.length >= 2 ? { type: 'LineString', coordinates: points } : null;
    }
    default:
      return null;
  }
}

/**
 * Reads `text` under `limits`; `include(layer, kind)` says which entities become features (all
 * when omitted; the layer list always covers every layer). Throws FormatError / LimitError.
 */
export async function readDxfRows(
  text: string,
  limits: ParseLimits,
  include: (layer: string, kind: 'point' | 'line') => boolean = () => true,
): Promise<DxfRows> {
  const scan = scanDxf(text, limits);
  // Loaded on first use: a worker reading other formats does not carry the DXF parser.
  const { default: DxfParser } = await import('dxf-parser');
  let entities: ParsedEntity[];
  try {
    entities = new DxfParser().parseSync(text)?.entities ?? [];
  } catch (error) {
    throw new FormatError('DAMAGED_FILE', `The DXF cannot be read: ${(error as Error).message}`);
  }
  const budget = new ParseBudget(limits, 'DXF');
  const byLayer = new Map<string, { count: number; kinds: Set<'point' | 'line'> }>();
  const features: SourceFeature[] = [];
  const tags = new Set<string>();
  let insertNo = 0;
  for (const entity of entities) {
    const attributes = entity.type === 'INSERT' ? (scan.insertAttributes[insertNo++] ?? {}) : {};
    if (entity.inPaperSpace) continue;
    const geometry = dxfEntityGeometry(entity);
    if (!geometry) continue;
    const layer = entity.layer ?? '0';
    const kind = geometry.type === 'Point' ? 'point' : 'line';
    const summary = byLayer.get(layer) ?? { count: 0, kinds: new Set() };
    summary.count++;
    summary.kinds.add(kind);
    byLayer.set(layer, summary);
    if (!include(layer, kind)) continue;
    budget.feature();
    budget.addVertices(
      Array.isArray(geometry.coordinates) && kind === 'line' ? geometry.coordinates.length : 1,
    );
    const properties: Record<string, unknown> = { layer, entity: entity.type };
    if (entity.type === 'INSERT') properties.block = entity.name ?? null;
    for (const [tag, value] of Object.entries(attributes)) {
      const name = (BASE_FIELDS as readonly string[]).includes(tag) ? `${tag}_attr` : tag;
      tags.add(name);
      properties[name] = value;
    }
    features.push({ properties, geometry });
  }
  const layers = [...byLayer]
    .map(([name, { count, kinds }]) => ({
      name,
      count,
      geometry:
        kinds.size > 1 ? ('mixed' as const) : kinds.has('point') ? ('point' as const) : ('line' as const),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { features, fields: [...BASE_FIELDS, ...tags], layers };
}
