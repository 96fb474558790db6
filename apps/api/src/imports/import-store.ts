/** The import_jobs row and what the API shows of it. */
import type { Sql } from '@hatang/db';
import { ownValue } from '../http/own-key.js';
import type { FieldMapping } from './field-mapping.js';
import type { ImportFormat } from './upload-source.js';

export type ImportStatus = 'parsing' | 'ready' | 'failed' | 'committed';

export interface ImportJob {
  id: string;
  resource: string;
  format: ImportFormat;
  fileName: string | null;
  status: ImportStatus;
  requestedCrs: string | null;
  detectedCrs: string | null;
  fields: string[];
  mapping: FieldMapping;
  duplicates: 'update' | 'skip';
  validRowsOnly: boolean;
  bytesTotal: number;
  bytesRead: number;
  rowsParsed: number;
  rowsInvalid: number;
  error: { code: string; message: string } | null;
  result: { created: number; updated: number; skipped: number; invalidSkipped: number } | null;
  createdBy: string | null;
  createdByOrg: string | null;
  createdAt: string;
  committedAt: string | null;
}

const SELECT = `SELECT id::text, resource, format, file_name AS "fileName", status, requested_crs AS "requestedCrs",
  detected_crs AS "detectedCrs", fields, mapping, duplicates, valid_rows_only AS "validRowsOnly",
  bytes_total::float8 AS "bytesTotal", bytes_read::float8 AS "bytesRead", rows_parsed AS "rowsParsed",
  rows_invalid AS "rowsInvalid", error, result, created_by::text AS "createdBy", created_by_org::text AS "createdByOrg",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  to_char(committed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "committedAt"
  FROM import_jobs`;

export async function findJob(sql: Sql, id: string, lock = false): Promise<ImportJob | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const rows = await sql.query<ImportJob>(`${SELECT} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

export async function insertJob(
  sql: Sql,
  job: Pick<
    ImportJob,
    'id' | 'resource' | 'format' | 'fileName' | 'requestedCrs' | 'bytesTotal' | 'createdBy' | 'createdByOrg'
  >,
): Promise<void> {
  await sql.query(
    `INSERT INTO import_jobs (id, resource, format, file_name, status, requested_crs, bytes_total, created_by, created_by_org)
     VALUES ($1, $2, $3, $4, 'parsing', $5, $6, $7, $8)`,
    [
      job.id,
      job.resource,
      job.format,
      job.fileName,
      job.requestedCrs,
      job.bytesTotal,
      job.createdBy,
      job.createdByOrg,
    ],
  );
}

type Patch = Partial<{
  status: ImportStatus;
  detectedCrs: string | null;
  fields: string[];
  mapping: FieldMapping;
  duplicates: 'update' | 'skip';
  validRowsOnly: boolean;
  bytesRead: number;
  rowsParsed: number;
  rowsInvalid: number;
  error: { code: string; message: string } | null;
  result: ImportJob['result'];
  committed: true;
}>;

const COLUMNS: Record<string, [string, string?]> = {
  status: ['status'],
  detectedCrs: ['detected_crs'],
  fields: ['fields', '::text::jsonb'],
  mapping: ['mapping', '::text::jsonb'],
  duplicates: ['duplicates'],
  validRowsOnly: ['valid_rows_only'],
  bytesRead: ['bytes_read'],
  rowsParsed: ['rows_parsed'],
  rowsInvalid: ['rows_invalid'],
  error: ['error', '::text::jsonb'],
  result: ['result', '::text::jsonb'],
};

export async function updateJob(sql: Sql, id: string, patch: Patch): Promise<void> {
  const sets = ['updated_at = now()'];
  const params: unknown[] = [id];
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'committed') {
      sets.push('committed_at = now()');
      continue;
    }
    const column = ownValue(COLUMNS, key);
    if (!column) continue;
    const json = column[1] !== undefined;
    params.push(json ? (value === null ? null : JSON.stringify(value)) : value);
    sets.push(`${column[0]} = $${params.length}${column[1] ?? ''}`);
  }
  await sql.query(`UPDATE import_jobs SET ${sets.join(', ')} WHERE id = $1`, params);
}
