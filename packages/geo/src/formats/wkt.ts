/**
 * Well-known text for the simple geometries assets use (Point, LineString, Polygon and their
 * Multi forms). Positions are `[x, y]` in whatever CRS the text is in.
 */
import { cellLimit, ParseBudget } from './budget.js';
import { defaultParseLimits, type ParseLimits } from './limits.js';
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

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** Characters a number may hold: digits, `.`, `e`/`E`, `+`, `-`. */
const isNumberChar = (c: number) =>
  (c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45;

/**
 * Parses WKT (2D; Z/M values dropped) into a GeoJSON-shaped geometry; throws with a message when
 * unreadable. One pass over the text, never going back, so the time is linear in its length; a
 * text longer than `maxCellChars` is refused before it is read, nesting deeper than `maxDepth`
 * and more vertices than `maxVerticesPerFeature` while it is read (LimitError). Given a
 * ParseBudget instead of limits, the vertices also count against the file's `maxVertices`.
 */
export function fromWkt(
  text: string,
  limits: ParseLimits | ParseBudget = defaultParseLimits,
): SourceGeometry {
  const budget = limits instanceof ParseBudget ? limits : new ParseBudget(limits, 'WKT cell');
  cellLimit(text.length, budget.limits, 'a WKT cell');
  const fail = (why: string): never => {
    throw new Error(`not readable as WKT: "${text.slice(0, 40)}" (${why})`);
  };
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  };
  const word = () => {
    const start = i;
    while (i < text.length && isLetter(text.charCodeAt(i))) i++;
    return text.slice(start, i).toUpperCase();
  };
  skipSpace();
  if (text.slice(i, i + 5).toUpperCase() === 'SRID=') {
    const semicolon = text.indexOf(';', i);
    if (semicolon < 0 || !/^\d+$/.test(text.slice(i + 5, semicolon))) fail('SRID=<number>; expected');
    i = semicolon + 1;
    skipSpace();
  }
  const type = TYPES[word()] ?? fail('unknown geometry type');
  skipSpace();
  const dimensions = word();
  if (dimensions !== '' && dimensions !== 'Z' && dimensions !== 'M' && dimensions !== 'ZM') {
    fail(`"${dimensions.slice(0, 10)}" is not Z, M or ZM`);
  }
  skipSpace();
  const number = () => {
    const start = i;
    while (i < text.length && isNumberChar(text.charCodeAt(i))) i++;
    const value = start < i ? Number(text.slice(start, i)) : Number.NaN;
    if (!Number.isFinite(value)) fail(`a number expected at character ${start + 1}`);
    return value;
  };
  /** `x y [z [m]]`: the first two numbers. */
  const position = (): number[] => {
    const x = number();
    skipSpace();
    const y = number();
    skipSpace();
    while (i < text.length && isNumberChar(text.charCodeAt(i))) {
      number();
      skipSpace();
    }
    budget.addVertices(1);
    return [x, y];
  };
  /** `( item, item, … )` where an item is a position or a nested list. */
  const list = (depth: number): Coords[] => {
    budget.depth(depth, 'parentheses');
    if (text.charCodeAt(i) !== 40) fail(`"(" expected at character ${i + 1}`);
    i++;
    const items: Coords[] = [];
    for (;;) {
      skipSpace();
      items.push(text.charCodeAt(i) === 40 ? list(depth + 1) : position());
      skipSpace();
      const c = text.charCodeAt(i);
      i++;
      if (c === 41) return items;
      if (c !== 44) fail(`"," or ")" expected at character ${i}`);
    }
  };
  const coordinates = list(1);
  skipSpace();
  if (i < text.length) fail(`unexpected text at character ${i + 1}`);
  if (type === 'Point') return { type, coordinates: coordinates[0] };
  return { type, coordinates };
}
