/**
 * Sharing opportunities (/sharing/…), the route planner (/routes/plan) and the overhead cable
 * cleanup campaign (/sharing/campaign/…). The GET finders answer JSON, or with `format=csv` or
 * `format=geojson` a download (text/csv with a BOM, application/geo+json) of the same answer.
 * Campaign edits carry If-Match (the stretch's version).
 */
import { z } from 'zod';
import { endpoint } from './endpoint.js';
import {
  campaignAddRequest,
  campaignListQuery,
  campaignPatch,
  campaignSummaryQuery,
  digOnceQuery,
  routePlanRequest,
  spareCapacityQuery,
  towerNearbyRequest,
  towerReportQuery,
  undergroundingQuery,
} from './sharing.js';
import {
  campaignAdded,
  campaignCollection,
  campaignSegmentFeature,
  campaignSummaryAnswer,
  digOnceAnswer,
  routePlanAnswer,
  spareCapacityAnswer,
  towerNearbyAnswer,
  towerReportAnswer,
  undergroundingAnswer,
} from './sharing-answers.js';

const notFound = { description: 'Not found' };
const conflict = { description: 'Stale If-Match: the current stretch in `current`' };
const byId = z.object({ id: z.guid() });
const orDownload = (what: string) =>
  `${what}; with format=csv a CSV (text/csv), with format=geojson a GeoJSON file (application/geo+json)`;

export const sharingEndpoints = {
  towersNearby: endpoint({
    method: 'POST',
    path: '/api/v1/sharing/towers/nearby',
    tag: 'sharing',
    summary:
      'Towers a new one at a point (or a tower_site plan item) must share, and those within the sharing distance that cannot host it',
    body: towerNearbyRequest,
    responses: { 200: { description: 'Host candidates, nearest first', schema: towerNearbyAnswer } },
  }),
  towerReport: endpoint({
    method: 'GET',
    path: '/api/v1/sharing/towers/report',
    tag: 'sharing',
    summary:
      'City-wide tower sharing: underused towers, consolidation clusters, utilisation by owner and unit',
    query: towerReportQuery,
    responses: {
      200: { description: orDownload('The report (the CSV holds one `table`)'), schema: towerReportAnswer },
    },
  }),
  spareCapacity: endpoint({
    method: 'GET',
    path: '/api/v1/sharing/spare-capacity',
    tag: 'sharing',
    summary: 'Ducts and pole spans in a bbox with their spare class, and the continuous spare paths',
    query: spareCapacityQuery,
    responses: { 200: { description: 'The spare-capacity layer', schema: spareCapacityAnswer } },
  }),
  planRoute: endpoint({
    method: 'POST',
    path: '/api/v1/routes/plan',
    tag: 'route-planner',
    summary:
      'The cheapest cable route through A, B (and further stops) over spare ducts, poles and new trench',
    body: routePlanRequest,
    responses: { 200: { description: 'The route', schema: routePlanAnswer } },
  }),
  digOnce: endpoint({
    method: 'GET',
    path: '/api/v1/sharing/dig-once',
    tag: 'sharing',
    summary:
      'Planned telecom works alongside other sectors’ civil works in overlapping windows, with notices',
    query: digOnceQuery,
    responses: { 200: { description: orDownload('The matches and notices'), schema: digOnceAnswer } },
  }),
  undergroundingCandidates: endpoint({
    method: 'GET',
    path: '/api/v1/sharing/undergrounding-candidates',
    tag: 'sharing',
    summary: 'Aerial cable stretches along spare ducts or planned civil works, ranked by street priority',
    query: undergroundingQuery,
    responses: {
      200: { description: orDownload('The candidates, best first'), schema: undergroundingAnswer },
    },
  }),
  listCampaign: endpoint({
    method: 'GET',
    path: '/api/v1/sharing/campaign/segments',
    tag: 'undergrounding-campaign',
    summary: 'The overhead cable cleanup campaign’s stretches, by year, status and commune',
    query: campaignListQuery,
    responses: { 200: { description: orDownload('The stretches'), schema: campaignCollection } },
  }),
  campaignSummary: endpoint({
    method: 'GET',
    path: '/api/v1/sharing/campaign/summary',
    tag: 'undergrounding-campaign',
    summary: 'Metres planned, in progress and done per planned year',
    query: campaignSummaryQuery,
    responses: { 200: { description: 'The summary', schema: campaignSummaryAnswer } },
  }),
  addToCampaign: endpoint({
    method: 'POST',
    path: '/api/v1/sharing/campaign/segments',
    tag: 'undergrounding-campaign',
    summary: 'Put undergrounding candidates into the campaign (each must still be a candidate)',
    body: campaignAddRequest,
    responses: {
      201: { description: 'The stretches added', schema: campaignAdded },
      409: { description: 'Some stretches are already in the campaign' },
    },
  }),
  updateCampaignSegment: endpoint({
    method: 'PATCH',
    path: '/api/v1/sharing/campaign/segments/:id',
    tag: 'undergrounding-campaign',
    ifMatch: 'required',
    summary: 'Change a stretch’s status, planned year or note under If-Match',
    params: byId,
    body: campaignPatch,
    responses: {
      200: { description: 'The stretch as stored (ETag: its version)', schema: campaignSegmentFeature },
      404: notFound,
      409: conflict,
    },
  }),
  removeCampaignSegment: endpoint({
    method: 'DELETE',
    path: '/api/v1/sharing/campaign/segments/:id',
    tag: 'undergrounding-campaign',
    ifMatch: 'optional',
    summary: 'Take a stretch out of the campaign (If-Match optional; kept in the audit log)',
    params: byId,
    responses: { 204: { description: 'Removed' }, 404: notFound, 409: conflict },
  }),
} as const;
