/**
 * Hard limits on what one uploaded file may make a parser do. Every reader that touches untrusted
 * bytes takes these and stops with a LimitError (a FormatError with code LIMIT_EXCEEDED) naming the
 * limit, before doing the work that would break it. The API sets them from env.ts; these defaults
 * fit a city register (100k+ rows) and refuse decompression bombs and absurd geometry.
 */
import { FormatError } from './source-feature.js';

export interface ParseLimits {
  /** Total bytes all entries of an archive (Shapefile zip, KMZ) may inflate to. */
  maxInflatedBytes: number;
  /** Entries in one archive. */
  maxArchiveEntries: number;
  /** Features (rows) in one file. */
  maxFeatures: number;
  /** Vertices (positions) in one feature's geometry. */
  maxVerticesPerFeature: number;
  /** Vertices in the whole file. */
  maxVertices: number;
  /** Characters in one text cell or attribute (a CSV WKT cell, a KML description). */
  maxCellChars: number;
  /** Nesting depth of a geometry or document (GeoJSON collections, KML folders, XML). */
  maxDepth: number;
  /** Raster cells (width × height) in a GeoTIFF. */
  maxRasterCells: number;
  /**
   * Parts (rings) in one Shapefile polygon record: shpjs nests holes in outer rings by comparing
   * each with each, time quadratic in the parts (20 000 parts took 7 s). Optional so a ParseLimits
   * built without it still type-checks; unset means the default.
   */
  maxPartsPerFeature?: number;
  /** Columns in one sheet of a spreadsheet (.xlsx); unset means 1000. */
  maxColumns?: number;
}

export const defaultParseLimits: ParseLimits = {
  maxInflatedBytes: 1024 * 1024 * 1024,
  maxArchiveEntries: 1000,
  maxFeatures: 500_000,
  maxVerticesPerFeature: 200_000,
  maxVertices: 20_000_000,
  maxCellChars: 200_000,
  maxDepth: 32,
  maxRasterCells: 100_000_000,
  maxPartsPerFeature: 5_000,
  maxColumns: 1000,
};

/** A file that breaks a parse limit: the limit's name and value are in the error for the report. */
export class LimitError extends FormatError {
  constructor(
    readonly limit: keyof ParseLimits | 'maxUploadBytes' | 'timeBudgetMs' | 'memoryMb',
    readonly value: number,
    message: string,
  ) {
    super('LIMIT_EXCEEDED', message);
    this.name = 'LimitError';
  }
}
