/**
 * `/site-offers`: public land plots and building roofs communes offer for towers and cabinets
 * (Plan 317). Everyone signed in reads: operators look for sites on the map. A commune's
 * inspectors write their commune's offers (offer-access.ts), planners and admins any. Offers stay
 * addressable by id whatever their status.
 * legal: plan-317-2025-kh-ubnd
 */
import { siteEndpoints as endpoints } from '@hatang/contracts';
import { actorsVisibleTo, historyBody, listHistory, ownerOrgOf } from '../../audit/audit-log.js';
import { notFound } from '../../errors.js';
import { readIfMatch } from '../../http/body.js';
import { defineRoute, reply } from '../../http/define-route.js';
import { type Rule, SIGNED_IN } from '../../policy/rules.js';
import { findOffer, listOffers, writableOf } from './offer-repository.js';
import { createOffer, removeOffer, updateOffer } from './offer-service.js';
import { parseBboxParam } from './site-query.js';
import { readFeaturePatch, tagVersion } from './site-requests.js';

const OFFER_WRITERS: Rule = { admin: 'all', planner: 'all', inspector: 'all' };

// Order matters to the authorisation matrix's attempt maker: create, change, withdraw, then delete.
export const siteOfferRoutes = [
  defineRoute(
    endpoints.listSiteOffers,
    { resource: 'site-offers', action: 'read', rule: SIGNED_IN },
    async (c, { query }) => {
      const features = await listOffers(c.var.services.db, {
        bbox: parseBboxParam(query.bbox),
        status: query.status === 'all' ? undefined : query.status,
        commune: query.commune,
        purpose: query.purpose,
      });
      return reply(c, endpoints.listSiteOffers, 200, { type: 'FeatureCollection', features });
    },
  ),
  defineRoute(
    endpoints.createSiteOffer,
    { resource: 'site-offers', action: 'create', rule: OFFER_WRITERS },
    async (c, { body }) => {
      const created = await createOffer(c, { geometry: body.geometry, properties: body.properties ?? {} });
      tagVersion(c, created, `/api/v1/site-offers/${created.id}`);
      return reply(c, endpoints.createSiteOffer, 201, created);
    },
  ),
  defineRoute(
    endpoints.getSiteOffer,
    { resource: 'site-offers', action: 'read', rule: SIGNED_IN },
    async (c, { params }) => {
      const offer = await findOffer(c.var.services.db, params.id);
      if (!offer) throw notFound('Site offer');
      tagVersion(c, offer);
      return reply(c, endpoints.getSiteOffer, 200, offer);
    },
  ),
  defineRoute(
    endpoints.siteOfferHistory,
    { resource: 'site-offers', action: 'read', rule: SIGNED_IN },
    async (c, { params }) => {
      const rows = await listHistory(c.var.services.db, 'site-offers', params.id);
      if (rows.length === 0) throw notFound('Site offer');
      const seesActor = actorsVisibleTo(c.get('principal'), ownerOrgOf('offeringOrgId'));
      return reply(c, endpoints.siteOfferHistory, 200, historyBody(rows, seesActor));
    },
  ),
  defineRoute(
    endpoints.updateSiteOffer,
    { resource: 'site-offers', action: 'update', rule: OFFER_WRITERS },
    async (c, { params }) => {
      const patch = await readFeaturePatch(c);
      // A moved offer gets the unit of its new place unless the patch names one.
      const updated = await updateOffer(c, params.id, readIfMatch(c), (current) => ({
        geometry: patch.geometry ?? current.geometry,
        properties: { ...writableOf(current), ...patch.properties },
        rederiveUnit: patch.geometry !== undefined && !('adminUnitCode' in patch.properties),
      }));
      tagVersion(c, updated);
      return reply(c, endpoints.updateSiteOffer, 200, updated);
    },
  ),
  defineRoute(
    endpoints.withdrawSiteOffer,
    { resource: 'site-offers', action: 'update', rule: OFFER_WRITERS },
    async (c, { params }) => {
      const withdrawn = await updateOffer(c, params.id, readIfMatch(c), (current) => ({
        geometry: current.geometry,
        properties: { ...writableOf(current), status: 'withdrawn' },
        rederiveUnit: false,
      }));
      tagVersion(c, withdrawn);
      return reply(c, endpoints.withdrawSiteOffer, 200, withdrawn);
    },
  ),
  defineRoute(
    endpoints.deleteSiteOffer,
    { resource: 'site-offers', action: 'delete', rule: OFFER_WRITERS },
    async (c, { params }) => {
      await removeOffer(c, params.id);
      return c.body(null, 204);
    },
  ),
];
