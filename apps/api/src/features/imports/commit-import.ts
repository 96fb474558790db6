/**
 * Commits a validated import in ONE transaction: rows go through a temporary table (COPY), are
 * matched against existing assets (same owner and code, or the same place within ~1 m), then
 * updated or skipped as the user chose, inserted, and audited — one audit_log row per feature
 * (create or update, with before/after exactly as the REST API records them), all with the
 * commit request's id. Anything that throws rolls everything back: a killed process leaves the
 * database as it was.
 */
import type { ResourceDefinition } from '@hatang/contracts';
import type { Database, Sql } from '@hatang/db';
import { copyLine, toWkt } from '@hatang/geo/formats';
import { ApiError } from '../../errors.js';
import { columnsOf, toPgTextArray } from '../assets/sql/columns.js';
import { extrasOf, selectFeatureSql } from '../assets/sql/feature-sql.js';
import { matchDuplicatesSql } from './duplicates.js';
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

const featureJson = (alias: string) =>
  `jsonb_build_object('type', 'Feature', 'id', ${alias}.id, 'geometry', ${alias}.geometry::jsonb, 'properties', to_jsonb(${alias}) - 'geometry')`;

async function copyValidRows(
  tx: Sql,
  importId: string,
  definition: ResourceDefinition,
  context: Awaited<ReturnType<typeof checkContext>>,
  validRowsOnly: boolean,
): Promise<{ copied: number; invalid: number }> {
  const columns = columnsOf(definition);
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
    if (csv) await tx.copyCsv('import_batch', ['row_no', 'id', ...columns.map((c) => c.name), 'geom'], csv);
  }
  return { copied, invalid };
}

export async function commitImport(
  db: Database,
  importId: string,
  definition: ResourceDefinition,
  actor: Actor,
  onlyOwner: string | undefined,
  onStage: (stage: CommitStage) => void = () => {},
): Promise<CommitResult> {
  const table = definition.table;
  const columns = columnsOf(definition).map((c) => c.name);
  return db.transaction(async (tx) => {
    const job = await findJob(tx, importId, true);
    if (!job) throw new ApiError(404, 'NOT_FOUND', 'Import not found');
    if (job.status !== 'ready')
      throw new ApiError(409, 'CONFLICT', `The import is ${job.status}, not ready to commit`);

    onStage('copying');
    await tx.exec(
      `CREATE TEMP TABLE import_batch ON COMMIT DROP AS SELECT id, ${columns.join(', ')}, geom FROM ${table} WITH NO DATA;
       ALTER TABLE import_batch ADD COLUMN row_no integer, ADD COLUMN dup_id uuid, ADD COLUMN before jsonb;`,
    );
    const context = await checkContext(tx, definition, job.mapping, onlyOwner);
    const { invalid } = await copyValidRows(tx, importId, definition, context, job.validRowsOnly);

    onStage('matching');
    await tx.exec(matchDuplicatesSql(definition, 'import_batch'));
    let skipped = 0;
    let updated = 0;
    onStage('writing');
    if (job.duplicates === 'skip') {
      const rows = await tx.query<{ n: number }>(
        'WITH d AS (DELETE FROM import_batch WHERE dup_id IS NOT NULL RETURNING 1) SELECT count(*)::int AS n FROM d',
      );
      skipped = rows[0]?.n ?? 0;
    } else {
      await tx.exec(`
        UPDATE import_batch b SET before = ${featureJson('f')}
        FROM (${selectFeatureSql(definition)} WHERE r.id IN (SELECT dup_id FROM import_batch)) f WHERE f.id = b.dup_id::text;
        UPDATE ${table} t SET ${columns.map((c) => `${c} = b.${c}`).join(', ')}, geom = b.geom,
          version = t.version + 1, updated_at = now()
        FROM import_batch b WHERE t.id = b.dup_id;
        UPDATE import_batch SET id = dup_id WHERE dup_id IS NOT NULL;
      `);
      const rows = await tx.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM import_batch WHERE dup_id IS NOT NULL',
      );
      updated = rows[0]?.n ?? 0;
    }
    const inserted = await tx.query<{ n: number }>(
      `WITH i AS (INSERT INTO ${table} (id, ${columns.join(', ')}, geom)
         SELECT id, ${columns.join(', ')}, geom FROM import_batch WHERE dup_id IS NULL RETURNING 1)
       SELECT count(*)::int AS n FROM i`,
    );
    const derived = extrasOf(definition).derived ?? {};
    const sets = Object.entries(derived).map(([c, e]) => `${c} = ${e.replaceAll('$geom', `${table}.geom`)}`);
    if (sets.length)
      await tx.exec(`UPDATE ${table} SET ${sets.join(', ')} WHERE id IN (SELECT id FROM import_batch)`);

    onStage('auditing');
    await tx.query(
      `INSERT INTO audit_log (actor_user_id, actor_name, actor_org_id, via, request_id, client_request_id, resource, record_id, action, version, before, after)
       SELECT $1, $2, $3, $4, $5, $7, $6, b.id, CASE WHEN b.dup_id IS NULL THEN 'create' ELSE 'update' END, f.version, b.before, ${featureJson('f')}
       FROM import_batch b JOIN (${selectFeatureSql(definition)} WHERE r.id IN (SELECT id FROM import_batch)) f ON f.id = b.id::text
       ORDER BY b.row_no`,
      [
        actor.userId,
        actor.name,
        actor.orgId,
        actor.via,
        actor.requestId,
        definition.path,
        actor.clientRequestId,
      ],
    );

    onStage('finishing');
    const result: CommitResult = { created: inserted[0]?.n ?? 0, updated, skipped, invalidSkipped: invalid };
    await tx.query('DELETE FROM import_rows WHERE import_id = $1', [importId]);
    await updateJob(tx, importId, { status: 'committed', result, committed: true });
    return result;
  });
}
