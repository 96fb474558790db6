/**
 * Selects the features of one layer for an export: the same filters as the list route
 * (`?bbox=` and the resource's filters, only on fields the viewer may see), every match (no
 * paging), each redacted exactly as the REST API redacts it.
 */
import type { ResourceDefinition } from '@hatang/contracts';
import { type Database, orm } from '@hatang/db';
import { and, asc } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import { validationFailed } from '../../errors.js';
import { redactFeature } from '../../policy/confidentiality.js';
import { featureFilters } from '../assets/sql/feature-filters.js';
import { columnOf, featureSelect, toFeature } from '../assets/sql/feature-sql.js';

/** Exports larger than this are refused: ask for a bbox or a filter (or use /ogc with paging). */
export const MAX_EXPORT_FEATURES = 250_000;

export type ExportFeature = ReturnType<typeof toFeature> & {
  geometry: { type: string; coordinates: unknown };
};

export async function selectForExport(
  db: Database,
  definition: ResourceDefinition,
  query: Record<string, string>,
  principal: Principal | undefined,
  reserved: readonly string[],
): Promise<ExportFeature[]> {
  const { where, issues } = featureFilters(definition, query, principal, reserved);
  if (issues.length > 0) throw validationFailed(issues);
  const { table, fields } = featureSelect(definition);
  const rows = await orm(db)
    .select(fields)
    .from(table)
    .where(and(...where))
    .orderBy(asc(columnOf(table, 'code')), asc(columnOf(table, 'id')))
    .limit(MAX_EXPORT_FEATURES + 1);
  if (rows.length > MAX_EXPORT_FEATURES) {
    throw validationFailed([
      {
        path: ['bbox'],
        message: `more than ${MAX_EXPORT_FEATURES} features match: narrow the export with bbox or filters`,
      },
    ]);
  }
  return rows.map((row) => redactFeature(definition.path, toFeature(row), principal) as ExportFeature);
}
