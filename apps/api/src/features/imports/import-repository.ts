/** The import_jobs row and what the API shows of it; the job's issues (import_issues). */

import type { FieldMapping, ImportIssue, ImportPart } from '@hatang/contracts';
import { orm, type RowOf, type Sql } from '@hatang/db';
import { importIssues, importJobs, importRows } from '@hatang/db/schema';
import { asc, count, eq, sql } from 'drizzle-orm';

const JOB = {
  id: importJobs.id,
  resource: importJobs.resource,
  format: importJobs.format,
  fileName: importJobs.fileName,
  status: importJobs.status,
  requestedCrs: importJobs.requestedCrs,
  detectedCrs: importJobs.detectedCrs,
  fields: importJobs.fields,
  parts: importJobs.parts,
  mapping: importJobs.mapping,
  duplicates: importJobs.duplicates,
  validRowsOnly: importJobs.validRowsOnly,
  bytesTotal: importJobs.bytesTotal,
  bytesRead: importJobs.bytesRead,
  rowsParsed: importJobs.rowsParsed,
  rowsInvalid: importJobs.rowsInvalid,
  error: importJobs.error,
  result: importJobs.result,
  createdBy: importJobs.createdBy,
  createdByOrg: importJobs.createdByOrg,
  createdAt: importJobs.createdAt,
  committedAt: importJobs.committedAt,
};

/** An import job as the API works with it (its `updatedAt` aside). */
export type ImportJob = RowOf<typeof JOB>;
export type ImportStatus = ImportJob['status'];

/** The job `id`; `lock` holds its row until the transaction of `on` ends. */
export async function findJob(on: Sql, id: string, lock = false): Promise<ImportJob | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const query = orm(on).select(JOB).from(importJobs).where(eq(importJobs.id, id));
  const [job] = lock ? await query.for('update') : await query;
  return job;
}

export async function insertJob(
  on: Sql,
  job: Pick<
    ImportJob,
    'id' | 'resource' | 'format' | 'fileName' | 'requestedCrs' | 'bytesTotal' | 'createdBy' | 'createdByOrg'
  >,
): Promise<void> {
  await orm(on)
    .insert(importJobs)
    .values({ ...job, status: 'parsing' });
}

type Patch = Partial<{
  status: ImportStatus;
  detectedCrs: string | null;
  fields: string[];
  parts: ImportPart[];
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

export async function updateJob(on: Sql, id: string, patch: Patch): Promise<void> {
  const { committed, ...columns } = patch;
  await orm(on)
    .update(importJobs)
    .set({ ...columns, updatedAt: sql`now()`, ...(committed ? { committedAt: sql`now()` } : {}) })
    .where(eq(importJobs.id, id));
}

/** How many problems the import's rows have, and the first `limit` of them in row order. */
export async function firstIssues(
  on: Sql,
  importId: string,
  limit: number,
): Promise<{ count: number; issues: ImportIssue[] }> {
  const db = orm(on);
  const [counted] = await db
    .select({ n: count() })
    .from(importIssues)
    .where(eq(importIssues.importId, importId));
  const issues = await issueReport(on, importId, limit);
  return { count: counted?.n ?? 0, issues };
}

/** Every problem of the import's rows (or the first `limit`), by row then field. */
export async function issueReport(on: Sql, importId: string, limit?: number): Promise<ImportIssue[]> {
  const query = orm(on)
    .select({ row: importIssues.rowNo, field: importIssues.field, message: importIssues.message })
    .from(importIssues)
    .where(eq(importIssues.importId, importId))
    .orderBy(asc(importIssues.rowNo), asc(importIssues.field));
  return limit === undefined ? query : query.limit(limit);
}

/** Drops what a refused parse staged: its rows and their issues. */
export async function dropStaged(on: Sql, importId: string): Promise<void> {
  const db = orm(on);
  await db.delete(importRows).where(eq(importRows.importId, importId));
  await db.delete(importIssues).where(eq(importIssues.importId, importId));
}
