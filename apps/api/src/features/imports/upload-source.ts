/**
 * Opens an uploaded file: tells its format from the name and first bytes, reads the header or the
 * whole layer (formats that are archives or documents), and settles the CRS. Yields the features
 * in chunks, whatever the format.
 */

import { createRequire } from 'node:module';
import type { ImportFormat, ImportPart } from '@hatang/contracts';
import type { CrsCode } from '@hatang/geo';
import {
  checkDxfBytes,
  type DecodedLayer,
  defaultParseLimits,
  FormatError,
  LimitError,
  type ParseLimits,
  readDxfRows,
  readGeoJson,
  readGeoPackage,
  readKml,
  readKmz,
  readShapefileZip,
  type SourceFeature,
} from '@hatang/geo/formats';
import { DOMParser } from '@xmldom/xmldom';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { guardArchive } from './archive-guard.js';
import { type CsvColumns, csvCrs, csvNeedsCrs, readCsv, sniffCsv } from './csv-source.js';
import { readXlsx } from './xlsx-source.js';

export type { ImportFormat };

export interface UploadSource {
  format: ImportFormat;
  fields: string[];
  /** What the file says its CRS is (undefined: it says nothing, or something we do not know). */
  detectedCrs: CrsCode | undefined;
  /** The CRS the rows are read in: the user's choice, else the file's. */
  crs: CrsCode;
  /** An .xlsx's sheets or a DXF's layers, each marked whether its rows were read. */
  parts: ImportPart[];
  chunks: AsyncIterable<{ features: SourceFeature[]; bytesRead: number }>;
}

let sqlJs: Promise<SqlJsStatic> | undefined;
/** sql.js, loaded once, with its wasm from node_modules. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  const require = createRequire(import.meta.url);
  sqlJs ??= initSqlJs({ locateFile: (file: string) => require.resolve(`sql.js/dist/${file}`) });
  return sqlJs;
}

const startsWith = (bytes: Uint8Array, text: string) =>
  [...text].every((ch, i) => bytes[i] === ch.charCodeAt(0));

/** The format from the file name, checked against the first bytes. */
export async function detectFormat(file: Blob, name: string): Promise<ImportFormat> {
  const head = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
  const extension = name.toLowerCase().split('.').pop() ?? '';
  if (extension === 'dxf') {
    checkDxfBytes(head);
    return 'dxf';
  }
  if (extension === 'xlsx') {
    if (!startsWith(head, 'PK'))
      throw new FormatError('UNSUPPORTED_FILE', `"${name}" is not an Excel workbook (.xlsx is a zip).`);
    return 'xlsx';
  }
  if (extension === 'xls' || extension === 'dwg')
    throw new FormatError(
      'UNSUPPORTED_FILE',
      extension === 'xls'
        ? `"${name}" is an old Excel file (.xls): save it as .xlsx and import it again.`
        : `Cannot tell the format of "${name}": DWG drawings are not read; save it as DXF (ASCII) and import it again.`,
    );
  if (extension === 'kmz') return 'kmz';
  if (extension === 'zip' || startsWith(head, 'PK')) return 'shapefile';
  if (extension === 'gpkg' || startsWith(head, 'SQLite format 3')) return 'gpkg';
  if (extension === 'kml') return 'kml';
  if (extension === 'csv' || extension === 'txt') return 'csv';
  if (extension === 'geojson' || extension === 'json') return 'geojson';
  throw new FormatError(
    'UNSUPPORTED_FILE',
    `Cannot tell the format of "${name}": use .geojson, .csv, .zip (Shapefile), .kml, .kmz, .gpkg, .xlsx or .dxf.`,
  );
}

async function* inChunks(features: SourceFeature[], bytes: number, size = 2000) {
  for (let i = 0; i < features.length; i += size) {
    yield {
      features: features.slice(i, i + size),
      bytesRead: Math.round((bytes * Math.min(i + size, features.length)) / features.length),
    };
  }
}

function settleCrs(
  format: ImportFormat,
  detected: CrsCode | undefined,
  unknown: boolean,
  requested: CrsCode | undefined,
): CrsCode {
  if (requested) return requested;
  if (detected) return detected;
  if (format === 'shapefile') {
    throw new FormatError(
      'CRS_REQUIRED',
      unknown
        ? "The Shapefile's .prj names a coordinate system Hatang does not recognise: upload it again choosing the CRS (e.g. crs=EPSG:9210 for VN-2000 Hai Phong, EPSG:9209 for the former Hai Duong, EPSG:32648 for UTM 48N)."
        : 'The Shapefile has no .prj, so its coordinate system is unknown: upload it again choosing the CRS (e.g. crs=EPSG:9210 for VN-2000 Hai Phong, EPSG:9209 for the former Hai Duong, EPSG:4326 for WGS 84).',
    );
  }
  throw new FormatError(
    'CRS_REQUIRED',
    `The ${format} file does not say which coordinate system it uses: choose the CRS (e.g. crs=EPSG:9210).`,
  );
}

/**
 * Opens the upload; throws FormatError for a file that cannot be imported at all, LimitError for
 * one that breaks `limits`. `columns`: the CSV's coordinate columns as the user chose them
 * (X = easting or longitude, Y = northing or latitude; degrees when the CRS is WGS 84 or not
 * given). Runs in a parse worker (jobs/parse-worker.ts), never on the request thread.
 */
export async function openUpload(
  file: Blob,
  name: string,
  requested: CrsCode | undefined,
  columns: { x: string; y: string } | undefined,
  limits: ParseLimits = defaultParseLimits,
  choice: PartChoice = {},
): Promise<UploadSource> {
  if (file.size === 0) throw new FormatError('EMPTY_FILE', 'The file is empty.');
  const format = await detectFormat(file, name);
  if (format === 'xlsx') return openXlsx(file, requested, columns, limits, choice);
  if (format === 'dxf') return openDxf(file, requested, limits, choice);
  if (format === 'csv') {
    const chosen: CsvColumns | undefined = columns && {
      ...columns,
      degrees: requested === undefined || requested === 'EPSG:4326',
    };
    const layout = await sniffCsv(file, chosen);
    const detected = csvCrs(layout);
    if (csvNeedsCrs(layout) && !requested) {
      throw new FormatError(
        'CRS_REQUIRED',
        `The CSV has X/Y columns in metres (${layout.geometry.kind === 'xy' ? `${layout.geometry.x}, ${layout.geometry.y}` : ''}): choose the VN-2000 zone (crs=EPSG:9210 for Hai Phong, EPSG:9209 for the former Hai Duong).`,
      );
    }
    return {
      format,
      fields: layout.fields,
      detectedCrs: detected,
      crs: requested ?? detected ?? 'EPSG:4326',
      parts: [],
      chunks: readCsv(file, layout, 2000, limits),
    };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  let layer: DecodedLayer;
  switch (format) {
    case 'geojson':
      layer = readGeoJson(new TextDecoder().decode(bytes), limits);
      break;
    case 'shapefile':
      guardArchive(bytes, limits, 'zip archive');
      layer = readShapefileZip(bytes, limits);
      break;
    case 'kml':
      layer = readKml(new TextDecoder().decode(bytes), xmlParser(), limits);
      break;
    case 'kmz':
      guardArchive(bytes, limits, 'KMZ archive');
      layer = readKmz(bytes, xmlParser(), limits);
      break;
    case 'gpkg':
      layer = readGeoPackage(await loadSqlJs(), bytes, limits);
      break;
  }
  if (layer.features.length === 0) throw new FormatError('EMPTY_FILE', 'The file holds no features.');
  if (layer.features.length > limits.maxFeatures)
    throw new LimitError(
      'maxFeatures',
      limits.maxFeatures,
      `The file holds ${layer.features.length} features, more than ${limits.maxFeatures} (maxFeatures = ${limits.maxFeatures}); nothing was imported`,
    );
  const crs = settleCrs(format, layer.crs, layer.unknownCrs === true, requested);
  return {
    format,
    fields: layer.fields,
    detectedCrs: layer.crs,
    crs,
    parts: [],
    chunks: inChunks(layer.features, bytes.length),
  };
}

/** Which part of a workbook or drawing to read, as the user chose it. */
export interface PartChoice {
  /** .xlsx: the sheet (default: the first with data). */
  sheet?: string | undefined;
  /** DXF: the layers (default: those whose entities have the target's geometry). */
  layers?: string[] | undefined;
  /** The target layer's geometry type, for the DXF default. */
  geometryType?: string | undefined;
}

async function openXlsx(
  file: Blob,
  requested: CrsCode | undefined,
  columns: { x: string; y: string } | undefined,
  limits: ParseLimits,
  choice: PartChoice,
): Promise<UploadSource> {
  const degrees = requested === undefined || requested === 'EPSG:4326';
  const bytes = new Uint8Array(await file.arrayBuffer());
  const read = await readXlsx(bytes, limits, choice.sheet, columns && { ...columns, degrees });
  if (read.features.length === 0)
    throw new FormatError('EMPTY_FILE', `The sheet "${read.sheet}" has no rows under its header.`);
  return {
    format: 'xlsx',
    fields: read.fields,
    detectedCrs: read.detectedCrs ?? 'EPSG:9210',
    // X/Y in metres without a chosen zone: Hai Phong's VN-2000 zone, as the city's registers use.
    crs: read.coordinates?.degrees ? 'EPSG:4326' : (requested ?? 'EPSG:9210'),
    parts: read.sheets.map((s) => ({
      name: s.name,
      rows: s.rows,
      geometry: null,
      chosen: s.name === read.sheet,
    })),
    chunks: inChunks(read.features, bytes.length),
  };
}

async function openDxf(
  file: Blob,
  requested: CrsCode | undefined,
  limits: ParseLimits,
  choice: PartChoice,
): Promise<UploadSource> {
  const text = new TextDecoder().decode(await file.arrayBuffer());
  const wanted = choice.layers && new Set(choice.layers);
  const fits = (kind: 'point' | 'line' | 'mixed') =>
    kind === 'mixed' || (choice.geometryType === 'Point' ? kind === 'point' : kind === 'line');
  const read = await readDxfRows(text, limits, (layer, kind) => (wanted ? wanted.has(layer) : fits(kind)));
  if (wanted) {
    const missing = [...wanted].filter((l) => !read.layers.some((r) => r.name === l));
    if (missing.length > 0)
      throw new FormatError(
        'UNSUPPORTED_FILE',
        `The drawing has no layer ${missing.map((m) => `"${m}"`).join(', ')} with points, blocks or lines. Layers: ${read.layers.map((l) => l.name).join(', ')}`,
      );
  }
  // No layer fitting the target is not a failure: the job lists the layers for the user to choose.
  if (read.layers.length === 0)
    throw new FormatError('EMPTY_FILE', 'The drawing holds no points, blocks or lines.');
  return {
    format: 'dxf',
    fields: read.fields,
    // A drawing names no CRS; Hai Phong's drawings are VN-2000 TM-3 105°45′ (shown as the file's).
    detectedCrs: 'EPSG:9210',
    // A drawing says nothing of its CRS: VN-2000 Hai Phong (x = easting, y = northing) unless chosen.
    crs: requested ?? 'EPSG:9210',
    parts: read.layers.map((l) => ({
      name: l.name,
      rows: l.count,
      geometry: l.geometry,
      chosen: wanted ? wanted.has(l.name) : fits(l.geometry),
    })),
    chunks: inChunks(read.features, text.length),
  };
}

/** xmldom, failing on malformed XML instead of repairing it silently. */
function xmlParser() {
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level === 'fatalError' || level === 'error') throw new Error(message);
    },
  });
  return { parseFromString: (text: string, type: 'text/xml') => parser.parseFromString(text, type) };
}
