import { parseDbf, parseShp } from 'shpjs';
import { crsFromPrj } from '../crs.js';
import { ParseBudget } from './budget.js';
import { defaultParseLimits, LimitError, type ParseLimits } from './limits.js';
import { type DecodedLayer, FormatError, type SourceFeature, type SourceGeometry } from './source-feature.js';
import { entriesWith, unzip } from './zip.js';

/** shpjs wants an ArrayBuffer of exactly the entry. */
const arrayBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer;
const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);

/**
 * Walks the .shp record headers as shpjs will, counting records and the point counts each record
 * declares against the budget, so a file is refused before shpjs builds its features.
 */
function checkShp(shp: Uint8Array, budget: ParseBudget): void {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  // shpjs parses every record as the header's shape type (Z and M variants share the XY layout).
  const type = view.getInt32(32, true) % 10;
  let ringPairs = 0;
  for (let offset = 100; offset <= shp.length - 8; ) {
    const length = view.getInt32(offset + 4) * 2; // big-endian, in 16-bit words
    if (length < 0) throw new Error(`record at byte ${offset} has a negative length`);
    if (offset + length + 8 > shp.length) break; // shpjs stops at a cut-off record too
    budget.feature();
    const content = offset + 8;
    const isNull = length < 4 || view.getInt32(content, true) === 0;
    /** A point count at `at`, no more than the record's bytes after `header` can hold. */
    const points = (at: number, header: number) =>
      length >= at - content + 4
        ? Math.max(0, Math.min(view.getInt32(at, true), Math.floor((length - header) / 16)))
        : 0;
    if (!isNull) {
      // Point: one vertex; MultiPoint: a count at 36; PolyLine, Polygon: parts at 36, points at 40.
      if (type === 1) budget.addVertices(1);
      else if (type === 8) budget.addVertices(points(content + 36, 40));
      else if (type === 3 || type === 5) {
        if (type === 5 && length >= 40)
          ringPairs += checkParts(view.getInt32(content + 36, true), ringPairs, budget);
        budget.addVertices(points(content + 40, 44));
      }
    }
    offset += 8 + length;
  }
}

/**
 * Refuses a polygon record of more parts than shpjs can sort into outer rings and holes in good
 * time: it compares rings pairwise (time quadratic in the parts), so both the parts of one polygon
 * (maxPartsPerFeature) and the ring pairs of the whole file (counted like vertices, maxVertices)
 * are bounded. Returns the record's ring pairs.
 */
function checkParts(parts: number, pairsSoFar: number, budget: ParseBudget): number {
  const { limits } = budget;
  const max = limits.maxPartsPerFeature ?? defaultParseLimits.maxPartsPerFeature ?? 5_000;
  const n = (value: number) => value.toLocaleString('en-US');
  if (parts > max) {
    throw new LimitError(
      'maxPartsPerFeature',
      max,
      `A polygon of the Shapefile has ${n(parts)} rings, more than the limit of ${n(max)} (maxPartsPerFeature).`,
    );
  }
  const pairs = parts > 1 ? (parts * parts) / 4 : 0;
  if (pairsSoFar + pairs > limits.maxVertices) {
    throw new LimitError(
      'maxVertices',
      limits.maxVertices,
      `The Shapefile's polygons have too many rings to sort into outer rings and holes: their ring pairs pass the limit of ${n(limits.maxVertices)} (maxVertices).`,
    );
  }
  return pairs;
}

/**
 * Checks a .dbf header against what its bytes can hold: parsedbf loops over the record count the
 * header claims (four billion in a 100-byte file would never end) and over every field per record.
 */
function checkDbf(dbf: Uint8Array, budget: ParseBudget): void {
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const records = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  budget.featureCount(records);
  let fieldBytes = 0;
  for (let offset = 32; offset < headerLength - 1 && offset + 32 <= dbf.length; offset += 32) {
    const fieldLength = view.getUint8(offset + 16);
    if (fieldLength === 0) throw new Error('a .dbf field has length 0');
    fieldBytes += fieldLength;
    if (offset + 32 >= dbf.length || view.getUint8(offset + 32) === 13) break;
  }
  if (records > 0 && (recordLength === 0 || fieldBytes > recordLength)) {
    throw new Error('the .dbf record length does not fit its fields');
  }
  if (headerLength + records * recordLength > dbf.length) {
    throw new Error(`the .dbf says it has ${records} records but is too short to hold them`);
  }
}

/**
 * Reads a zipped Shapefile (.shp + .dbf, optionally .prj and .cpg) with shpjs. Geometry stays in
 * the file's CRS: the .prj is recognised with `crsFromPrj` (VN-2000 TM-3 zones, UTM 48N, WGS 84)
 * rather than handed to proj4, because a VN-2000 .prj without TOWGS84 would shift points ~225 m.
 * `crs` is undefined when the archive has no .prj; `unknownCrs` when it has one we do not know.
 * The zip is unzipped within `limits`; the .shp and .dbf headers are checked against them (features,
 * vertices) before shpjs reads the records.
 */
export function readShapefileZip(bytes: Uint8Array, limits: ParseLimits = defaultParseLimits): DecodedLayer {
  const entries = unzip(bytes, 'zipped Shapefile', limits);
  const budget = new ParseBudget(limits, 'Shapefile');
  const shps = entriesWith(entries, '.shp');
  if (shps.length === 0) {
    throw new FormatError(
      'UNSUPPORTED_FILE',
      'The zip holds no .shp file: zip the .shp, .shx, .dbf and .prj together.',
    );
  }
  if (shps.length > 1) {
    throw new FormatError(
      'UNSUPPORTED_FILE',
      `The zip holds ${shps.length} Shapefile layers (${shps.join(', ')}): import one layer at a time.`,
    );
  }
  const base = (shps[0] ?? '').slice(0, -4);
  const sibling = (extension: string) =>
    Object.entries(entries).find(([name]) => name.toLowerCase() === `${base}${extension}`.toLowerCase())?.[1];
  const shp = sibling('.shp');
  const dbf = sibling('.dbf');
  const cpg = sibling('.cpg');
  const prjBytes = sibling('.prj');
  if (!shp) throw new FormatError('UNSUPPORTED_FILE', 'The zip holds no .shp file.');
  if (cpg) budget.cell(cpg.length, 'the .cpg');
  if (prjBytes) budget.cell(prjBytes.length, 'the .prj');
  let geometries: (SourceGeometry | null)[];
  let rows: Record<string, unknown>[] = [];
  try {
    checkShp(shp, budget);
    if (dbf) checkDbf(dbf, budget);
    geometries = parseShp(arrayBuffer(shp)) as unknown as (SourceGeometry | null)[];
    if (dbf)
      rows = (parseDbf(arrayBuffer(dbf), arrayBuffer(cpg ?? new TextEncoder().encode('UTF-8'))) ??
        []) as Record<string, unknown>[];
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw new FormatError('DAMAGED_FILE', `The Shapefile cannot be read (${(error as Error).message}).`);
  }
  const features: SourceFeature[] = geometries.map((geometry, i) => ({
    geometry: geometry ?? null,
    properties: rows[i] ?? {},
  }));
  const fields = rows[0] ? Object.keys(rows[0]) : [];
  const prj = text(prjBytes);
  if (prj === undefined) return { features, fields };
  const crs = crsFromPrj(prj);
  return crs ? { features, fields, crs } : { features, fields, unknownCrs: true };
}
