import type { ResourceDefinition } from '@hatang/contracts';
import { type Database, orm } from '@hatang/db';
import { importIssues } from '@hatang/db/schema';
import { copyLine } from '@hatang/geo/formats';
import { eq } from 'drizzle-orm';
import type { FieldMapping } from './field-mapping.js';
import { updateJob } from './import-repository.js';
import { checkContext, checkRow, stagedRows } from './row-checker.js';

/**
 * Recomputes the report of an import under `mapping`: every problem of every row into
 * import_issues, the number of bad rows onto the job. Returns that number.
 */
export async function validateImport(
  db: Database,
  importId: string,
  definition: ResourceDefinition,
  mapping: FieldMapping,
  onlyOwner: string | undefined,
): Promise<number> {
  const context = await checkContext(db, definition, mapping, onlyOwner);
  let invalid = 0;
  await db.transaction(async (tx) => {
    await orm(tx).delete(importIssues).where(eq(importIssues.importId, importId));
    for await (const rows of stagedRows(tx, importId)) {
      let csv = '';
      for (const row of rows) {
        const result = checkRow(context, row);
        if (result.ok) continue;
        invalid++;
        for (const issue of result.issues) csv += copyLine([importId, row.rowNo, issue.field, issue.message]);
      }
      if (csv) await tx.copyCsv('import_issues', ['import_id', 'row_no', 'field', 'message'], csv);
    }
    await updateJob(tx, importId, { rowsInvalid: invalid, mapping });
  });
  return invalid;
}
