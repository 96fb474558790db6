/**
 * Streamed CSV reading: rows are parsed from the upload's byte stream with csv-parse and handed
 * on in chunks, so a 100k-row file never exists as 100k objects. The geometry comes from
 * longitude/latitude columns (WGS 84), VN-2000 X/Y columns (the zone chosen by the user), or a
 * WKT column for lines.
 */
import { Readable } from 'node:stream';
import type { CrsCode } from '@hatang/geo';
import {
  defaultParseLimits,
  FormatError,
  fromWkt,
  LimitError,
  ParseBudget,
  type ParseLimits,
  type SourceFeature,
  type SourceGeometry,
} from '@hatang/geo/formats';
import { CsvError, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';

const LNG = /^(lng|lon|long|longitude|kinh_?do|x_?wgs84)$/i;
const LAT = /^(lat|latitude|vi_?do|y_?wgs84)$/i;
/** Survey convention (Vietnam): X is the northing, Y the easting. */
const X = /^(x|x_?vn2000|toa_?do_?x|x_?northing|northing)$/i;
const Y = /^(y|y_?vn2000|toa_?do_?y|y_?easting|easting)$/i;
const WKT = /^(wkt|geometry|geom|the_geom)$/i;

export interface CsvLayout {
  delimiter: string;
  fields: string[];
  /** 'lnglat': WGS 84 columns; 'xy': projected metres (needs a CRS); 'wkt': geometry as WKT. */
  geometry:
    | { kind: 'lnglat'; x: string; y: string }
    | { kind: 'xy'; x: string; y: string }
    | { kind: 'wkt'; column: string };
}

/** Coordinate columns the user chose: X (easting or longitude) and Y (northing or latitude), and whether they are degrees. */
export interface CsvColumns {
  x: string;
  y: string;
  degrees: boolean;
}

/** A header name without Vietnamese diacritics, spaces as underscores: "Kinh độ" → "Kinh_do". */
const plain = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .trim()
    .replace(/\s+/g, '_');

/**
 * The coordinate columns a header names: longitude/latitude (lng, lat, "Kinh độ", "Vĩ độ" …) or
 * VN-2000 X/Y; undefined when it names neither pair.
 */
export function coordinateColumnsByName(
  fields: readonly string[],
): { kind: 'lnglat' | 'xy'; x: string; y: string } | undefined {
  const find = (pattern: RegExp) => fields.find((f) => pattern.test(plain(f)));
  const lng = find(LNG);
  const lat = find(LAT);
  if (lng && lat) return { kind: 'lnglat', x: lng, y: lat };
  const x = find(X);
  const y = find(Y);
  if (x && y) return { kind: 'xy', x, y };
  return undefined;
}

/**
 * Reads the header (from the first 64 KiB) to find the delimiter and the coordinate columns
 * (`chosen` by the user, else guessed from the names).
 */
export async function sniffCsv(file: Blob, chosen?: CsvColumns): Promise<CsvLayout> {
  const head = await file.slice(0, 65536).text();
  const firstLine = head.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  const delimiter = counts.sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
  let fields: string[];
  try {
    fields = (parseSync(firstLine, { delimiter, bom: true, to_line: 1 })[0] ?? []) as string[];
  } catch (error) {
    throw new FormatError('DAMAGED_FILE', `The CSV header cannot be read: ${(error as Error).message}`);
  }
  if (fields.length === 0 || fields.every((f) => f.trim() === ''))
    throw new FormatError('EMPTY_FILE', 'The CSV is empty.');
  if (chosen) {
    const missing = [chosen.x, chosen.y].filter((c) => !fields.includes(c));
    if (missing.length > 0)
      throw new FormatError(
        'UNSUPPORTED_FILE',
        `The CSV has no column ${missing.map((m) => `"${m}"`).join(' or ')}. Columns found: ${fields.join(', ')}`,
      );
    const kind = chosen.degrees ? 'lnglat' : 'xy';
    return { delimiter, fields, geometry: { kind, x: chosen.x, y: chosen.y } };
  }
  const byName = coordinateColumnsByName(fields);
  if (byName) return { delimiter, fields, geometry: byName };
  const wkt = fields.find((f) => WKT.test(f.trim()));
  if (wkt) return { delimiter, fields, geometry: { kind: 'wkt', column: wkt } };
  throw new FormatError(
    'UNSUPPORTED_FILE',
    `The CSV has no coordinate columns: give lng and lat (WGS 84), X and Y (VN-2000, X = northing), or wkt. Columns found: ${fields.join(', ')}`,
  );
}

function number(cell: unknown): number | undefined {
  if (typeof cell !== 'string' || cell.trim() === '') return undefined;
  const n = Number(cell.trim().replace(/^(-?\d+),(\d+)$/, '$1.$2'));
  return Number.isFinite(n) ? n : Number.NaN;
}

function geometryOf(
  layout: CsvLayout,
  row: Record<string, string>,
  budget: ParseBudget,
): { geometry: SourceGeometry | null; error?: string } {
  const g = layout.geometry;
  if (g.kind === 'wkt') {
    const text = row[g.column] ?? '';
    if (text.trim() === '') return { geometry: null, error: `no geometry: the ${g.column} cell is empty` };
    budget.feature();
    try {
      return { geometry: fromWkt(text, budget) };
    } catch (error) {
      // A limit of the whole file (vertices over all rows) refuses the file; the rest is this row's.
      if (error instanceof LimitError) throw error;
      return { geometry: null, error: (error as Error).message };
    }
  }
  const a = number(row[g.x]);
  const b = number(row[g.y]);
  if (a === undefined || b === undefined)
    return { geometry: null, error: `no coordinates: ${g.x} and ${g.y} must both be filled` };
  if (Number.isNaN(a) || Number.isNaN(b))
    return { geometry: null, error: `${g.x}/${g.y} must be numbers, got "${row[g.x]}", "${row[g.y]}"` };
  if (g.kind === 'lnglat') return { geometry: { type: 'Point', coordinates: [a, b] } };
  // In Vietnam a northing is > 1 000 000 m and an easting < 1 000 000 m (false easting 500 km): the
  // magnitudes say which column is which, whatever the header's convention.
  const [easting, northing] = a > 1_000_000 && b < 1_000_000 ? [b, a] : [a, b];
  return { geometry: { type: 'Point', coordinates: [easting, northing] } };
}

/** Whether the layout needs the user to choose a CRS (projected X/Y columns). */
export const csvNeedsCrs = (layout: CsvLayout) => layout.geometry.kind === 'xy';
export const csvCrs = (layout: CsvLayout): CrsCode | undefined =>
  layout.geometry.kind === 'lnglat' ? 'EPSG:4326' : undefined;

/** Rows in chunks of `size`, with the bytes read so far; a broken quote becomes a FormatError naming the line. */
export async function* readCsv(
  file: Blob,
  layout: CsvLayout,
  size = 2000,
  limits: ParseLimits = defaultParseLimits,
): AsyncGenerator<{ features: SourceFeature[]; bytesRead: number }> {
  // A record may hold at most maxCellChars per column: a multi-megabyte cell (a WKT bomb, an
  // unclosed quote swallowing the file) stops the parse instead of growing without bound.
  const maxRecord = limits.maxCellChars * Math.max(1, layout.fields.length);
  const budget = new ParseBudget(limits, 'CSV');
  const parser = Readable.fromWeb(file.stream() as Parameters<typeof Readable.fromWeb>[0]).pipe(
    parse({
      delimiter: layout.delimiter,
      bom: true,
      columns: true,
      skip_empty_lines: true,
      trim: false,
      max_record_size: maxRecord,
    }),
  );
  let chunk: SourceFeature[] = [];
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      const { geometry, error } = geometryOf(layout, record, budget);
      chunk.push(
        error ? { properties: record, geometry, geometryError: error } : { properties: record, geometry },
      );
      if (chunk.length >= size) {
        yield { features: chunk, bytesRead: parser.info.bytes };
        chunk = [];
      }
    }
  } catch (error) {
    if (error instanceof CsvError && error.code === 'CSV_MAX_RECORD_SIZE')
      throw new LimitError(
        'maxCellChars',
        limits.maxCellChars,
        `A CSV record is longer than ${maxRecord} characters (maxCellChars = ${limits.maxCellChars} per column); nothing was imported`,
      );
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new FormatError(
        'DAMAGED_FILE',
        `The CSV cannot be read${line ? ` at line ${line}` : ''}: ${error.message}. Check for an unclosed or stray quote (") there.`,
      );
    }
    throw error;
  }
  if (chunk.length > 0) yield { features: chunk, bytesRead: parser.info.bytes };
}
