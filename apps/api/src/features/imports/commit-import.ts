/**
 * Commits a validated import in ONE transaction: rows go through a temporary table (COPY), are
 * matched against existing assets (same owner and code, or the same place within ~1 m), then
 * updated or skipped as the user chose, inserted, and audited — one audit_log row per feature
 * (create or update, with before/after exactly as the REST API records them), all with the
 * commit request's id. Anything that throws rolls everything back: a killed process leaves the
 * database as it was.
 */
import type { ResourceDefinition } from '@hatang/contracts';
import { type Database, featureTableOf, orm, type Sql } from '@hatang/db';
import { auditLog, geometryGeometry, importRows } from '@hatang/db/schema';
import { copyLine, toWkt } from '@hatang/geo/formats';
import {
  type Column,
  count,
  eq,
  getTableName,
  inArray,
  isNotNull,
  isNull,
  type SQL,
  type SQLWrapper,
  sql,
} from 'drizzle-orm';
import { alias, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ApiError } from '../../errors.js';
import { columnsOf, toPgTextArray } from '../assets/sql/columns.js';
import { columnOf, extrasOf, selectFeatureSql, textOf } from '../assets/sql/feature-sql.js';
import { matchDuplicates } from './duplicates.js';
import { findJob, updateJob } from './import-repository.js';
import { checkContext, checkRow, stagedRows } from './row-checker.js';

export interface Actor {
  userId: string | null;
  name: string | null;
  orgId: string | null;
  via: 'session' | 'api_key' | 'system';
  requestId: string;
  /** The client's own X-Request-Id, kept apart from the server's (audit_log.client_request_id). */
  clientRequestId: string | null;
}

export interface CommitResult {
  created: number;
  updated: number;
  skipped: number;
  invalidSkipped: number;
}

/** Stages of a commit, reported as they start (tests kill the process at one of them). */
export type CommitStage = 'copying' | 'matching' | 'writing' | 'auditing' | 'finishing';

/**
 * The commit's temporary table: a copy of the asset table's id, writable columns and geometry
 * (CREATE … AS), to which the row's number, the existing asset it duplicates and that asset as it
 * was are added (ADDED). Described here are the columns the statements name; the other writable
 * columns keep the asset table's names (`copied`).
 */
const importBatch = pgTable('import_batch', {
  id: uuid().notNull(),
  ownerOrgId: uuid('owner_org_id'),
  code: text(),
  geom: geometryGeometry(),
  rowNo: integer('row_no'),
  dupId: uuid('dup_id'),
  before: jsonb(),
});
const ADDED = [importBatch.rowNo, importBatch.dupId, importBatch.before];

/** The batch's copy of an asset table's column. */
const copied = (column: Column) => sql`${importBatch}.${sql.identifier(column.name)}`;

/** Column names as a list (an INSERT's targets). */
const names = (columns: Column[]) =>
  sql.join(
    columns.map((column) => sql.identifier(column.name)),
    sql`, `,
  );

/** The stored features read by selectFeatureSql, as `f`. */
const f = sql.identifier('f');
const featureJson = sql`jsonb_build_object('type', 'Feature', 'id', ${f}.id, 'geometry', ${f}.geometry::jsonb, 'properties', to_jsonb(${f}) - 'geometry')`;

/** The ids (or the duplicated assets' ids) of the batch, as a subquery. */
const batchIds = (tx: Sql, id: typeof importBatch.id | typeof importBatch.dupId) =>
  orm(tx).select({ id }).from(importBatch);

/** The stored features (selectFeatureSql, its table as `r`) with one of `ids`, as the derived table `f`. */
function storedFeatures(definition: ResourceDefinition, ids: SQLWrapper): SQL {
  const r = alias(featureTableOf(definition.path), 'r');
  return sql`(${sql.raw(selectFeatureSql(definition))} WHERE ${inArray(columnOf(r, 'id'), ids)}) ${f}`;
}

async function copyValidRows(
  tx: Sql,
  importId: string,
  definition: ResourceDefinition,
  context: Awaited<ReturnType<typeof checkContext>>,
  validRowsOnly: boolean,
): Promise<{ copied: number; invalid: number }> {
  const columns = columnsOf(definition);
  const targets = [
    importBatch.rowNo.name,
    importBatch.id.name,
    ...columns.map((c) => c.name),
    importBatch.geom.name,
  ];
  let copied = 0;
  let invalid = 0;
  for await (const rows of stagedRows(tx, importId)) {
    let csv = '';
    for (const row of rows) {
      const result = checkRow(context, row);
      if (!result.ok) {
        invalid++;
        continue;
      }
      const values = columns.map((c) => {
        const v = result.properties[c.property];
        return c.kind === 'text_array' && Array.isArray(v) ? toPgTextArray(v.map(String)) : v;
      });
      csv += copyLine([
        row.rowNo,
        crypto.randomUUID(),
        ...values,
        `SRID=4326;${toWkt(result.geometry as { type: string })}`,
      ]);
      copied++;
    }
    if (invalid > 0 && !validRowsOnly) {
      throw new ApiError(
        400,
        'VALIDATION_FAILED',
        `Nothing was imported: ${invalid}+ rows have problems (see the report), and "import the valid rows only" was not chosen`,
      );
    }
    if (csv) await tx.copyCsv(getTableName(importBatch), targets, csv);
  }
  return { copied, invalid };
}

/** Rows of the batch that meet `where`. */
async function countBatch(tx: Sql, where: SQL): Promise<number> {
  const [row] = await orm(tx).select({ n: count() }).from(importBatch).where(where);
  return row?.n ?? 0;
}

/** Columns the server derives from the geometry (e.g. the commune a tower stands in), for the batch. */
async function updateDerived(tx: Sql, definition: ResourceDefinition): Promise<void> {
  const derived = Object.entries(extrasOf(definition).derived ?? {});
  if (derived.length === 0) return;
  const table = featureTableOf(definition.path);
  const geom = textOf(sql`${columnOf(table, 'geom')}`);
  const sets = derived.map(
    ([column, expression]) =>
      sql`${sql.identifier(column)} = ${sql.raw(expression.replaceAll('$geom', geom))}`,
  );
  await orm(tx).execute(
    sql`UPDATE ${table} SET ${sql.join(sets, sql`, `)} WHERE ${inArray(columnOf(table, 'id'), batchIds(tx, importBatch.id))}`,
  );
}

export async function commitImport(
  db: Database,
  importId: string,
  definition: ResourceDefinition,
  actor: Actor,
  onlyOwner: string | undefined,
  onStage: (stage: CommitStage) => void = () => {},
): Promise<CommitResult> {
  const table = featureTableOf(definition.path);
  const id = columnOf(table, 'id');
  const writable = columnsOf(definition);
  const rowColumns = [id, ...writable.map((c) => columnOf(table, c.property)), columnOf(table, 'geom')];
  return db.transaction(async (tx) => {
    const job = await findJob(tx, importId, true);
    if (!job) throw new ApiError(404, 'NOT_FOUND', 'Import not found');
    if (job.status !== 'ready')
      throw new ApiError(409, 'CONFLICT', `The import is ${job.status}, not ready to commit`);

    onStage('copying');
    await orm(tx).execute(
      sql`CREATE TEMP TABLE ${importBatch} ON COMMIT DROP AS SELECT ${sql.join(rowColumns, sql`, `)} FROM ${table} WITH NO DATA`,
    );
    const added = ADDED.map((c) => sql`ADD COLUMN ${sql.identifier(c.name)} ${sql.raw(c.getSQLType())}`);
    await orm(tx).execute(sql`ALTER TABLE ${importBatch} ${sql.join(added, sql`, `)}`);
    const context = await checkContext(tx, definition, job.mapping, onlyOwner);
    const { invalid } = await copyValidRows(tx, importId, definition, context, job.validRowsOnly);

    onStage('matching');
    await matchDuplicates(tx, definition, importBatch);
    let skipped = 0;
    let updated = 0;
    onStage('writing');
    if (job.duplicates === 'skip') {
      const deleted = orm(tx)
        .$with('deleted')
        .as(
          orm(tx)
            .delete(importBatch)
            .where(isNotNull(importBatch.dupId))
            .returning({ rowNo: importBatch.rowNo }),
        );
      const [row] = await orm(tx).with(deleted).select({ n: count() }).from(deleted);
      skipped = row?.n ?? 0;
    } else {
      await orm(tx)
        .update(importBatch)
        .set({ before: featureJson })
        .from(storedFeatures(definition, batchIds(tx, importBatch.dupId)))
        .where(sql`${f}.id = ${importBatch.dupId}::text`);
      await orm(tx)
        .update(table)
        .set({
          ...Object.fromEntries(writable.map((c) => [c.property, copied(columnOf(table, c.property))])),
          geom: sql`${importBatch.geom}`,
          version: sql`${columnOf(table, 'version')} + 1`,
          updatedAt: sql`now()`,
        })
        .from(importBatch)
        .where(eq(id, importBatch.dupId));
      await orm(tx)
        .update(importBatch)
        .set({ id: sql`${importBatch.dupId}` })
        .where(isNotNull(importBatch.dupId));
      updated = await countBatch(tx, isNotNull(importBatch.dupId));
    }
    // Every new row is inserted or the statement throws: the rows to insert are the ones created.
    const created = await countBatch(tx, isNull(importBatch.dupId));
    await orm(tx).execute(
      sql`INSERT INTO ${table} (${names(rowColumns)})
          SELECT ${sql.join(rowColumns.map(copied), sql`, `)} FROM ${importBatch} WHERE ${isNull(importBatch.dupId)}`,
    );
    await updateDerived(tx, definition);

    onStage('auditing');
    const audited = [
      auditLog.actorUserId,
      auditLog.actorName,
      auditLog.actorOrgId,
      auditLog.via,
      auditLog.requestId,
      auditLog.clientRequestId,
      auditLog.resource,
      auditLog.recordId,
      auditLog.action,
      auditLog.version,
      auditLog.before,
      auditLog.after,
    ];
    await orm(tx).execute(
      sql`INSERT INTO ${auditLog} (${names(audited)})
          SELECT ${actor.userId}, ${actor.name}, ${actor.orgId}, ${actor.via}, ${actor.requestId}, ${actor.clientRequestId},
            ${definition.path}, ${importBatch.id}, CASE WHEN ${importBatch.dupId} IS NULL THEN 'create' ELSE 'update' END,
            ${f}.version, ${importBatch.before}, ${featureJson}
          FROM ${importBatch} JOIN ${storedFeatures(definition, batchIds(tx, importBatch.id))} ON ${f}.id = ${importBatch.id}::text
          ORDER BY ${importBatch.rowNo}`,
    );

    onStage('finishing');
    const result: CommitResult = { created, updated, skipped, invalidSkipped: invalid };
    await orm(tx).delete(importRows).where(eq(importRows.importId, importId));
    await updateJob(tx, importId, { status: 'committed', result, committed: true });
    return result;
  });
}
