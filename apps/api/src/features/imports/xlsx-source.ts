/**
 * Excel registers (.xlsx) for the import: the user chooses the sheet, its first row is the header,
 * each later row a feature. Coordinates come from longitude/latitude columns (decimal degrees as
 * Excel numbers or text with a decimal comma, or degrees-minutes-seconds text such as
 * 20°51'30.2"N) or from VN-2000 X (northing) / Y (easting) columns in metres.
 * An .xlsx is a zip of XML: before exceljs sees it, the central directory is checked (entries,
 * inflated size, compression ratio) and the sheets' cell references are scanned for the number of
 * rows and columns, so a hostile workbook is refused before it is parsed. Runs in a parse worker.
 */
import type { CrsCode } from '@hatang/geo';
import { parseAngle } from '@hatang/geo/coordinates';
import {
  cellLimit,
  FormatError,
  LimitError,
  type ParseLimits,
  type SourceFeature,
  type SourceGeometry,
} from '@hatang/geo/formats';
import type { CellValue, Row } from 'exceljs';
import { unzipSync } from 'fflate';
import { guardArchive } from './archive-guard.js';
import { coordinateColumnsByName } from './csv-source.js';

/** Columns in one sheet when ParseLimits has no maxColumns. */
export const DEFAULT_MAX_COLUMNS = 1000;
/** An entry that inflates more than this many times its packed size is a bomb, not a sheet. */
const MAX_RATIO = 200;
/** Below this size the ratio is not checked (a small sheet of blanks packs very well). */
const RATIO_FLOOR_BYTES = 1024 * 1024;

export interface SheetSummary {
  name: string;
  /** Data rows (under the header) with at least one value. */
  rows: number;
}

export interface XlsxRead {
  sheets: SheetSummary[];
  sheet: string;
  fields: string[];
  features: SourceFeature[];
  /** EPSG:4326 for degree columns; undefined for metres (the VN-2000 zone is the user's choice). */
  detectedCrs: CrsCode | undefined;
  /** How the coordinates were read: which columns, and as degrees or metres. */
  coordinates: { x: string; y: string; degrees: boolean } | undefined;
}

const n = (value: number) => value.toLocaleString('en-US');

/** Column letters (A, Z, AA, XFD) as a 1-based number. */
function columnNumber(letters: string): number {
  let value = 0;
  for (const ch of letters) value = value * 26 + (ch.charCodeAt(0) - 64);
  return value;
}

/** Refuses a workbook whose archive or sheets break the limits, before exceljs builds anything. */
function guardWorkbook(bytes: Uint8Array, limits: ParseLimits): void {
  guardArchive(bytes, limits, 'Excel workbook', { maxRatio: MAX_RATIO, ratioFloorBytes: RATIO_FLOOR_BYTES });
  const maxColumns = limits.maxColumns ?? DEFAULT_MAX_COLUMNS;
  let sheets: Record<string, Uint8Array>;
  try {
    sheets = unzipSync(bytes, { filter: (f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f.name) });
  } catch (error) {
    throw new FormatError('DAMAGED_FILE', `The Excel workbook is damaged: ${(error as Error).message}`);
  }
  const decoder = new TextDecoder();
  for (const [name, xml] of Object.entries(sheets)) {
    const text = decoder.decode(xml);
    const cell = /<c\b[^>]*?\br="([A-Z]{1,4})(\d{1,8})"/g;
    for (let m = cell.exec(text); m; m = cell.exec(text)) {
      if (columnNumber(m[1] ?? '') > maxColumns)
        throw new LimitError(
          'maxColumns',
          maxColumns,
          `A sheet of the Excel workbook (${name}) has more than ${n(maxColumns)} columns (maxColumns); nothing was imported`,
        );
      if (Number(m[2]) > limits.maxFeatures + 1)
        throw new LimitError(
          'maxFeatures',
          limits.maxFeatures,
          `A sheet of the Excel workbook (${name}) has more than ${n(limits.maxFeatures)} rows (maxFeatures); nothing was imported`,
        );
    }
  }
}

/** A cell as the row keeps it: numbers stay numbers, dates become ISO text, formulas their result. */
export function cellValue(value: CellValue): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if ('richText' in value) return cellValue(value.richText.map((part) => part.text).join(''));
  if ('hyperlink' in value) return cellValue(value.text);
  if ('error' in value) return null;
  if ('result' in value) {
    const result = value.result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date))
      ? null
      : cellValue(result);
  }
  return null;
}

/** Header names: trimmed text, `column_N` for a blank, `name_2` for a repeat. */
function headerOf(values: readonly (string | number | boolean | null)[]): string[] {
  const seen = new Set<string>();
  return values.map((value, i) => {
    let name = value === null ? `column_${i + 1}` : String(value).trim();
    const base = name;
    for (let k = 2; seen.has(name); k++) name = `${base}_${k}`;
    seen.add(name);
    return name;
  });
}

/** Columns whose first values read as DMS angles with a hemisphere letter (lat: N/S, lng: E/W). */
function columnsByValues(
  fields: readonly string[],
  rows: readonly Record<string, unknown>[],
): { x: string; y: string } | undefined {
  let x: string | undefined;
  let y: string | undefined;
  for (const field of fields) {
    const sample = rows.slice(0, 20).map((r) => r[field]);
    const letters = sample.map((v) => (typeof v === 'string' ? parseAngle(v)?.hemisphere : undefined));
    if (letters.some((l) => l === 'N' || l === 'S')) y ??= field;
    else if (letters.some((l) => l === 'E' || l === 'W')) x ??= field;
  }
  return x && y ? { x, y } : undefined;
}

const toNumber = (value: unknown): number | undefined => {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const text = value
    .trim()
    .replace(/\s/g, '')
    .replace(/^(-?\d+),(\d+)$/, '$1.$2');
  const number = Number(text);
  return text !== '' && Number.isFinite(number) ? number : Number.NaN;
};

/** The row's point, or why it has none. Degrees: each cell decimal or DMS; metres: X/Y numbers. */
export function rowGeometry(
  row: Record<string, unknown>,
  columns: { x: string; y: string; degrees: boolean },
): { geometry: SourceGeometry | null; error?: string } {
  const a = row[columns.x];
  const b = row[columns.y];
  if (a === null || a === undefined || b === null || b === undefined)
    return { geometry: null, error: `no coordinates: ${columns.x} and ${columns.y} must both be filled` };
  if (columns.degrees) {
    const first = typeof a === 'number' ? { degrees: a } : parseAngle(String(a));
    const second = typeof b === 'number' ? { degrees: b } : parseAngle(String(b));
    if (!first || !second)
      return {
        geometry: null,
        error: `${columns.x}/${columns.y} must be degrees (20.8584 or 20°51'30.2"N), got "${a}", "${b}"`,
      };
    // A hemisphere letter says which is the latitude, whatever the column.
    const swapped =
      first.hemisphere === 'N' ||
      first.hemisphere === 'S' ||
      second.hemisphere === 'E' ||
      second.hemisphere === 'W';
    const [lng, lat] = swapped ? [second.degrees, first.degrees] : [first.degrees, second.degrees];
    return { geometry: { type: 'Point', coordinates: [lng, lat] } };
  }
  const x = toNumber(a);
  const y = toNumber(b);
  if (x === undefined || y === undefined || Number.isNaN(x) || Number.isNaN(y))
    return { geometry: null, error: `${columns.x}/${columns.y} must be numbers, got "${a}", "${b}"` };
  // Northings in Vietnam are > 1 000 000 m and eastings < 1 000 000 m: the magnitudes say which is which.
  const [easting, northing] = x > 1_000_000 && y < 1_000_000 ? [y, x] : [x, y];
  return { geometry: { type: 'Point', coordinates: [easting, northing] } };
}

/**
 * Reads the workbook: the sheets (name, data rows), and the chosen sheet's (`sheet`, else the first
 * with data) header and rows as features. `chosen`: the coordinate columns the user picked, with
 * whether they are degrees; else they are guessed from the header, then from DMS values.
 */
export async function readXlsx(
  bytes: Uint8Array,
  limits: ParseLimits,
  sheet: string | undefined,
  chosen: { x: string; y: string; degrees: boolean } | undefined,
): Promise<XlsxRead> {
  guardWorkbook(bytes, limits);
  // Loaded on first use: a parse worker reading other formats does not carry exceljs in its heap.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch (error) {
    throw new FormatError('DAMAGED_FILE', `The Excel workbook cannot be read: ${(error as Error).message}`);
  }
  const sheets = workbook.worksheets.map((w) => ({
    name: w.name,
    rows: Math.max(0, w.actualRowCount - 1),
  }));
  const worksheet = sheet
    ? workbook.worksheets.find((w) => w.name === sheet)
    : (workbook.worksheets.find((w) => w.actualRowCount > 1) ?? workbook.worksheets[0]);
  if (!worksheet)
    throw new FormatError(
      sheet ? 'UNSUPPORTED_FILE' : 'EMPTY_FILE',
      sheet
        ? `The workbook has no sheet "${sheet}". Sheets: ${sheets.map((s) => s.name).join(', ')}`
        : 'The workbook has no sheets.',
    );
  const width = Math.min(worksheet.columnCount, limits.maxColumns ?? DEFAULT_MAX_COLUMNS);
  const valuesOf = (row: Row) =>
    Array.from({ length: width }, (_, i) => {
      const value = cellValue(row.getCell(i + 1).value);
      if (typeof value === 'string')
        cellLimit(value.length, limits, `a cell of the sheet "${worksheet.name}"`);
      return value;
    });
  const header = worksheet.actualRowCount > 0 ? valuesOf(worksheet.getRow(1)) : [];
  if (header.every((v) => v === null))
    throw new FormatError('EMPTY_FILE', `The sheet "${worksheet.name}" has no header row.`);
  const fields = headerOf(header);
  const rows: Record<string, unknown>[] = [];
  for (let r = 2; r <= worksheet.rowCount; r++) {
    const values = valuesOf(worksheet.getRow(r));
    if (values.every((v) => v === null)) continue;
    rows.push(Object.fromEntries(fields.map((f, i) => [f, values[i] ?? null])));
  }
  if (rows.length > limits.maxFeatures)
    throw new LimitError(
      'maxFeatures',
      limits.maxFeatures,
      `The sheet has more than ${n(limits.maxFeatures)} rows (maxFeatures); nothing was imported`,
    );
  let coordinates = chosen;
  if (coordinates) {
    const missing = [coordinates.x, coordinates.y].filter((c) => !fields.includes(c));
    if (missing.length > 0)
      throw new FormatError(
        'UNSUPPORTED_FILE',
        `The sheet has no column ${missing.map((m) => `"${m}"`).join(' or ')}. Columns found: ${fields.join(', ')}`,
      );
  } else {
    const byName = coordinateColumnsByName(fields);
    if (byName) coordinates = { x: byName.x, y: byName.y, degrees: byName.kind === 'lnglat' };
    else {
      const byValues = columnsByValues(fields, rows);
      if (byValues) coordinates = { ...byValues, degrees: true };
    }
  }
  if (!coordinates)
    throw new FormatError(
      'UNSUPPORTED_FILE',
      `The sheet "${worksheet.name}" has no coordinate columns: give longitude and latitude (decimal or 20°51'30.2"N), or X and Y (VN-2000, X = northing). Columns found: ${fields.join(', ')}`,
    );
  const using = coordinates;
  const features = rows.map((properties): SourceFeature => {
    const { geometry, error } = rowGeometry(properties, using);
    return error ? { properties, geometry, geometryError: error } : { properties, geometry };
  });
  return {
    sheets,
    sheet: worksheet.name,
    fields,
    features,
    detectedCrs: using.degrees ? 'EPSG:4326' : undefined,
    coordinates: using,
  };
}
