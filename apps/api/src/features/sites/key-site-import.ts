/**
 * Key sites from a CSV (lng/lat, VN-2000 X/Y or WKT columns) or a GeoJSON file, reusing the
 * import pipeline's readers and reprojection. Every row is checked against the same contract as
 * the REST API; the caller writes all rows in one transaction or none. Untrusted text of up to
 * 4 MB: it is read in a parse worker (jobs/parse-worker.ts) under the parse limits, never on the
 * request thread.
 */
import {
  type KeySiteGeometry,
  type KeySiteImportRequest,
  type KeySiteWritable,
  keySiteGeometryIssues,
  keySiteProperties,
  parseKeySiteGeometry,
} from '@hatang/contracts';
import type { CrsCode } from '@hatang/geo';
import {
  defaultParseLimits,
  FormatError,
  LimitError,
  type ParseLimits,
  readGeoJson,
  type SourceFeature,
  singlePart,
  toWgs84,
} from '@hatang/geo/formats';
import { readCsv, sniffCsv } from '../imports/csv-source.js';
import type { RowIssue } from '../imports/field-mapping.js';

export interface ImportedKeySite {
  geometry: KeySiteGeometry;
  properties: KeySiteWritable;
}

/** A file's sites, or every problem with it (then nothing is written). */
export interface KeySiteFileRead {
  sites: ImportedKeySite[];
  issues: RowIssue[];
}

/** Which file column fills each property (first match, case-insensitive). */
const COLUMNS: Record<'name' | 'category' | 'adminUnitCode' | 'source', readonly string[]> = {
  name: ['name', 'ten', 'tên'],
  category: ['category', 'loai', 'loại'],
  adminUnitCode: ['adminunitcode', 'admin_unit_code', 'ma_dvhc', 'madvhc', 'commune'],
  source: ['source', 'nguon', 'nguồn'],
};

function cell(properties: Record<string, unknown>, names: readonly string[]): unknown {
  for (const [key, value] of Object.entries(properties)) {
    if (names.includes(key.trim().toLowerCase())) return value;
  }
  return undefined;
}

const blankToUndefined = (v: unknown) =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '') ? undefined : v;

/** A code written as a number in GeoJSON is the same code. */
const asText = (v: unknown) => (typeof v === 'number' ? String(v) : v);

/** Reads the file; a problem with the file as a whole throws a FormatError. */
async function readFeatures(
  request: KeySiteImportRequest,
  limits: ParseLimits,
): Promise<{ features: SourceFeature[]; crs: CrsCode }> {
  if (request.format === 'geojson') {
    const layer = readGeoJson(request.content, limits);
    if (layer.unknownCrs)
      throw new FormatError(
        'CRS_REQUIRED',
        'The GeoJSON names a CRS Hatang does not know; use EPSG:4326 or EPSG:9210.',
      );
    const declared = layer.crs && layer.crs !== 'EPSG:4326' ? layer.crs : undefined;
    return { features: layer.features, crs: declared ?? request.crs ?? 'EPSG:4326' };
  }
  const blob = new Blob([request.content]);
  const layout = await sniffCsv(blob);
  const crs: CrsCode = layout.geometry.kind === 'xy' ? (request.crs ?? 'EPSG:9210') : 'EPSG:4326';
  const features: SourceFeature[] = [];
  for await (const chunk of readCsv(blob, layout, 2000, limits)) {
    features.push(...chunk.features);
    if (features.length > limits.maxFeatures)
      throw new LimitError(
        'maxFeatures',
        limits.maxFeatures,
        `The file holds more than ${limits.maxFeatures} features (maxFeatures = ${limits.maxFeatures}); nothing was imported`,
      );
  }
  return { features, crs: layout.geometry.kind === 'wkt' ? (request.crs ?? 'EPSG:4326') : crs };
}

/**
 * The rows as key sites, or every problem (`row` 1-based in file order, `field` the property or
 * `geometry`). `fileIssue` is set when the file itself cannot be read.
 */
export async function parseKeySiteImport(
  request: KeySiteImportRequest,
  limits: ParseLimits = defaultParseLimits,
): Promise<KeySiteFileRead> {
  let read: { features: SourceFeature[]; crs: CrsCode };
  try {
    read = await readFeatures(request, limits);
  } catch (error) {
    if (error instanceof FormatError)
      return { sites: [], issues: [{ row: 0, field: 'file', message: error.message }] };
    throw error;
  }
  if (read.features.length === 0)
    return { sites: [], issues: [{ row: 0, field: 'file', message: 'The file has no rows' }] };
  const sites: ImportedKeySite[] = [];
  const issues: RowIssue[] = [];
  read.features.forEach((feature, index) => {
    const row = index + 1;
    let geometry: KeySiteGeometry | undefined;
    if (feature.geometryError || !feature.geometry) {
      issues.push({ row, field: 'geometry', message: feature.geometryError ?? 'no geometry' });
    } else {
      try {
        const parsed = parseKeySiteGeometry(toWgs84(singlePart(feature.geometry), read.crs));
        geometry = parsed.geometry;
        for (const issue of parsed.issues)
          issues.push({ row, field: issue.path.join('.'), message: issue.message });
      } catch (error) {
        issues.push({ row, field: 'geometry', message: (error as Error).message });
      }
    }
    const p = feature.properties;
    const props = keySiteProperties.safeParse({
      name: blankToUndefined(cell(p, COLUMNS.name)),
      category: blankToUndefined(cell(p, COLUMNS.category)),
      adminUnitCode: asText(blankToUndefined(cell(p, COLUMNS.adminUnitCode))),
      source: blankToUndefined(cell(p, COLUMNS.source)) ?? request.source ?? null,
    });
    if (!props.success) {
      for (const issue of props.error.issues) {
        issues.push({ row, field: issue.path.map(String).join('.') || 'properties', message: issue.message });
      }
    }
    if (geometry && props.success) {
      const mismatch = keySiteGeometryIssues(props.data.category, geometry);
      for (const issue of mismatch) issues.push({ row, field: 'geometry', message: issue.message });
      if (mismatch.length === 0) sites.push({ geometry, properties: props.data });
    }
  });
  return { sites, issues };
}
