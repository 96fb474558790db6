/**
 * Writes a zipped Shapefile (.shp, .shx, .dbf, .prj, .cpg) for one layer of Points, LineStrings or
 * Polygons. Written here rather than with shp-write because its DBF writer drops every character
 * above U+00FF, and Vietnamese names (Nhà văn hóa thôn Đông) must survive: text is UTF-8 and the
 * .cpg says so. Field names are cut to the DBF limit of 10 bytes and made unique.
 */
import { zip } from './zip.js';

type Position = number[];
export interface ShapefileFeature {
  geometry: { type: string; coordinates?: unknown } | null;
  properties: Record<string, unknown>;
}

const SHAPE_TYPES: Record<string, number> = {
  Point: 1,
  LineString: 3,
  MultiLineString: 3,
  Polygon: 5,
  MultiPolygon: 5,
};

/** Parts (lines or rings) of a geometry as arrays of positions; rings oriented as Shapefile wants. */
function partsOf(geometry: { type: string; coordinates?: unknown }): Position[][] {
  const c = geometry.coordinates;
  const signedArea = (ring: Position[]) => {
    let sum = 0;
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = ring[i] ?? [0, 0];
      const b = ring[i + 1] ?? [0, 0];
      sum += (a[0] ?? 0) * (b[1] ?? 0) - (b[0] ?? 0) * (a[1] ?? 0);
    }
    return sum / 2;
  };
  // Shapefile: outer rings clockwise (negative signed area), holes counter-clockwise.
  const orient = (ring: Position[], outer: boolean) =>
    signedArea(ring) > 0 === outer ? [...ring].reverse() : ring;
  switch (geometry.type) {
    case 'LineString':
      return [c as Position[]];
    case 'MultiLineString':
      return c as Position[][];
    case 'Polygon':
      return (c as Position[][]).map((ring, i) => orient(ring, i === 0));
    case 'MultiPolygon':
      return (c as Position[][][]).flatMap((polygon) => polygon.map((ring, i) => orient(ring, i === 0)));
    default:
      throw new Error(`cannot write ${geometry.type} to a Shapefile`);
  }
}

interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}
const emptyBox = (): Box => ({ minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity });
function grow(box: Box, p: Position) {
  box.minX = Math.min(box.minX, p[0] ?? 0);
  box.minY = Math.min(box.minY, p[1] ?? 0);
  box.maxX = Math.max(box.maxX, p[0] ?? 0);
  box.maxY = Math.max(box.maxY, p[1] ?? 0);
}

function writeGeometry(features: readonly ShapefileFeature[], shapeType: number) {
  const records: Uint8Array[] = [];
  const box = emptyBox();
  for (const [i, feature] of features.entries()) {
    let content: Uint8Array;
    if (!feature.geometry) {
      content = new Uint8Array(4);
    } else if (shapeType === 1) {
      const p = feature.geometry.coordinates as Position;
      grow(box, p);
      content = new Uint8Array(20);
      const v = new DataView(content.buffer);
      v.setInt32(0, 1, true);
      v.setFloat64(4, p[0] ?? 0, true);
      v.setFloat64(12, p[1] ?? 0, true);
    } else {
      const parts = partsOf(feature.geometry);
      const count = parts.reduce((n, part) => n + part.length, 0);
      content = new Uint8Array(44 + 4 * parts.length + 16 * count);
      const v = new DataView(content.buffer);
      const own = emptyBox();
      for (const part of parts) for (const p of part) grow(own, p);
      grow(box, [own.minX, own.minY]);
      grow(box, [own.maxX, own.maxY]);
      v.setInt32(0, shapeType, true);
      [own.minX, own.minY, own.maxX, own.maxY].forEach((n, k) => {
        v.setFloat64(4 + 8 * k, n, true);
      });
      v.setInt32(36, parts.length, true);
      v.setInt32(40, count, true);
      let index = 0;
      let offset = 44 + 4 * parts.length;
      parts.forEach((part, k) => {
        v.setInt32(44 + 4 * k, index, true);
        index += part.length;
        for (const p of part) {
          v.setFloat64(offset, p[0] ?? 0, true);
          v.setFloat64(offset + 8, p[1] ?? 0, true);
          offset += 16;
        }
      });
    }
    const record = new Uint8Array(8 + content.length);
    const rv = new DataView(record.buffer);
    rv.setInt32(0, i + 1, false);
    rv.setInt32(4, content.length / 2, false);
    record.set(content, 8);
    records.push(record);
  }
  if (!Number.isFinite(box.minX)) Object.assign(box, { minX: 0, minY: 0, maxX: 0, maxY: 0 });
  const header = (lengthBytes: number) => {
    const h = new Uint8Array(100);
    const v = new DataView(h.buffer);
    v.setInt32(0, 9994, false);
    v.setInt32(24, lengthBytes / 2, false);
    v.setInt32(28, 1000, true);
    v.setInt32(32, shapeType, true);
    [box.minX, box.minY, box.maxX, box.maxY].forEach((n, k) => {
      v.setFloat64(36 + 8 * k, n, true);
    });
    return h;
  };
  const shpLength = 100 + records.reduce((n, r) => n + r.length, 0);
  const shp = new Uint8Array(shpLength);
  shp.set(header(shpLength), 0);
  const shx = new Uint8Array(100 + 8 * records.length);
  shx.set(header(shx.length), 0);
  const shxView = new DataView(shx.buffer);
  let offset = 100;
  records.forEach((record, i) => {
    shp.set(record, offset);
    shxView.setInt32(100 + 8 * i, offset / 2, false);
    shxView.setInt32(104 + 8 * i, (record.length - 8) / 2, false);
    offset += record.length;
  });
  return { shp, shx };
}

interface DbfField {
  key: string;
  name: string;
  type: 'C' | 'N' | 'L';
  size: number;
  decimals: number;
}

const encoder = new TextEncoder();

/** Field name ≤ 10 ASCII bytes, unique within the table. */
function dbfNames(keys: readonly string[]): string[] {
  const used = new Set<string>();
  return keys.map((key) => {
    const base = key.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 10) || 'field';
    let name = base;
    for (let n = 1; used.has(name.toUpperCase()); n++) name = `${base.slice(0, 10 - String(n).length)}${n}`;
    used.add(name.toUpperCase());
    return name;
  });
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(';');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Truncates UTF-8 to `max` bytes without cutting a character. */
function utf8(text: string, max: number): Uint8Array {
  let bytes = encoder.encode(text);
  if (bytes.length <= max) return bytes;
  let end = max;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  bytes = bytes.slice(0, end);
  return bytes;
}

function writeDbf(features: readonly ShapefileFeature[], keys: readonly string[]): Uint8Array {
  const names = dbfNames(keys);
  const fields: DbfField[] = keys.map((key, k) => {
    const values = features.map((f) => f.properties[key]).filter((v) => v !== null && v !== undefined);
    if (values.length > 0 && values.every((v) => typeof v === 'boolean')) {
      return { key, name: names[k] ?? key, type: 'L', size: 1, decimals: 0 };
    }
    if (values.length > 0 && values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      const decimals = Math.min(
        10,
        Math.max(0, ...values.map((v) => (String(v).split('.')[1] ?? '').replace(/e.*/i, '').length)),
      );
      return { key, name: names[k] ?? key, type: 'N', size: 19, decimals };
    }
    const size = Math.min(254, Math.max(1, ...values.map((v) => encoder.encode(cellText(v)).length)));
    return { key, name: names[k] ?? key, type: 'C', size, decimals: 0 };
  });
  const recordLength = 1 + fields.reduce((n, f) => n + f.size, 0);
  const headerLength = 32 + 32 * fields.length + 1;
  const out = new Uint8Array(headerLength + recordLength * features.length + 1);
  const v = new DataView(out.buffer);
  const now = new Date();
  v.setUint8(0, 0x03);
  v.setUint8(1, now.getUTCFullYear() - 1900);
  v.setUint8(2, now.getUTCMonth() + 1);
  v.setUint8(3, now.getUTCDate());
  v.setUint32(4, features.length, true);
  v.setUint16(8, headerLength, true);
  v.setUint16(10, recordLength, true);
  v.setUint8(29, 0x00); // language driver: none; the .cpg names UTF-8
  fields.forEach((f, k) => {
    const at = 32 + 32 * k;
    out.set(encoder.encode(f.name), at);
    v.setUint8(at + 11, f.type.charCodeAt(0));
    v.setUint8(at + 16, f.size);
    v.setUint8(at + 17, f.decimals);
  });
  v.setUint8(headerLength - 1, 0x0d);
  let offset = headerLength;
  for (const feature of features) {
    out.fill(0x20, offset, offset + recordLength);
    offset += 1;
    for (const f of fields) {
      const value = feature.properties[f.key];
      let cell: Uint8Array;
      if (value === null || value === undefined) cell = new Uint8Array(0);
      else if (f.type === 'N')
        cell = encoder.encode((value as number).toFixed(f.decimals).padStart(f.size, ' '));
      else if (f.type === 'L') cell = encoder.encode(value ? 'T' : 'F');
      else cell = utf8(cellText(value), f.size);
      out.set(cell.slice(0, f.size), offset);
      offset += f.size;
    }
  }
  out[offset] = 0x1a;
  return out;
}

/**
 * A zipped Shapefile of `features` (one geometry family), named `layer`, with `prj` (ESRI WKT of the
 * coordinates' CRS; see ESRI_PRJ). Attributes are the union of the features' property keys.
 */
export function writeShapefileZip(
  layer: string,
  features: readonly ShapefileFeature[],
  prj: string,
  geometryType: string,
): Uint8Array {
  const shapeType = SHAPE_TYPES[geometryType];
  if (!shapeType) throw new Error(`cannot write ${geometryType} to a Shapefile`);
  const keys = [...new Set(features.flatMap((f) => Object.keys(f.properties)))];
  const { shp, shx } = writeGeometry(features, shapeType);
  return zip({
    [`${layer}.shp`]: shp,
    [`${layer}.shx`]: shx,
    [`${layer}.dbf`]: writeDbf(features, keys),
    [`${layer}.prj`]: prj,
    [`${layer}.cpg`]: 'UTF-8',
  });
}

/** The DBF names `writeShapefileZip` gives `keys` (so an importer can map them back). */
export const shapefileFieldNames = dbfNames;
