/**
 * Site offers by communes and the key sites register (Plan 317). The handlers check a feature's
 * geometry and properties themselves, every problem of both at once (see siteFeatureBody); a
 * PATCH's body (`geometry` and/or some `properties`, merged into the stored record) is read by
 * its handler after If-Match, as its summary says.
 * legal: plan-317-2025-kh-ubnd
 */
import { z } from 'zod';
import { endpoint } from './endpoint.js';
import { recordHistory } from './history.js';
import {
  keySiteCollection,
  keySiteFeature,
  keySiteImportRequest,
  keySiteImportResult,
  keySiteListQuery,
  keySiteStatusQuery,
  keySiteStatusResponse,
  siteFeatureBody,
  siteOfferCollection,
  siteOfferFeature,
  siteOfferListQuery,
} from './sites.js';

const notFound = { description: 'Not found' };
const conflict = { description: 'Stale If-Match: the current record in `current`' };
/** Ids as the API has always taken them: any 8-4-4-4-12 hexadecimal id. */
const byId = z.object({ id: z.guid() });

export const siteEndpoints = {
  listSiteOffers: endpoint({
    method: 'GET',
    path: '/api/v1/site-offers',
    tag: 'site-offers',
    summary: 'Site offers (published by default; `status=all` for every status), by bbox, commune, purpose',
    query: siteOfferListQuery,
    responses: { 200: { description: 'The offers, oldest first', schema: siteOfferCollection } },
  }),
  createSiteOffer: endpoint({
    method: 'POST',
    path: '/api/v1/site-offers',
    tag: 'site-offers',
    summary: 'Publish a site offer (an inspector: inside their own commune only)',
    body: siteFeatureBody,
    responses: {
      201: { description: 'The offer as stored (ETag: its version; Location)', schema: siteOfferFeature },
    },
  }),
  getSiteOffer: endpoint({
    method: 'GET',
    path: '/api/v1/site-offers/:id',
    tag: 'site-offers',
    summary: 'One site offer, whatever its status (ETag: its version)',
    params: byId,
    responses: { 200: { description: 'The offer', schema: siteOfferFeature }, 404: notFound },
  }),
  siteOfferHistory: endpoint({
    method: 'GET',
    path: '/api/v1/site-offers/:id/history',
    tag: 'site-offers',
    summary: "A site offer's versions, newest first (actors shown to city staff and the offering commune)",
    params: byId,
    responses: { 200: { description: 'The history', schema: recordHistory }, 404: notFound },
  }),
  updateSiteOffer: endpoint({
    method: 'PATCH',
    path: '/api/v1/site-offers/:id',
    tag: 'site-offers',
    ifMatch: 'required',
    summary:
      'Change a site offer under If-Match. Body: `geometry` and/or some `properties`, merged into the offer; a moved offer takes the commune of its new place unless `adminUnitCode` is given',
    params: byId,
    responses: {
      200: { description: 'The offer as stored (ETag: its version)', schema: siteOfferFeature },
      404: notFound,
      409: conflict,
    },
  }),
  withdrawSiteOffer: endpoint({
    method: 'POST',
    path: '/api/v1/site-offers/:id/withdraw',
    tag: 'site-offers',
    ifMatch: 'required',
    summary: 'Withdraw a site offer under If-Match (no body)',
    params: byId,
    responses: {
      200: { description: 'The withdrawn offer (ETag: its version)', schema: siteOfferFeature },
      404: notFound,
      409: conflict,
    },
  }),
  deleteSiteOffer: endpoint({
    method: 'DELETE',
    path: '/api/v1/site-offers/:id',
    tag: 'site-offers',
    summary: 'Delete a site offer (kept in its history)',
    params: byId,
    responses: { 204: { description: 'Deleted' }, 404: notFound },
  }),
  listKeySites: endpoint({
    method: 'GET',
    path: '/api/v1/key-sites',
    tag: 'key-sites',
    summary: 'The key sites register, by bbox, category and commune',
    query: keySiteListQuery,
    responses: { 200: { description: 'The sites by category and name', schema: keySiteCollection } },
  }),
  createKeySite: endpoint({
    method: 'POST',
    path: '/api/v1/key-sites',
    tag: 'key-sites',
    summary: 'Add a key site to the register',
    body: siteFeatureBody,
    responses: {
      201: { description: 'The site as stored (ETag: its version; Location)', schema: keySiteFeature },
    },
  }),
  keySiteStatus: endpoint({
    method: 'GET',
    path: '/api/v1/key-sites/status',
    tag: 'key-sites',
    summary: "Each key site's fiber, 4G, 5G and WiFi flags from the register, with a summary per category",
    query: keySiteStatusQuery,
    responses: { 200: { description: 'The sites with their flags', schema: keySiteStatusResponse } },
  }),
  importKeySites: endpoint({
    method: 'POST',
    path: '/api/v1/key-sites/import',
    tag: 'key-sites',
    summary: 'Import key sites from the text of a CSV or GeoJSON file: every row lands, or none',
    body: keySiteImportRequest,
    responses: {
      201: { description: 'The ids of the sites added, in file order', schema: keySiteImportResult },
      400: { description: 'Nothing imported: the error, and every rejected row in `rows`' },
      413: { description: 'The request body is larger than the JSON body limit' },
      422: { description: "Reading the file ran past the parse worker's time or memory limit" },
      503: { description: 'Every parse worker is busy (Retry-After)' },
    },
  }),
  getKeySite: endpoint({
    method: 'GET',
    path: '/api/v1/key-sites/:id',
    tag: 'key-sites',
    summary: 'One key site (ETag: its version)',
    params: byId,
    responses: { 200: { description: 'The site', schema: keySiteFeature }, 404: notFound },
  }),
  keySiteHistory: endpoint({
    method: 'GET',
    path: '/api/v1/key-sites/:id/history',
    tag: 'key-sites',
    summary: "A key site's versions, newest first (actors shown to city staff)",
    params: byId,
    responses: { 200: { description: 'The history', schema: recordHistory }, 404: notFound },
  }),
  updateKeySite: endpoint({
    method: 'PATCH',
    path: '/api/v1/key-sites/:id',
    tag: 'key-sites',
    ifMatch: 'required',
    summary:
      'Change a key site under If-Match. Body: `geometry` and/or some `properties`, merged into the site; a moved site takes the commune of its new place unless `adminUnitCode` is given',
    params: byId,
    responses: {
      200: { description: 'The site as stored (ETag: its version)', schema: keySiteFeature },
      404: notFound,
      409: conflict,
    },
  }),
  deleteKeySite: endpoint({
    method: 'DELETE',
    path: '/api/v1/key-sites/:id',
    tag: 'key-sites',
    summary: 'Delete a key site (kept in its history)',
    params: byId,
    responses: { 204: { description: 'Deleted' }, 404: notFound },
  }),
} as const;
