/**
 * Well-known binary for the simple geometry types (2D; Z/M ordinates are read and dropped), as
 * GeoPackage stores it behind its own header.
 */
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

/** Decodes WKB (either byte order, ISO or EWKB-style Z/M flags) into a GeoJSON-shaped geometry. */
export function fromWkb(bytes: Uint8Array): SourceGeometry {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  const read = (): SourceGeometry & { coordinates: Coords } => {
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
    const uint = () => {
      const n = view.getUint32(offset, little);
      offset += 4;
      return n;
    };
    const point = (): number[] => {
      const p = [view.getFloat64(offset, little), view.getFloat64(offset + 8, little)];
      offset += 8 * dims;
      return p;
    };
    const list = () => Array.from({ length: uint() }, point);
    if (type === 'Point') return { type, coordinates: point() };
    if (type === 'LineString') return { type, coordinates: list() };
    if (type === 'Polygon') return { type, coordinates: Array.from({ length: uint() }, list) };
    return { type, coordinates: Array.from({ length: uint() }, () => read().coordinates) };
  };
  return read();
}
