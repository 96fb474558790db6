/** Import jobs, their staged rows and row issues (migrations/0005, 0030). The SQL migrations define the schema; this describes it (schema-drift.test.ts). */

import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';

/** A field mapping: contract property → source field, or `{ value }` (@hatang/contracts fieldMappingSchema). */
type FieldMapping = Record<string, string | { value: string | number | boolean | null }>;
/** A sheet of an .xlsx or a layer of a DXF (@hatang/contracts importPart). */
type ImportPart = {
  name: string;
  rows: number;
  geometry: 'point' | 'line' | 'mixed' | null;
  chosen: boolean;
};
type ImportCounts = { created: number; updated: number; skipped: number; invalidSkipped: number };

// The narrower types of text and jsonb columns are what the API writes (checked before writing).
export const importJobs = pgTable('import_jobs', {
  id: uuid().primaryKey().notNull(),
  resource: text().notNull(),
  format: text().$type<'geojson' | 'csv' | 'shapefile' | 'kml' | 'kmz' | 'gpkg' | 'xlsx' | 'dxf'>().notNull(),
  fileName: text('file_name'),
  status: text().$type<'parsing' | 'ready' | 'failed' | 'committed'>().notNull(),
  requestedCrs: text('requested_crs'),
  detectedCrs: text('detected_crs'),
  fields: jsonb().$type<string[]>().default([]).notNull(),
  mapping: jsonb().$type<FieldMapping>().default({}).notNull(),
  /** An .xlsx's sheets or a DXF's layers (migrations/0030). */
  parts: jsonb().$type<ImportPart[]>().default([]).notNull(),
  duplicates: text().$type<'update' | 'skip'>().default('skip').notNull(),
  validRowsOnly: boolean('valid_rows_only').default(false).notNull(),
  bytesTotal: bigint('bytes_total', { mode: 'number' }).default(0).notNull(),
  bytesRead: bigint('bytes_read', { mode: 'number' }).default(0).notNull(),
  rowsParsed: integer('rows_parsed').default(0).notNull(),
  rowsInvalid: integer('rows_invalid').default(0).notNull(),
  error: jsonb().$type<{ code: string; message: string }>(),
  result: jsonb().$type<ImportCounts>(),
  createdBy: uuid('created_by'),
  createdByOrg: uuid('created_by_org'),
  createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
  updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
  committedAt: timestamptz('committed_at'),
});

export const importRows = pgTable(
  'import_rows',
  {
    importId: uuid('import_id').notNull(),
    rowNo: integer('row_no').notNull(),
    /** The row as read from the file: field name → value. */
    source: jsonb().$type<Record<string, unknown>>().notNull(),
    /** Its GeoJSON geometry (WGS 84), or null with `geometryError` saying why. */
    geometry: jsonb().$type<{ type: string }>(),
    geometryError: text('geometry_error'),
  },
  (table) => [
    foreignKey({
      columns: [table.importId],
      foreignColumns: [importJobs.id],
      name: 'import_rows_import_id_fkey',
    }).onDelete('cascade'),
    primaryKey({ columns: [table.importId, table.rowNo], name: 'import_rows_pkey' }),
  ],
);

export const importIssues = pgTable(
  'import_issues',
  {
    importId: uuid('import_id').notNull(),
    rowNo: integer('row_no').notNull(),
    field: text().notNull(),
    message: text().notNull(),
  },
  (table) => [
    foreignKey({
      columns: [table.importId],
      foreignColumns: [importJobs.id],
      name: 'import_issues_import_id_fkey',
    }).onDelete('cascade'),
  ],
);
