/**
 * Selects the features of one layer for an export: the same filters as the list route
 * (`?bbox=` and the resource's filters, only on fields the viewer may see), every match (no
 * paging), each redacted exactly as the REST API redacts it.
 */
import type { ResourceDefinition } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import type { Principal } from '../../auth/principal.js';
import { validationFailed } from '../../errors.js';
import { redactFeature } from '../../policy/confidentiality.js';
import { featureFilters } from '../assets/sql/feature-filters.js';
import { type FeatureRow, selectFeatureSql, toFeature } from '../assets/sql/feature-sql.js';

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
  const { where, params, issues } = featureFilters(definition, query, principal, reserved);
  if (issues.length > 0) throw validationFailed(issues);
  params.push(MAX_EXPORT_FEATURES + 1);
  const rows = await db.query<FeatureRow>(
    `${selectFeatureSql(definition)} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.code, r.id LIMIT $${params.length}`,
    params,
  );
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
