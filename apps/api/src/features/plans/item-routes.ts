/**
 * `/plan-versions/:id/items` (list, draw) and `/plan-items/:id` (read, change under If-Match,
 * delete, history, restore). Writes only in drafts.
 */
import {
  planEndpoints as endpoints,
  type Issue,
  listQuery,
  planItemKind,
  planItemStatus,
  planPhase,
  toIssues,
} from '@hatang/contracts';
import type { Context } from 'hono';
import { actorsVisibleTo, historyBody, listHistory } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { notFound, validationFailed } from '../../errors.js';
import { readIfMatch, readJsonBody } from '../../http/body.js';
import { defineRoute, reply } from '../../http/define-route.js';
import { asObject } from '../../http/request-input.js';
import { findItem, type ItemFilter, listItems, type PlanItemFeature } from './item-repository.js';
import { createItem, patchItem, removeItem, restoreItem } from './item-service.js';
import { assertMayReadVersion, mayReadDrafts, PLAN_READERS, PLANNERS } from './plan-access.js';
import { optionalIfMatch, readFeaturePatch, tagVersion } from './plan-requests.js';
import { findVersion } from './version-repository.js';

const FILTERS = { kind: planItemKind, phase: planPhase, status: planItemStatus } as const;

/** `?kind=&phase=&status=` (comma-separated values) and `bbox`, every problem at once. */
function itemFilter(query: Record<string, string>): ItemFilter {
  const issues: Issue[] = [];
  const filter: ItemFilter = {};
  for (const key of Object.keys(query)) {
    if (!['kind', 'phase', 'status', 'bbox'].includes(key))
      issues.push({ path: [key], message: 'unknown parameter; use kind, phase, status or bbox' });
  }
  for (const [key, schema] of Object.entries(FILTERS) as [
    keyof typeof FILTERS,
    (typeof FILTERS)[keyof typeof FILTERS],
  ][]) {
    const raw = query[key];
    if (raw === undefined) continue;
    const values = raw.split(',').map((v) => v.trim());
    values.forEach((v, i) => {
      if (!schema.safeParse(v).success)
        issues.push({ path: [key, i], message: `"${v}" is not a valid ${key}` });
    });
    filter[key] = values;
  }
  const bbox = listQuery.safeParse({ bbox: query.bbox });
  if (!bbox.success) issues.push(...toIssues(bbox.error));
  else if (bbox.data.bbox) filter.bbox = bbox.data.bbox;
  if (issues.length) throw validationFailed(issues);
  return filter;
}

/** The item when the viewer may read its version; 404 otherwise. */
async function readable(c: Context<AppEnv>, id: string): Promise<PlanItemFeature> {
  const found = await findItem(c.var.services.db, id);
  if (!found) throw notFound('Plan item');
  assertMayReadVersion({ kind: found.versionKind }, c.get('principal'), 'Plan item');
  return found.feature;
}

export const itemRoutes = [
  defineRoute(
    endpoints.listItems,
    { resource: 'plan-items', action: 'read', rule: PLAN_READERS },
    async (c, { params }) => {
      const db = c.var.services.db;
      assertMayReadVersion(await findVersion(db, params.id), c.get('principal'));
      const features = await listItems(db, params.id, itemFilter(c.req.query()));
      return reply(c, endpoints.listItems, 200, { type: 'FeatureCollection', features });
    },
  ),
  defineRoute(
    endpoints.createItem,
    { resource: 'plan-items', action: 'create', rule: PLANNERS },
    async (c, { params }) => {
      const body = asObject(await readJsonBody(c), 'a GeoJSON Feature');
      const created = await createItem(c, c.var.services.db, params.id, body);
      tagVersion(c, created.properties.version, `/api/v1/plan-items/${created.id}`);
      return reply(c, endpoints.createItem, 201, created);
    },
  ),
  defineRoute(
    endpoints.getItem,
    { resource: 'plan-items', action: 'read', rule: PLAN_READERS },
    async (c, { params }) => {
      const item = await readable(c, params.id);
      tagVersion(c, item.properties.version);
      return reply(c, endpoints.getItem, 200, item);
    },
  ),
  defineRoute(
    endpoints.updateItem,
    { resource: 'plan-items', action: 'update', rule: PLANNERS },
    async (c, { params }) => {
      const expected = readIfMatch(c);
      const patch = await readFeaturePatch(c, true);
      const updated = await patchItem(
        c,
        c.var.services.db,
        params.id,
        expected,
        patch.geometry,
        patch.properties,
      );
      tagVersion(c, updated.properties.version);
      return reply(c, endpoints.updateItem, 200, updated);
    },
  ),
  defineRoute(
    endpoints.deleteItem,
    { resource: 'plan-items', action: 'delete', rule: PLANNERS },
    async (c, { params }) => {
      await removeItem(c, c.var.services.db, params.id, optionalIfMatch(c));
      return c.body(null, 204);
    },
  ),
  defineRoute(
    endpoints.itemHistory,
    { resource: 'plan-items', action: 'read', rule: PLAN_READERS },
    async (c, { params }) => {
      const db = c.var.services.db;
      const exists = await findItem(db, params.id);
      if (exists) assertMayReadVersion({ kind: exists.versionKind }, c.get('principal'), 'Plan item');
      // A deleted item was in a draft: its history is for those who may read drafts.
      else if (!mayReadDrafts(c.get('principal'))) throw notFound('Plan item');
      const rows = await listHistory(db, 'plan-items', params.id);
      if (rows.length === 0) throw notFound('Plan item');
      return reply(c, endpoints.itemHistory, 200, historyBody(rows, actorsVisibleTo(c.get('principal'))));
    },
  ),
  defineRoute(
    endpoints.restoreItem,
    { resource: 'plan-items', action: 'update', rule: PLANNERS },
    async (c, { params, body }) => {
      const restored = await restoreItem(c, c.var.services.db, params.id, body.version);
      tagVersion(c, restored.properties.version);
      return reply(c, endpoints.restoreItem, 200, restored);
    },
  ),
];
