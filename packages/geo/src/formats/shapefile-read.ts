import { parseDbf, parseShp } from 'shpjs';
import { crsFromPrj } from '../crs.js';
import { type DecodedLayer, FormatError, type SourceFeature, type SourceGeometry } from './source-feature.js';
import { entriesWith, unzip } from './zip.js';

/** shpjs wants an ArrayBuffer of exactly the entry. */
const arrayBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer;
const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);

/**
 * Reads a zipped Shapefile (.shp + .dbf, optionally .prj and .cpg) with shpjs. Geometry stays in
 * the file's CRS: the .prj is recognised with `crsFromPrj` (VN-2000 TM-3 zones, UTM 48N, WGS 84)
 * rather than handed to proj4, because a VN-2000 .prj without TOWGS84 would shift points ~225 m.
 * `crs` is undefined when the archive has no .prj; `unknownCrs` when it has one we do not know.
 */
export function readShapefileZip(bytes: Uint8Array): DecodedLayer {
  const entries = unzip(bytes, 'zipped Shapefile');
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
  if (!shp) throw new FormatError('UNSUPPORTED_FILE', 'The zip holds no .shp file.');
  let geometries: (SourceGeometry | null)[];
  let rows: Record<string, unknown>[] = [];
  try {
    geometries = parseShp(arrayBuffer(shp)) as unknown as (SourceGeometry | null)[];
    if (dbf)
      rows = (parseDbf(arrayBuffer(dbf), arrayBuffer(sibling('.cpg') ?? new TextEncoder().encode('UTF-8'))) ??
        []) as Record<string, unknown>[];
  } catch (error) {
    throw new FormatError('DAMAGED_FILE', `The Shapefile cannot be read (${(error as Error).message}).`);
  }
  const features: SourceFeature[] = geometries.map((geometry, i) => ({
    geometry: geometry ?? null,
    properties: rows[i] ?? {},
  }));
  const fields = rows[0] ? Object.keys(rows[0]) : [];
  const prj = text(sibling('.prj'));
  if (prj === undefined) return { features, fields };
  const crs = crsFromPrj(prj);
  return crs ? { features, fields, crs } : { features, fields, unknownCrs: true };
}
