/**
 * Duplicates of an import's rows among the existing assets: the same owner and code, or the same
 * owner at the same place (points within 1 m; lines and areas within ~1 m Hausdorff distance). The
 * commit and the pre-commit count share one set of statements, so what the user is told is what
 * the commit does.
 */
import type { ResourceDefinition } from '@hatang/contracts';
import { createTempTable, type Database, featureTableOf, orm, type Sql } from '@hatang/db';
import { geometryGeometry } from '@hatang/db/schema';
import { copyLine, toWkt } from '@hatang/geo/formats';
import { and, type Column, count, eq, getTableName, gt, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { integer, type PgColumn, type PgTable, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { columnOf } from '../assets/sql/feature-sql.js';
import { checkContext, checkRow, stagedRows } from './row-checker.js';

/** A table of rows to match: their number, owner, code and geometry, and the asset each duplicates. */
export type DuplicateBatch = PgTable & Record<'rowNo' | 'ownerOrgId' | 'code' | 'geom' | 'dupId', PgColumn>;

/** Column names as a list (`ANALYZE t (a, b)`, `CREATE INDEX ON t (a)`). */
const names = (...columns: Column[]) =>
  sql.join(
    columns.map((column) => sql.identifier(column.name)),
    sql`, `,
  );

/**
 * Sets `dup_id` on each row of `batch` to the existing asset it duplicates; when two rows hit the
 * same asset only the first keeps it. Set-based and indexed: one join on (owner, code), one GiST
 * probe per row for the place, one window pass for the first row per asset, so 100k duplicates
 * cost ~10× 10k, not 100× (tests/bench/import-duplicates.bench.ts).
 */
export async function matchDuplicates(
  tx: Sql,
  definition: ResourceDefinition,
  batch: DuplicateBatch,
): Promise<void> {
  const db = orm(tx);
  const table = featureTableOf(definition.path);
  const id = columnOf(table, 'id');
  const owner = columnOf(table, 'ownerOrgId');
  const code = columnOf(table, 'code');
  const geom = columnOf(table, 'geom');
  const samePlace: SQL =
    definition.geometryType === 'Point'
      ? sql`ST_DWithin(${geom}::geography, ${batch.geom}::geography, 1)`
      : sql`ST_HausdorffDistance(${geom}, ${batch.geom}) < 0.00001`;
  // Fresh statistics on the asset table first: PGlite has no autovacuum, and after a bulk load
  // the planner may think an owner has a hundred rows and AND its owner index into every place
  // probe, scanning all of that owner's rows per import row (100k rows: >15 minutes, not 12 s).
  await db.execute(sql`ANALYZE ${table} (${names(owner, code, geom)})`);
  await db.execute(sql`CREATE INDEX ON ${batch} USING gist (${names(batch.geom)})`);
  await db.execute(sql`CREATE INDEX ON ${batch} (${names(batch.rowNo)})`);
  await db.execute(sql`ANALYZE ${batch}`);
  await db
    .update(batch)
    .set({ dupId: sql`${id}` })
    .from(table)
    .where(and(eq(owner, batch.ownerOrgId), eq(code, batch.code)));
  const nearest = db
    .select({ id: sql`${id}` })
    .from(table)
    .where(and(eq(owner, batch.ownerOrgId), sql`${geom} && ST_Expand(${batch.geom}, 0.00002)`, samePlace))
    .orderBy(sql`ST_Distance(${geom}, ${batch.geom})`)
    .limit(1);
  await db
    .update(batch)
    .set({ dupId: sql`${nearest}` })
    .where(isNull(batch.dupId));
  // Statistics from before the matches would make the planner expect no duplicates and join
  // every row with every other (64k rows: 14 minutes instead of seconds).
  await db.execute(sql`ANALYZE ${batch}`);
  const later = db
    .select({
      rowNo: batch.rowNo,
      k: sql<number>`row_number() OVER (PARTITION BY ${batch.dupId} ORDER BY ${batch.rowNo})`.as('k'),
    })
    .from(batch)
    .where(isNotNull(batch.dupId))
    .as('later');
  await db
    .update(batch)
    .set({ dupId: null })
    .from(later)
    .where(and(eq(batch.rowNo, later.rowNo), gt(later.k, 1)));
}

export interface DuplicateReport {
  /** Valid rows that match an existing asset (what the commit updates or skips). */
  count: number;
  /** The first matches: the row, the asset it matches, and how (same code, else same place). */
  rows: { row: number; existingId: string; existingCode: string; match: 'code' | 'place' }[];
}

/** The valid rows of an import for the pre-commit count: number, owner, code, geometry. */
const importDups = pgTable('import_dups', {
  rowNo: integer('row_no').notNull(),
  ownerOrgId: uuid('owner_org_id'),
  code: text(),
  geom: geometryGeometry(),
  dupId: uuid('dup_id'),
});

const matchKind = z.enum(['code', 'place']);

/**
 * Which valid rows of the import duplicate existing assets, under its current mapping. Reads
 * only: the rows go through a temporary table dropped with the (read-only) transaction.
 */
export async function findDuplicates(
  db: Database,
  importId: string,
  definition: ResourceDefinition,
  mapping: Parameters<typeof checkContext>[2],
  onlyOwner: string | undefined,
  limit = 100,
): Promise<DuplicateReport> {
  return db.transaction(async (tx: Sql) => {
    await createTempTable(tx, importDups);
    const context = await checkContext(tx, definition, mapping, onlyOwner);
    const copied = [importDups.rowNo, importDups.ownerOrgId, importDups.code, importDups.geom].map(
      (c) => c.name,
    );
    for await (const rows of stagedRows(tx, importId)) {
      let csv = '';
      for (const row of rows) {
        const result = checkRow(context, row);
        if (!result.ok) continue;
        csv += copyLine([
          row.rowNo,
          result.properties.ownerOrgId,
          result.properties.code,
          `SRID=4326;${toWkt(result.geometry as { type: string })}`,
        ]);
      }
      if (csv) await tx.copyCsv(getTableName(importDups), copied, csv);
    }
    await matchDuplicates(tx, definition, importDups);
    const [counted] = await orm(tx)
      .select({ n: count() })
      .from(importDups)
      .where(isNotNull(importDups.dupId));
    const table = featureTableOf(definition.path);
    const existingCode = columnOf(table, 'code');
    const rows = await orm(tx)
      .select({
        row: importDups.rowNo,
        existingId: sql`${columnOf(table, 'id')}::text`.mapWith(String),
        existingCode: sql`${existingCode}`.mapWith(String),
        match: sql`CASE WHEN ${existingCode} = ${importDups.code} THEN 'code' ELSE 'place' END`.mapWith(
          (value) => matchKind.parse(value),
        ),
      })
      .from(importDups)
      .innerJoin(table, eq(columnOf(table, 'id'), importDups.dupId))
      .orderBy(importDups.rowNo)
      .limit(limit);
    return { count: counted?.n ?? 0, rows };
  });
}
