/**
 * What every reader produces: features with the attributes as the file has them and the geometry
 * as GeoJSON in the file's own CRS (positions `[x, y]`: `[lng, lat]` for geographic CRSs,
 * `[easting, northing]` in metres for projected ones). Reprojection and validation come later.
 */
import type { CrsCode } from '../crs.js';

export interface SourceGeometry {
  type: string;
  coordinates?: unknown;
  geometries?: SourceGeometry[];
}

export interface SourceFeature {
  properties: Record<string, unknown>;
  geometry: SourceGeometry | null;
  /** Why the row has no geometry although it should (e.g. a CSV cell that is not a number). */
  geometryError?: string;
}

export interface DecodedLayer {
  features: SourceFeature[];
  /** Attribute names in file order (union over the features when the format has no schema). */
  fields: string[];
  /** CRS read from the file (.prj, GeoPackage srs_id, GeoJSON `crs`); undefined when it says none. */
  crs?: CrsCode;
  /** True when the file declares a CRS we do not recognise (so the user must choose one). */
  unknownCrs?: boolean;
}

/** A problem with the file as a whole (not one row): damaged archive, missing .prj, bad XML. */
export class FormatError extends Error {
  constructor(
    readonly code: 'DAMAGED_FILE' | 'CRS_REQUIRED' | 'UNSUPPORTED_FILE' | 'EMPTY_FILE' | 'LIMIT_EXCEEDED',
    message: string,
  ) {
    super(message);
    this.name = 'FormatError';
  }
}

/** Field names in first-seen order over the features' properties. */
export function fieldsOf(features: readonly SourceFeature[]): string[] {
  const seen = new Set<string>();
  for (const feature of features) for (const key of Object.keys(feature.properties)) seen.add(key);
  return [...seen];
}
