/**
 * The asset engine's routes, declared once per kind (contracts' assetEndpoints): list (bbox,
 * filters, cursor), read, history, and create, patch with If-Match, restore, delete — for every
 * asset kind; list and read for the streets. Everyone reads (each answer redacted to the viewer's
 * confidentiality tier); city staff edit every asset, operators their own organisation's.
 * Coverage analyses follow tower edits (the towers' change hook).
 */
import {
  ASSET_ENDPOINTS,
  type AssetPath,
  type AssetReadEndpoints,
  assetResources,
  type ResourceDefinition,
  streetEndpoints,
  streets,
} from '@hatang/contracts';
import type { Context } from 'hono';
import { actorsVisibleTo, historyBody, listHistory, ownerOrgOf } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { notFound } from '../../errors.js';
import { etag, isUuid } from '../../http/body.js';
import { defineRoute, type RouteDefinition, reply } from '../../http/define-route.js';
import { redactFeature } from '../../policy/confidentiality.js';
import { ASSET_EDITORS, EVERYONE } from '../../policy/rules.js';
import { onTowerChanged } from '../analysis/analysis-thread.js';
import { listFeatures } from './asset-list.js';
import {
  type AssetChange,
  createAsset,
  deleteAsset,
  labelOf,
  restoreAsset,
  updateAsset,
} from './asset-service.js';
import { findFeature, type StoredFeature } from './sql/feature-store.js';

type ChangeHook = (c: Context<AppEnv>, change: AssetChange) => void;

/** Told after every committed write of a kind, e.g. to update analyses. */
const CHANGE_HOOKS: Partial<Record<AssetPath, ChangeHook>> = {
  // Coverage analyses follow tower edits incrementally instead of recomputing everything.
  towers: (c, { before, after }) => onTowerChanged(c.var.services.db, before, after),
};

const redact = (c: Context<AppEnv>, definition: ResourceDefinition, feature: StoredFeature) =>
  redactFeature(definition.path, feature, c.get('principal'));

/** The list and read routes of a kind (or of the streets). */
function readRoutes(definition: ResourceDefinition, endpoints: AssetReadEndpoints) {
  const policy = { resource: definition.path, action: 'read', rule: EVERYONE } as const;
  return [
    defineRoute(endpoints.list, policy, async (c) => {
      const page = await listFeatures(c, definition);
      return reply(c, endpoints.list, 200, {
        type: 'FeatureCollection',
        features: page.features.map((feature) => redact(c, definition, feature)),
        next: page.next,
      });
    }),
    defineRoute(endpoints.get, policy, async (c, { params }) => {
      const feature = await findFeature(c.var.services.db, definition, params.id);
      if (!feature) throw notFound(labelOf(definition));
      const visible = redact(c, definition, feature);
      if (typeof visible.properties.version === 'number') c.header('ETag', etag(visible.properties.version));
      return reply(c, endpoints.get, 200, visible);
    }),
  ];
}

/** Every route of one asset kind. */
function assetRoutesOf(definition: (typeof assetResources)[number]): RouteDefinition[] {
  const endpoints = ASSET_ENDPOINTS[definition.path];
  const resource = definition.path;
  const hook = CHANGE_HOOKS[definition.path];
  const changed = (c: Context<AppEnv>, change: AssetChange) => hook?.(c, change);
  const tagVersion = (c: Context<AppEnv>, feature: StoredFeature) =>
    c.header('ETag', etag(feature.properties.version as number));
  return [
    ...readRoutes(definition, endpoints),
    defineRoute(endpoints.history, { resource, action: 'read', rule: EVERYONE }, async (c, { params }) => {
      const { db } = c.var.services;
      const rows = isUuid(params.id) ? await listHistory(db, resource, params.id) : [];
      if (rows.length === 0 && !(await findFeature(db, definition, params.id)))
        throw notFound(labelOf(definition));
      const principal = c.get('principal');
      const visible = (feature: { properties: Record<string, unknown> } | null) =>
        feature && redactFeature(resource, feature, principal);
      return reply(
        c,
        endpoints.history,
        200,
        historyBody(rows, actorsVisibleTo(principal, ownerOrgOf()), visible),
      );
    }),
    defineRoute(endpoints.create, { resource, action: 'create', rule: ASSET_EDITORS }, async (c) => {
      const created = await createAsset(c, definition);
      changed(c, { before: null, after: created });
      c.header('Location', `/api/v1/${resource}/${created.id}`);
      tagVersion(c, created);
      return reply(c, endpoints.create, 201, redact(c, definition, created));
    }),
    defineRoute(
      endpoints.update,
      { resource, action: 'update', rule: ASSET_EDITORS },
      async (c, { params }) => {
        const change = await updateAsset(c, definition, params.id);
        changed(c, change);
        tagVersion(c, change.after);
        return reply(c, endpoints.update, 200, redact(c, definition, change.after));
      },
    ),
    defineRoute(
      endpoints.restore,
      { resource, action: 'update', rule: ASSET_EDITORS },
      async (c, { params, body }) => {
        const change = await restoreAsset(c, definition, params.id, body.version);
        changed(c, change);
        tagVersion(c, change.after);
        return reply(c, endpoints.restore, 200, redact(c, definition, change.after));
      },
    ),
    defineRoute(
      endpoints.remove,
      { resource, action: 'delete', rule: ASSET_EDITORS },
      async (c, { params }) => {
        const deleted = await deleteAsset(c, definition, params.id);
        changed(c, { before: deleted, after: null });
        return c.body(null, 204);
      },
    ),
  ];
}

export const assetRoutes: readonly RouteDefinition[] = [
  ...assetResources.flatMap(assetRoutesOf),
  ...readRoutes(streets, streetEndpoints),
];
