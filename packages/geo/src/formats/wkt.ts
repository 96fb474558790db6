/**
 * Well-known text for the simple geometries assets use (Point, LineString, Polygon and their
 * Multi forms). Positions are `[x, y]` in whatever CRS the text is in.
 */
import type { SourceGeometry } from './source-feature.js';

type Coords = number[] | Coords[];

function positions(coordinates: Coords): string {
  if (typeof coordinates[0] === 'number') return (coordinates as number[]).slice(0, 2).join(' ');
  return (coordinates as Coords[])
    .map((c) => (typeof c[0] === 'number' ? positions(c) : `(${positions(c)})`))
    .join(', ');
}

/** WKT of a GeoJSON geometry, e.g. `LINESTRING(106.68 20.86, 106.69 20.87)`. */
export function toWkt(geometry: { type: string; coordinates?: unknown }): string {
  const coords = geometry.coordinates as Coords;
  switch (geometry.type) {
    case 'Point':
      return `POINT(${positions(coords)})`;
    case 'LineString':
    case 'MultiPoint':
      return `${geometry.type.toUpperCase()}(${positions(coords)})`;
    case 'Polygon':
    case 'MultiLineString':
      return `${geometry.type.toUpperCase()}(${(coords as Coords[]).map((r) => `(${positions(r)})`).join(', ')})`;
    case 'MultiPolygon':
      return `MULTIPOLYGON(${(coords as Coords[][])
        .map((p) => `(${p.map((r) => `(${positions(r)})`).join(', ')})`)
        .join(', ')})`;
    default:
      throw new Error(`cannot write ${geometry.type} as WKT`);
  }
}

const TYPES: Record<string, string> = {
  POINT: 'Point',
  LINESTRING: 'LineString',
  POLYGON: 'Polygon',
  MULTIPOINT: 'MultiPoint',
  MULTILINESTRING: 'MultiLineString',
  MULTIPOLYGON: 'MultiPolygon',
};

/** Parses WKT (2D; Z/M values dropped) into a GeoJSON-shaped geometry; throws with a message when unreadable. */
export function fromWkt(text: string): SourceGeometry {
  const match = /^\s*(?:SRID=\d+;)?\s*([A-Za-z]+)\s*(?:Z|M|ZM)?\s*(\(.*\))\s*$/s.exec(text);
  const type = match ? TYPES[(match[1] ?? '').toUpperCase()] : undefined;
  if (!match || !type) throw new Error(`not readable as WKT: "${text.slice(0, 40)}"`);
  const json = (match[2] ?? '')
    .replace(/(-?[\d.eE+-]+)\s+(-?[\d.eE+-]+)(?:\s+-?[\d.eE+-]+)*/g, '[$1,$2]')
    .replaceAll('(', '[')
    .replaceAll(')', ']');
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error(`not readable as WKT: "${text.slice(0, 40)}"`);
  }
  const unwrapped = type === 'Point' && Array.isArray(parsed) ? parsed[0] : parsed;
  return { type, coordinates: unwrapped };
}
