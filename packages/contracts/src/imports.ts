/**
 * Imports of asset layers from files (GeoJSON, CSV, Shapefile, KML/KMZ, GeoPackage, Excel, DXF) and of the
 * population grid (GeoTIFF): the field mapping a user edits, the import job as the API shows it,
 * its duplicate report; and the layer exports' file formats.
 */
import { z } from 'zod';

/** Formats the API reads, told apart by the file's extension (and first bytes on the server). */
export const importFormats = ['geojson', 'csv', 'shapefile', 'kml', 'kmz', 'gpkg', 'xlsx', 'dxf'] as const;
export type ImportFormat = (typeof importFormats)[number];

const constant = z.strictObject({ value: z.union([z.string(), z.number(), z.boolean(), z.null()]) });
/** property → source field name, or `{ value }` for a constant (e.g. the owner for every row). */
export const fieldMappingSchema = z.record(z.string(), z.union([z.string().min(1), constant]));
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

/** One problem of one row: `row` is 1-based in file order, `field` the contract property (or `geometry`). */
export const importIssue = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export type ImportIssue = z.infer<typeof importIssue>;

export const importResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  invalidSkipped: z.number().int(),
});
export type ImportResult = z.infer<typeof importResult>;

export const importStatus = z.enum(['parsing', 'ready', 'failed', 'committed']);

/** A GeoJSON geometry in WGS 84, `[lng, lat]` (as staged from the file; not checked again here). */
const stagedGeometry = z.looseObject({ type: z.string() });

/**
 * A part of the file the user chooses among: a sheet of an .xlsx (`rows`: data rows under the
 * header) or a layer of a DXF (`rows`: its points, block references and lines; `geometry` what
 * they are). `chosen`: read into this import's rows (one sheet; the layers asked for, else those
 * whose geometry fits the target layer).
 */
export const importPart = z.object({
  name: z.string(),
  rows: z.number().int(),
  geometry: z.enum(['point', 'line', 'mixed']).nullable(),
  chosen: z.boolean(),
});
export type ImportPart = z.infer<typeof importPart>;

/** GET /api/v1/imports/:id (also the answer of POST, PATCH and commit). */
export const importView = z.object({
  id: z.guid(),
  resource: z.string(),
  format: z.enum(importFormats),
  fileName: z.string().nullable(),
  status: importStatus,
  requestedCrs: z.string().nullable(),
  detectedCrs: z.string().nullable(),
  /** The CRS the rows are read in: the one asked for, else the file's own. */
  crs: z.string().nullable(),
  fields: z.array(z.string()),
  /** Sheets (.xlsx) or layers (DXF); empty for other formats. */
  parts: z.array(importPart),
  mapping: fieldMappingSchema,
  duplicates: z.enum(['update', 'skip']),
  validRowsOnly: z.boolean(),
  bytesTotal: z.number(),
  bytesRead: z.number(),
  rowsParsed: z.number().int(),
  rowsInvalid: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  result: importResult.nullable(),
  createdBy: z.guid().nullable(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
  progress: z.object({
    fraction: z.number(),
    bytesRead: z.number(),
    bytesTotal: z.number(),
    rowsParsed: z.number().int(),
  }),
  issueCount: z.number().int(),
  /** The first problems; the whole list is report.csv. */
  issues: z.array(importIssue),
  /** The first rows, geometry in WGS 84 `[lng, lat]`, properties as the mapping makes them (null: bad row). */
  preview: z.array(
    z.object({
      row: z.number().int(),
      geometry: stagedGeometry.nullable(),
      source: z.record(z.string(), z.unknown()),
      properties: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
});
export type ImportViewBody = z.infer<typeof importView>;

/** PATCH /api/v1/imports/:id: a new mapping (every row re-checked), how duplicates go, invalid rows. */
export const importChange = z.strictObject({
  mapping: fieldMappingSchema.optional(),
  duplicates: z.enum(['update', 'skip']).optional(),
  validRowsOnly: z.boolean().optional(),
});
export type ImportChange = z.infer<typeof importChange>;

/** Valid rows that match existing assets (same owner and code, or same place). */
export const duplicateReport = z.object({
  /** Valid rows that match an existing asset (what the commit updates or skips). */
  count: z.number().int(),
  /** The first matches: the row, the asset it matches, and how (same code, else same place). */
  rows: z.array(
    z.object({
      row: z.number().int(),
      existingId: z.string(),
      existingCode: z.string(),
      match: z.enum(['code', 'place']),
    }),
  ),
});
export type DuplicateReport = z.infer<typeof duplicateReport>;

/** POST /api/v1/imports/population: the grid that replaced the previous one. */
export const populationImportResult = z.object({
  cells: z.number().int(),
  populationCount: z.number(),
  /** Pixels with people whose centre is outside every unit (outside the city). */
  pixelsOutside: z.number().int(),
  cellSizeM: z.number(),
  units: z.number().int(),
});
export type PopulationImportResult = z.infer<typeof populationImportResult>;
