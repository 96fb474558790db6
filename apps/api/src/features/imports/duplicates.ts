/**
 * Duplicates of an import's rows among the existing assets: the same owner and code, or the same
 * owner at the same place (points within 1 m; lines and areas within ~1 m Hausdorff distance). The
 * commit and the pre-commit count share one SQL, so what the user is told is what the commit does.
 */
import type { ResourceDefinition } from '@hatang/contracts';
import type { Database, Sql } from '@hatang/db';
import { copyLine, toWkt } from '@hatang/geo/formats';
import { checkContext, checkRow, stagedRows } from './row-checker.js';

/**
 * SQL that sets `dup_id` on each row of `batch` (columns row_no, owner_org_id, code, geom, dup_id)
 * to the existing asset it duplicates; when two rows hit the same asset only the first keeps it.
 * Set-based and indexed: one join on (owner, code), one GiST probe per row for the place, one
 * window pass for the first row per asset, so 100k duplicates cost ~10× 10k, not 100×
 * (tests/bench/import-duplicates.bench.ts).
 */
export function matchDuplicatesSql(definition: ResourceDefinition, batch: string): string {
  const table = definition.table;
  const samePlace =
    definition.geometryType === 'Point'
      ? 'ST_DWithin(t.geom::geography, b.geom::geography, 1)'
      : 'ST_HausdorffDistance(t.geom, b.geom) < 0.00001';
  return `
    -- Fresh statistics on the asset table first: PGlite has no autovacuum, and after a bulk load
    -- the planner may think an owner has a hundred rows and AND its owner index into every place
    -- probe, scanning all of that owner's rows per import row (100k rows: >15 minutes, not 12 s).
    ANALYZE ${table} (owner_org_id, code, geom);
    CREATE INDEX ON ${batch} USING gist (geom);
    CREATE INDEX ON ${batch} (row_no);
    ANALYZE ${batch};
    UPDATE ${batch} b SET dup_id = t.id FROM ${table} t WHERE t.owner_org_id = b.owner_org_id AND t.code = b.code;
    UPDATE ${batch} b SET dup_id = (
      SELECT t.id FROM ${table} t
      WHERE t.owner_org_id = b.owner_org_id AND t.geom && ST_Expand(b.geom, 0.00002) AND ${samePlace}
      ORDER BY ST_Distance(t.geom, b.geom) LIMIT 1)
    WHERE b.dup_id IS NULL;
    -- Statistics from before the matches would make the planner expect no duplicates and join
    -- every row with every other (64k rows: 14 minutes instead of seconds).
    ANALYZE ${batch};
    UPDATE ${batch} b SET dup_id = NULL
    FROM (SELECT row_no, row_number() OVER (PARTITION BY dup_id ORDER BY row_no) AS k
          FROM ${batch} WHERE dup_id IS NOT NULL) later
    WHERE b.row_no = later.row_no AND later.k > 1;`;
}

export interface DuplicateReport {
  /** Valid rows that match an existing asset (what the commit updates or skips). */
  count: number;
  /** The first matches: the row, the asset it matches, and how (same code, else same place). */
  rows: { row: number; existingId: string; existingCode: string; match: 'code' | 'place' }[];
}

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
    await tx.exec(
      `CREATE TEMP TABLE import_dups (row_no integer, owner_org_id uuid, code text, geom geometry(Geometry, 4326), dup_id uuid) ON COMMIT DROP`,
    );
    const context = await checkContext(tx, definition, mapping, onlyOwner);
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
      if (csv) await tx.copyCsv('import_dups', ['row_no', 'owner_org_id', 'code', 'geom'], csv);
    }
    await tx.exec(matchDuplicatesSql(definition, 'import_dups'));
    const [counted] = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM import_dups WHERE dup_id IS NOT NULL',
    );
    const rows = await tx.query<DuplicateReport['rows'][number]>(
      `SELECT b.row_no AS row, t.id::text AS "existingId", t.code AS "existingCode",
         CASE WHEN t.code = b.code THEN 'code' ELSE 'place' END AS match
       FROM import_dups b JOIN ${definition.table} t ON t.id = b.dup_id ORDER BY b.row_no LIMIT $1`,
      [limit],
    );
    return { count: counted?.n ?? 0, rows };
  });
}
