/**
 * `/key-sites`: the register of sites Plan 317's broadband, 5G and WiFi targets count on.
 * Planners and admins write (one by one or by import); every signed-in role reads.
 * `GET /key-sites/status` adds each site's fiber/4G/5G/WiFi flags and a summary per category.
 * legal: plan-317-2025-kh-ubnd
 */
import { siteEndpoints as endpoints } from '@hatang/contracts';
import { actorsVisibleTo, historyBody, listHistory } from '../../audit/audit-log.js';
import { notFound } from '../../errors.js';
import { readIfMatch } from '../../http/body.js';
import { defineRoute, reply } from '../../http/define-route.js';
import { type Rule, SIGNED_IN } from '../../policy/rules.js';
import { findKeySite, listKeySites } from './key-site-repository.js';
import { createKeySite, importKeySites, removeKeySite, updateKeySite } from './key-site-service.js';
import { parseBboxParam } from './site-query.js';
import { readFeaturePatch, tagVersion } from './site-requests.js';

const PLANNERS: Rule = { admin: 'all', planner: 'all' };

// '/status' and '/import' before '/:id' (mounted in this order).
export const keySiteRoutes = [
  defineRoute(
    endpoints.listKeySites,
    { resource: 'key-sites', action: 'read', rule: SIGNED_IN },
    async (c, { query }) => {
      const features = await listKeySites(c.var.services.db, {
        bbox: parseBboxParam(query.bbox),
        category: query.category,
        commune: query.commune,
      });
      return reply(c, endpoints.listKeySites, 200, { type: 'FeatureCollection', features });
    },
  ),
  defineRoute(
    endpoints.createKeySite,
    { resource: 'key-sites', action: 'create', rule: PLANNERS },
    async (c, { body }) => {
      const created = await createKeySite(c, { geometry: body.geometry, properties: body.properties ?? {} });
      tagVersion(c, created, `/api/v1/key-sites/${created.id}`);
      return reply(c, endpoints.createKeySite, 201, created);
    },
  ),
  defineRoute(
    endpoints.keySiteStatus,
    { resource: 'key-sites', action: 'read', rule: SIGNED_IN },
    // Computed in the analysis worker (the coverage model over every site), not on this thread.
    async (c, { query }) =>
      reply(c, endpoints.keySiteStatus, 200, await c.var.services.analysis.keySiteStatus(query)),
  ),
  defineRoute(
    endpoints.importKeySites,
    { resource: 'key-sites', action: 'create', rule: PLANNERS },
    async (c, { body }) => {
      const { ids, rejected } = await importKeySites(c, body);
      if (rejected.length > 0)
        return c.json(
          {
            error: {
              code: 'VALIDATION_FAILED',
              message: `Nothing was imported: ${rejected.length} problem${rejected.length === 1 ? '' : 's'} in the file`,
              details: rejected.map((r) => ({ path: ['rows', r.row, r.field], message: r.message })),
              requestId: c.get('requestId') ?? 'unknown',
            },
            rows: rejected,
          },
          400,
        );
      return reply(c, endpoints.importKeySites, 201, { imported: ids.length, ids });
    },
  ),
  defineRoute(
    endpoints.getKeySite,
    { resource: 'key-sites', action: 'read', rule: SIGNED_IN },
    async (c, { params }) => {
      const site = await findKeySite(c.var.services.db, params.id);
      if (!site) throw notFound('Key site');
      tagVersion(c, site);
      return reply(c, endpoints.getKeySite, 200, site);
    },
  ),
  defineRoute(
    endpoints.keySiteHistory,
    { resource: 'key-sites', action: 'read', rule: SIGNED_IN },
    async (c, { params }) => {
      const rows = await listHistory(c.var.services.db, 'key-sites', params.id);
      if (rows.length === 0) throw notFound('Key site');
      return reply(c, endpoints.keySiteHistory, 200, historyBody(rows, actorsVisibleTo(c.get('principal'))));
    },
  ),
  defineRoute(
    endpoints.updateKeySite,
    { resource: 'key-sites', action: 'update', rule: PLANNERS },
    async (c, { params }) => {
      const expected = readIfMatch(c);
      const updated = await updateKeySite(c, params.id, expected, await readFeaturePatch(c));
      tagVersion(c, updated);
      return reply(c, endpoints.updateKeySite, 200, updated);
    },
  ),
  defineRoute(
    endpoints.deleteKeySite,
    { resource: 'key-sites', action: 'delete', rule: PLANNERS },
    async (c, { params }) => {
      await removeKeySite(c, params.id);
      return c.body(null, 204);
    },
  ),
];
