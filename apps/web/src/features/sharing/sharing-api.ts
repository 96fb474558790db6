/**
 * The sharing API's calls (packages/contracts sharing-endpoints.ts), typed by the contract, and
 * the answers as the panel reads them. Positions `[lng, lat]` WGS 84; lengths and distances in metres.
 */
import {
  type CampaignCollection,
  type CampaignSegmentFeature,
  type CampaignStatus,
  type CampaignSummaryAnswer,
  type DigOnceAnswer,
  type DigOnceNotice,
  type OrgRef,
  type RouteKind,
  type RoutePlanAnswer,
  type RoutePlanRequest,
  type SpareCapacityAnswer,
  type SpareFeature,
  sharingEndpoints,
  type TowerNearbyAnswer,
  type TowerReportAnswer,
  type UndergroundingAnswer,
} from '@hatang/contracts';
import { callEndpoint } from '../../lib/endpoint-client';

export type {
  CampaignStatus,
  DigOnceAnswer,
  DigOnceNotice,
  OrgRef,
  RouteKind,
  RoutePlanAnswer,
  SpareFeature,
  TowerNearbyAnswer,
  TowerReportAnswer,
  UndergroundingAnswer,
};
export type LngLat = [number, number];
export const ROUTE_KINDS: readonly RouteKind[] = [
  'duct',
  'pole',
  'trench_tunnel',
  'new_trench',
  'new_trench_straight',
];

/** The planner's default cost per metre per kind (packages/analysis DEFAULT_ROUTE_COSTS). */
export const DEFAULT_COSTS: Readonly<Record<RouteKind, number>> = {
  duct: 1,
  pole: 1.5,
  trench_tunnel: 2,
  new_trench: 20,
  new_trench_straight: 30,
};

export type RouteLegFeature = RoutePlanAnswer['features'][number];
export type RouteOwnerAnswer = RoutePlanAnswer['owners'][number];
export type HostAnswer = TowerNearbyAnswer['candidates'][number];
export type BlockedAnswer = TowerNearbyAnswer['blocked'][number];
export type Utilisation = Omit<TowerReportAnswer['byUnit'][number], 'unitCode'>;
export type SpareAnswer = SpareCapacityAnswer;
export type CampaignSegment = CampaignSegmentFeature;
export type CampaignAnswer = CampaignCollection;
/** A year of the campaign summary, as the panel reads it (kilometres it works out itself). */
export type CampaignYear = Omit<CampaignSummaryAnswer['years'][number], 'plannedKm' | 'doneKm'>;
export interface CampaignSummary {
  years: CampaignYear[];
  totals: Omit<CampaignYear, 'year'>;
}
export type UndergroundingCandidate = UndergroundingAnswer['features'][number];

export const CAMPAIGN_STATUSES: readonly CampaignStatus[] = ['planned', 'in_progress', 'done'];

const endpoints = sharingEndpoints;

export const planRoute = (body: RoutePlanRequest) => callEndpoint(endpoints.planRoute, { body });

export const towersNearby = (body: {
  point: LngLat;
  requiredHeightM: number;
  technology: '2G' | '3G' | '4G' | '5G';
}) => callEndpoint(endpoints.towersNearby, { body });

export const towerReport = (signal?: AbortSignal) =>
  callEndpoint(endpoints.towerReport, { query: {} }, { signal });

export const spareCapacity = (bbox: readonly number[], signal?: AbortSignal) =>
  callEndpoint(
    endpoints.spareCapacity,
    { query: { bbox: bbox.map((v) => v.toFixed(5)).join(','), kinds: 'duct,pole' } },
    { signal },
  );

export const digOnce = (org: string, signal?: AbortSignal) =>
  callEndpoint(endpoints.digOnce, { query: { org } }, { signal });

export const undergrounding = (signal?: AbortSignal) =>
  callEndpoint(endpoints.undergroundingCandidates, { query: { limit: 200 } }, { signal });

export const campaign = (signal?: AbortSignal) =>
  callEndpoint(endpoints.listCampaign, { query: {} }, { signal });

export const campaignSummary = (signal?: AbortSignal): Promise<CampaignSummary> =>
  callEndpoint(endpoints.campaignSummary, { query: {} }, { signal });

/** Puts candidates into the campaign for `plannedYear` (the server checks each is a candidate). */
export const addToCampaign = (candidates: readonly UndergroundingCandidate[], plannedYear: number) =>
  callEndpoint(endpoints.addToCampaign, {
    body: {
      segments: candidates.map((c) => ({
        cableRouteId: c.properties.cableRouteId,
        coordinates: c.geometry.coordinates,
        plannedYear,
      })),
    },
  });

export const patchCampaignSegment = (
  id: string,
  version: number,
  change: { status?: CampaignStatus; plannedYear?: number; note?: string | null },
) => callEndpoint(endpoints.updateCampaignSegment, { params: { id }, body: change }, { ifMatch: version });

export async function removeCampaignSegment(id: string, version: number): Promise<void> {
  await callEndpoint(endpoints.removeCampaignSegment, { params: { id } }, { ifMatch: version });
}

/** Same-origin download links (the session cookie goes along); the server names the file. */
export const DOWNLOADS = {
  towerReport: (format: 'csv' | 'geojson', table = 'underused') =>
    `/api/v1/sharing/towers/report?format=${format}${format === 'csv' ? `&table=${table}` : ''}`,
  digOnce: (org: string, format: 'csv' | 'geojson') =>
    `/api/v1/sharing/dig-once?org=${encodeURIComponent(org)}&format=${format}`,
  undergrounding: (format: 'csv' | 'geojson') =>
    `/api/v1/sharing/undergrounding-candidates?limit=10000&format=${format}`,
  campaign: (format: 'csv' | 'geojson') => `/api/v1/sharing/campaign/segments?format=${format}`,
} as const;
