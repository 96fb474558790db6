/**
 * Selects the features of one layer for an export: the same filters as the list route
 * (`?bbox=` and the resource's filters, only on fields the viewer may see), every match (no
 * paging), each redacted exactly as the REST API redacts it.
 */
import { bboxParam, type Issue, type ResourceDefinition, toIssues } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import type { Principal } from '../auth/principal.js';
import { validationFailed } from '../errors.js';
import { baseTier, isVisible, redactFeature } from '../policy/confidentiality.js';
import { propertySchema, snakeCase, toPgTextArray } from '../sql/columns.js';
import { type FeatureRow, selectFeatureSql, toFeature } from '../sql/feature-sql.js';

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
  const issues: Issue[] = [];
  const known = new Set([...reserved, 'bbox', ...definition.filters]);
  for (const key of Object.keys(query)) {
    if (!known.has(key))
      issues.push({ path: [key], message: `unknown parameter; use one of ${[...known].join(', ')}` });
  }
  const where: string[] = [];
  const params: unknown[] = [];
  const tier = baseTier(principal);
  for (const filter of definition.filters) {
    const raw = query[filter];
    if (raw === undefined) continue;
    if (!isVisible(definition.path, filter, tier)) {
      issues.push({ path: [filter], message: `you cannot filter by ${filter}` });
      continue;
    }
    const schema = propertySchema(definition, filter);
    const values = raw.split(',').map((v) => v.trim());
    values.forEach((value, i) => {
      if (!schema?.safeParse(value).success)
        issues.push({ path: [filter, i], message: `"${value}" is not a valid ${filter}` });
    });
    params.push(toPgTextArray(values));
    where.push(`r.${snakeCase(filter)}::text = ANY($${params.length}::text[])`);
  }
  if (query.bbox !== undefined) {
    const bbox = bboxParam.safeParse(query.bbox);
    if (!bbox.success) issues.push(...toIssues(bbox.error, ['bbox']));
    else {
      params.push(...bbox.data);
      const n = params.length;
      const envelope = `ST_MakeEnvelope($${n - 3}, $${n - 2}, $${n - 1}, $${n}, 4326)`;
      where.push(`r.geom && ${envelope} AND ST_Intersects(r.geom, ${envelope})`);
    }
  }
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
