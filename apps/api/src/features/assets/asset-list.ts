/**
 * A page of one kind's features: `bbox`, the kind's filters (on fields the viewer may see),
 * `limit` and an opaque `cursor` (the last id of the previous page), every problem at once.
 */
import { listQuery, type ResourceDefinition, toIssues } from '@hatang/contracts';
import { orm } from '@hatang/db';
import { and, asc, gt } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../../context.js';
import { validationFailed } from '../../errors.js';
import { isUuid } from '../../http/body.js';
import { featureFilters } from './sql/feature-filters.js';
import { columnOf, featureSelect, toFeature } from './sql/feature-sql.js';
import type { StoredFeature } from './sql/feature-store.js';

const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!isUuid(id))
    throw validationFailed([{ path: ['cursor'], message: 'cursor is not one this API gave out' }]);
  return id;
}

function parseListQuery(c: Context<AppEnv>, definition: ResourceDefinition) {
  const query = c.req.query();
  const { where, issues } = featureFilters(definition, query, c.get('principal'), ['limit', 'cursor']);
  const paging = listQuery.safeParse({ limit: query.limit, cursor: query.cursor });
  if (!paging.success) issues.push(...toIssues(paging.error));
  if (issues.length > 0 || !paging.success) throw validationFailed(issues);
  const { limit, cursor } = paging.data;
  if (cursor) where.push(gt(columnOf(featureSelect(definition).table, 'id'), decodeCursor(cursor)));
  return { where, limit };
}

/** The request's page of features, by id, unredacted; `next` is null on the last page. */
export async function listFeatures(
  c: Context<AppEnv>,
  definition: ResourceDefinition,
): Promise<{ features: StoredFeature[]; next: string | null }> {
  const { where, limit } = parseListQuery(c, definition);
  const { table, fields } = featureSelect(definition);
  const rows = await orm(c.var.services.db)
    .select(fields)
    .from(table)
    .where(and(...where))
    .orderBy(asc(columnOf(table, 'id')))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    features: page.map(toFeature),
    next: rows.length > limit && last ? encodeCursor(last.id) : null,
  };
}
