import { bboxParam, type Issue, type ResourceDefinition, toIssues } from '@hatang/contracts';
import type { Principal } from '../../../auth/principal.js';
import { baseTier, isVisible } from '../../../policy/confidentiality.js';
import { columnsOf, propertySchema, toPgTextArray } from './columns.js';

export interface FeatureFilters {
  /** SQL conditions on the `r` alias of selectFeatureSql, to be joined with AND. */
  where: string[];
  params: unknown[];
  issues: Issue[];
}

/**
 * The query parameters every way of reading a layer shares (list, export): `bbox` and the
 * resource's filters (`?status=existing,planned`), only on fields the viewer may see — filtering
 * by a hidden field would reveal it one guess at a time. Unknown parameters are problems too,
 * except those in `accepted` (e.g. limit, cursor, format), which the caller reads itself.
 */
export function featureFilters(
  definition: ResourceDefinition,
  query: Record<string, string>,
  principal: Principal | undefined,
  accepted: readonly string[],
): FeatureFilters {
  const issues: Issue[] = [];
  const known = new Set([...accepted, 'bbox', ...definition.filters]);
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
    const column = columnsOf(definition).find((c) => c.property === filter)?.name ?? filter;
    where.push(`r.${column}::text = ANY($${params.length}::text[])`);
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
  return { where, params, issues };
}
