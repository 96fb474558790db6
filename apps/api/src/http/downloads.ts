/**
 * Downloads of API answers (`?format=csv|geojson`: sharing reports, the campaign, co-location
 * oversight): CSV for spreadsheets and GeoJSON for GIS. CSV starts with a UTF-8 byte order mark so Excel reads Vietnamese street and company names
 * as UTF-8 instead of the Windows code page, and uses CRLF line ends (RFC 4180).
 */
import { csvCell } from '@hatang/geo/formats';
import type { Context } from 'hono';

/** The UTF-8 byte order mark Excel needs to read a CSV as UTF-8. */
export const UTF8_BOM = '\uFEFF';

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/**
 * One CSV field: quoted when it holds a comma, quote or line break; a formula start is defused
 * (the one spreadsheet guard of every CSV download, `csvCell` of @hatang/geo).
 */
export const csvField = (value: string | number | boolean | null | undefined): string => csvCell(value);

/** A CSV document (BOM, header row, CRLF) of `rows` in `columns`. */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row))).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

interface FeatureLike {
  type: 'Feature';
  id?: string | number;
  geometry: unknown;
  properties: object;
}

/**
 * A plain GeoJSON FeatureCollection (RFC 7946: `[lng, lat]` WGS 84) of the features, each
 * property kept; nested objects and arrays are kept as JSON values.
 */
export function toGeoJson(features: readonly FeatureLike[], name: string) {
  return {
    type: 'FeatureCollection' as const,
    name,
    features: features.map((f) => ({
      type: 'Feature' as const,
      ...(f.id === undefined ? {} : { id: f.id }),
      geometry: f.geometry,
      properties: f.properties,
    })),
  };
}

/** `hatang-<name>-YYYY-MM-DD.<ext>`: what the browser saves the download as. */
export function exportFileName(name: string, ext: 'csv' | 'geojson', day = new Date()): string {
  return `hatang-${name}-${day.toISOString().slice(0, 10)}.${ext}`;
}

/** The CSV as a download. */
export function csvResponse(c: Context, name: string, csv: string): Response {
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${exportFileName(name, 'csv')}"`);
  return c.body(csv);
}

/** The GeoJSON as a download. */
export function geoJsonResponse(c: Context, name: string, collection: unknown): Response {
  c.header('Content-Type', 'application/geo+json; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${exportFileName(name, 'geojson')}"`);
  return c.body(JSON.stringify(collection));
}
