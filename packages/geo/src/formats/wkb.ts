/**
 * Well-known binary for the simple geometry types (2D; Z/M ordinates are read and dropped), as
 * GeoPackage stores it behind its own header.
 */
import type { ParseBudget } from './budget.js';
import type { SourceGeometry } from './source-feature.js';

const CODES: Record<string, number> = {
  Point: 1,
  LineString: 2,
  Polygon: 3,
  MultiPoint: 4,
  MultiLineString: 5,
  MultiPolygon: 6,
};
const NAMES = Object.fromEntries(Object.entries(CODES).map(([name, code]) => [code, name]));

type Coords = number[] | Coords[];

/** Encodes a GeoJSON-shaped geometry as little-endian WKB. */
export function toWkb(geometry: { type: string; coordinates?: unknown }): Uint8Array {
  const bytes: Uint8Array[] = [];
  const header = (type: string) => {
    const code = CODES[type];
    if (!code) throw new Error(`cannot write ${type} as WKB`);
    const b = new Uint8Array(5);
    b[0] = 1;
    new DataView(b.buffer).setUint32(1, code, true);
    bytes.push(b);
  };
  const uint = (n: number) => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, n, true);
    bytes.push(b);
  };
  const points = (list: number[][]) => {
    const b = new Uint8Array(16 * list.length);
    const view = new DataView(b.buffer);
    list.forEach((p, i) => {
      view.setFloat64(i * 16, p[0] ?? 0, true);
      view.setFloat64(i * 16 + 8, p[1] ?? 0, true);
    });
    bytes.push(b);
  };
  const write = (type: string, coords: Coords) => {
    header(type);
    if (type === 'Point') return points([coords as number[]]);
    if (type === 'LineString') {
      uint(coords.length);
      return points(coords as number[][]);
    }
    if (type === 'Polygon') {
      uint(coords.length);
      for (const ring of coords as number[][][]) {
        uint(ring.length);
        points(ring);
      }
      return;
    }
    const single = type.replace('Multi', '');
    uint(coords.length);
    for (const part of coords as Coords[]) write(single, part);
  };
  write(geometry.type, geometry.coordinates as Coords);
  const total = bytes.reduce((n, b) => n + b.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const b of bytes) {
    out.set(b, offset);
    offset += b.length;
  }
  return out;
}

/**
 * Decodes WKB (either byte order, ISO or EWKB-style Z/M flags) into a GeoJSON-shaped geometry.
 * Every count is checked against the bytes left before anything is allocated (a header claiming
 * four billion points in a 100-byte blob is damaged, not a reason to build a huge array), Multi*
 * parts must be their single type, and the vertices count against `budget` when one is given.
 */
export function fromWkb(bytes: Uint8Array, budget?: ParseBudget): SourceGeometry {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  const read = (expected?: string): SourceGeometry & { coordinates: Coords } => {
    const little = view.getUint8(offset) === 1;
    offset += 1;
    let code = view.getUint32(offset, little);
    offset += 4;
    let dims = 2;
    if (code & 0x80000000) dims++;
    if (code & 0x40000000) dims++;
    if (code & 0x20000000) offset += 4; // EWKB SRID
    code &= 0x0fffffff;
    if (code > 3000) {
      dims = 4;
      code -= 3000;
    } else if (code > 2000) {
      dims = 3;
      code -= 2000;
    } else if (code > 1000) {
      dims = 3;
      code -= 1000;
    }
    const type = NAMES[code];
    if (!type) throw new Error(`WKB geometry type ${code} is not supported`);
    if (expected && type !== expected) throw new Error(`WKB ${expected} holds a ${type}`);
    /** A count of items of at least `itemBytes` bytes each, refused when the bytes left cannot hold them. */
    const count = (itemBytes: number) => {
      const n = view.getUint32(offset, little);
      offset += 4;
      if (n * itemBytes > bytes.length - offset)
        throw new Error('WKB is truncated: it counts more than it holds');
      return n;
    };
    const point = (): number[] => {
      const p = [view.getFloat64(offset, little), view.getFloat64(offset + 8, little)];
      offset += 8 * dims;
      return p;
    };
    const list = () => {
      const n = count(8 * dims);
      budget?.addVertices(n);
      return Array.from({ length: n }, point);
    };
    if (type === 'Point') {
      budget?.addVertices(1);
      return { type, coordinates: point() };
    }
    if (type === 'LineString') return { type, coordinates: list() };
    if (type === 'Polygon') return { type, coordinates: Array.from({ length: count(4) }, list) };
    const single = type.replace('Multi', '');
    return { type, coordinates: Array.from({ length: count(5) }, () => read(single).coordinates) };
  };
  return read();
}
