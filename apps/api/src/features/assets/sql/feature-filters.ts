import { bboxParam, type Issue, type ResourceDefinition, toIssues } from '@hatang/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../../auth/principal.js';
import { baseTier, isVisible } from '../../../policy/confidentiality.js';
import { propertySchema, toPgTextArray } from './columns.js';
import { columnOf, featureSelect } from './feature-sql.js';

export interface FeatureFilters {
  /** Conditions on the table of featureSelect (aliased `r`), to be joined with AND. */
  where: SQL[];
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
  const { table } = featureSelect(definition);
  const where: SQL[] = [];
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
    // A filter is a property of the resource (contracts), so a column of its table.
    where.push(sql`${columnOf(table, filter)}::text = ANY(${toPgTextArray(values)}::text[])`);
  }
  if (query.bbox !== undefined) {
    const bbox = bboxParam.safeParse(query.bbox);
    if (!bbox.success) issues.push(...toIssues(bbox.error, ['bbox']));
    else {
      const [w, s, e, n] = bbox.data;
      const geom = columnOf(table, 'geom');
      const envelope = sql`ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`;
      where.push(sql`${geom} && ${envelope} AND ST_Intersects(${geom}, ${envelope})`);
    }
  }
  return { where, issues };
}
