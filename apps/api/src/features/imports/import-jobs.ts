/**
 * The life of an import: the upload is parsed in the background (progress on the job row),
 * staged, validated with the automatic mapping; then the user remaps and commits.
 */

import { openAsBlob } from 'node:fs';
import type { ImportViewBody, ResourceDefinition } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import type { CrsCode } from '@hatang/geo';
import { FormatError } from '@hatang/geo/formats';
import type { SpooledFile } from '../../http/multipart.js';
import type { PoolSlot } from '../../jobs/parse-pool.js';
import type { CommitResult } from './commit-import.js';
import { type FieldMapping, mapRow } from './field-mapping.js';
import {
  dropStaged,
  findJob,
  firstIssues,
  type ImportJob,
  insertJob,
  updateJob,
} from './import-repository.js';
import { checkContext, stagedRows } from './row-checker.js';
import { detectFormat } from './upload-source.js';

/** Parses still running in this process, by import id (so tests and shutdown can wait for them). */
const running = new Map<string, Promise<void>>();
export const parsing = (id: string) => running.get(id) ?? Promise.resolve();
/** Ids of the imports this process is parsing now (the stale-import cleanup leaves them alone). */
export const parsingIds = (): string[] => [...running.keys()];

/** How the app is told of imports, and their upload limit (AppDeps.imports). */
export interface ImportRouteOptions {
  /** Largest accepted upload, bytes (default: the pool's maxUploadBytes, 200 MB). */
  maxUploadBytes?: number;
  /** Told after a commit, e.g. so coverage analyses recompute after a tower import. */
  onCommitted?: (resource: string, result: CommitResult) => void;
}

export interface StartImport {
  /** The upload spooled to disk; `removeFile` deletes it once parsing ends, whatever the outcome. */
  file: SpooledFile;
  removeFile: () => Promise<void>;
  /** The place in the parse pool taken for this upload. */
  slot: PoolSlot;
  fileName: string;
  definition: ResourceDefinition;
  requestedCrs: CrsCode | undefined;
  /** CSV only: the coordinate columns the user chose (else they are guessed from the header). */
  csvColumns?: { x: string; y: string } | undefined;
  /** .xlsx: the sheet to read; DXF: the layers to read (else the defaults of upload-source.ts). */
  sheet?: string | undefined;
  layers?: string[] | undefined;
  createdBy: string | null;
  createdByOrg: string | null;
  /** For `own` grants: every row must belong to this organisation (and it is the default owner). */
  onlyOwner: string | undefined;
}

/**
 * Creates the job and starts parsing in a worker; resolves as soon as the job row exists. From
 * here on the slot and the spooled file belong to the parse (freed when it ends); if this throws,
 * they are still the caller's.
 */
export async function startImport(db: Database, input: StartImport): Promise<string> {
  const id = crypto.randomUUID();
  const format = await detectFormat(await openAsBlob(input.file.path), input.fileName);
  await insertJob(db, {
    id,
    resource: input.definition.path,
    format,
    fileName: input.fileName,
    requestedCrs: input.requestedCrs ?? null,
    bytesTotal: input.file.size,
    createdBy: input.createdBy,
    createdByOrg: input.createdByOrg,
  });
  const work = parse(db, id, input).finally(() => running.delete(id));
  running.set(id, work);
  return id;
}

/**
 * The worker reads the file, stages its features and validates them through its own database
 * connection; this thread only waits and records the end. A refusal at any point removes every
 * staged row.
 */
async function parse(db: Database, id: string, input: StartImport): Promise<void> {
  try {
    const { handle } = await db.workerHandle();
    // The spooled file is removed as soon as the worker is done with it, before the job's status
    // says the parse has ended.
    await input.slot
      .run({
        kind: 'import',
        path: input.file.path,
        fileName: input.fileName,
        requestedCrs: input.requestedCrs,
        columns: input.csvColumns,
        sheet: input.sheet,
        layers: input.layers,
        importId: id,
        resource: input.definition.path,
        onlyOwner: input.onlyOwner,
        db: handle,
      })
      .finally(input.removeFile);
    await updateJob(db, id, { status: 'ready', bytesRead: input.file.size });
  } catch (error) {
    const known = error instanceof FormatError;
    if (!known) console.error(`[import ${id}] parsing failed`, error);
    await dropStaged(db, id);
    await updateJob(db, id, {
      status: 'failed',
      error: known
        ? { code: error.code, message: error.message }
        : { code: 'INTERNAL', message: 'The file could not be read; nothing was imported' },
    });
  }
}

/** What GET /imports/:id shows (the contract's `importView`). */
export type ImportView = ImportViewBody;

/** What GET /imports/:id shows. */
export async function viewImport(
  db: Database,
  job: ImportJob,
  definition: ResourceDefinition,
  limits = { issues: 200, preview: 20 },
): Promise<ImportView> {
  const { count: issueCount, issues } = await firstIssues(db, job.id, limits.issues);
  const preview: ImportView['preview'] = [];
  if (job.status === 'ready') {
    const context = await checkContext(db, definition, job.mapping, undefined);
    for await (const rows of stagedRows(db, job.id, limits.preview)) {
      for (const row of rows) {
        const mapped = mapRow(definition, job.mapping, row.source, context);
        preview.push({
          row: row.rowNo,
          geometry: row.geometry,
          source: row.source,
          properties: mapped.ok ? mapped.properties : null,
        });
      }
      break;
    }
  }
  const { createdByOrg: _, ...rest } = job;
  const fraction =
    job.status === 'parsing' ? (job.bytesTotal > 0 ? Math.min(0.99, job.bytesRead / job.bytesTotal) : 0) : 1;
  return {
    ...rest,
    progress: { fraction, bytesRead: job.bytesRead, bytesTotal: job.bytesTotal, rowsParsed: job.rowsParsed },
    crs: job.requestedCrs ?? job.detectedCrs,
    issueCount,
    issues,
    preview,
  };
}

/**
 * Records the user's choices; a new mapping is validated by `validate` (in the compute pool: a
 * 100k-row report must not hold the request thread).
 */
export async function remapImport(
  db: Database,
  job: ImportJob,
  change: { mapping?: FieldMapping; duplicates?: 'update' | 'skip'; validRowsOnly?: boolean },
  validate: (mapping: FieldMapping) => Promise<number>,
): Promise<void> {
  const { mapping, ...options } = change;
  if (Object.keys(options).length) await updateJob(db, job.id, options);
  if (mapping) await validate(mapping);
}

export { findJob };
