/**
 * CSV text for PostgreSQL `COPY … FROM (FORMAT csv)`: fields quoted only when needed, an empty
 * unquoted field is NULL, geometries as EWKT, arrays as `{a,b}` literals. Numbers are written
 * with fixed precision so output is byte-identical between runs and platforms.
 */

export type Field = string | number | boolean | null | undefined;
export type LngLat = readonly [number, number];

const NEEDS_QUOTES = /[",\n\r]|^\s|\s$/;

export function csvField(value: Field): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === '') return '""';
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvRow(values: readonly Field[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    line += csvField(values[i]);
  }
  return line;
}

/** One table's worth of CSV: the target table, its columns and the rows as text. */
export interface TableCsv {
  readonly table: string;
  readonly columns: readonly string[];
  readonly rowCount: number;
  readonly csv: string;
}

/** Accumulates rows for one table. */
export class CsvTable {
  private readonly lines: string[] = [];

  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {}

  add(values: readonly Field[]): void {
    if (values.length !== this.columns.length) {
      throw new Error(`${this.table}: ${values.length} values for ${this.columns.length} columns`);
    }
    this.lines.push(csvRow(values));
  }

  /** Appends a pre-formatted line (hot paths that build the row text themselves). */
  addRaw(line: string): void {
    this.lines.push(line);
  }

  get rowCount(): number {
    return this.lines.length;
  }

  build(): TableCsv {
    const csv = this.lines.length === 0 ? '' : `${this.lines.join('\n')}\n`;
    return { table: this.table, columns: this.columns, rowCount: this.lines.length, csv };
  }
}

/** A coordinate with 6 decimals (≈ 0.1 m), trailing zeros trimmed. */
export function coord(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

export function ewktPoint(p: LngLat): string {
  return `SRID=4326;POINT(${coord(p[0])} ${coord(p[1])})`;
}

export function ewktLineString(points: readonly LngLat[]): string {
  if (points.length < 2) throw new Error('a LineString needs at least 2 points');
  return `SRID=4326;LINESTRING(${points.map((p) => `${coord(p[0])} ${coord(p[1])}`).join(',')})`;
}

/** MultiPolygon from GeoJSON-style coordinates: polygons → rings → [lng, lat] positions. */
export function ewktMultiPolygon(polygons: readonly (readonly (readonly LngLat[])[])[]): string {
  const body = polygons
    .map((rings) => `(${rings.map((ring) => `(${ring.map((p) => `${p[0]} ${p[1]}`).join(',')})`).join(',')})`)
    .join(',');
  return `SRID=4326;MULTIPOLYGON(${body})`;
}

/** A PostgreSQL array literal of simple tokens: `{4G,5G}`. */
export function pgArray(items: readonly string[]): string {
  for (const item of items) {
    if (!/^[A-Za-z0-9_-]+$/.test(item)) throw new Error(`array item needs quoting: ${item}`);
  }
  return `{${items.join(',')}}`;
}

/** A rounded decimal for attribute columns (heights, widths): `digits` decimals, trimmed. */
export function num(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
