/**
 * Answers of the sharing API (apps/api/src/routes/sharing.ts), as the panel reads them, and the
 * calls. Positions `[lng, lat]` WGS 84; lengths and distances in metres.
 */
import type { RoutePlanRequest, SpareClass } from '@hatang/contracts';
import { getJson, sendJson } from '../../lib/api-client';

export type LngLat = [number, number];
export type RouteKind = 'duct' | 'pole' | 'trench_tunnel' | 'new_trench' | 'new_trench_straight';
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

export interface RouteLegFeature {
  type: 'Feature';
  id: number;
  geometry: { type: 'LineString'; coordinates: LngLat[] };
  properties: {
    kind: RouteKind;
    assetId: string | null;
    ownerOrgId: string | null;
    ownerCode?: string | null;
    ownerName?: string | null;
    lengthM: number;
  };
}

export interface RouteOwnerAnswer {
  ownerOrgId: string;
  ownerCode?: string | null;
  ownerName?: string | null;
  lengthM: number;
  kinds: RouteKind[];
  ductIds: string[];
  poleIds: string[];
  trenchTunnelIds: string[];
}

export interface RoutePlanAnswer {
  type: 'FeatureCollection';
  features: RouteLegFeature[];
  cableType: string;
  lengthByKindM: Record<RouteKind, number>;
  totalLengthM: number;
  totalCost: number;
  owners: RouteOwnerAnswer[];
  quantities: Record<string, number>;
  timings?: { graphMs: number; searchMs: number };
}

export interface HostAnswer {
  towerId: string;
  towerCode: string | null;
  ownerOrgId: string;
  ownerCode: string | null;
  ownerName: string | null;
  position: LngLat;
  distanceM: number;
  heightM: number;
  freeTenantSlots: number;
  freeAntennaSlots: number;
}

export interface BlockedAnswer {
  towerId: string;
  towerCode: string | null;
  ownerOrgId: string;
  ownerCode: string | null;
  ownerName: string | null;
  distanceM: number;
  reasons: string[];
}

export interface TowerNearbyAnswer {
  point: LngLat;
  unit: { code: string; name: string; unitType: string } | null;
  requiredHeightM: number;
  sharingDistanceM: number;
  newTowerAllowed: boolean;
  candidates: HostAnswer[];
  blocked: BlockedAnswer[];
}

export interface Utilisation {
  towers: number;
  singleTenantTowers: number;
  tenantSlots: number;
  tenants: number;
  utilisationPercent: number;
}

export interface TowerReportAnswer {
  rule: { urbanM: number; otherM: number };
  towerCount: number;
  underused: {
    towerId: string;
    towerCode: string | null;
    ownerOrgId: string;
    unitCode: string | null;
    heightM: number;
    tenantsMax: number;
    freeTenantSlots: number;
  }[];
  clusters: {
    towerIds: string[];
    ownerOrgIds: string[];
    maxLinkM: number;
    centre: LngLat;
    unitCodes: string[];
  }[];
  byOwner: (Utilisation & { ownerOrgId: string; ownerCode: string | null; ownerName: string | null })[];
  byUnit: (Utilisation & { unitCode: string | null })[];
}

export interface SpareFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'LineString'; coordinates: LngLat[] };
  properties: { kind: 'duct' | 'pole_span'; spareClass: SpareClass; lengthM: number; ownerOrgId: string };
}
export interface SpareAnswer {
  type: 'FeatureCollection';
  features: SpareFeature[];
  truncated: boolean;
}

export interface OrgRef {
  id: string;
  code: string | null;
  name: string | null;
}
export interface DigOnceNotice {
  org: OrgRef;
  role: 'telecom' | 'civil';
  coordinateWith: OrgRef;
  telecomWork: { id: string; kind: string; code: string | null; org: OrgRef };
  civilWork: {
    id: string;
    code: string | null;
    name: string | null;
    sector: string;
    startsOn: string | null;
    endsOn: string | null;
    org: OrgRef;
  };
  sharedLengthM: number;
  window: { startsOn: string; endsOn: string } | null;
}
export interface DigOnceAnswer {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: number;
    geometry: { type: 'MultiLineString'; coordinates: LngLat[][] };
    properties: { telecomWork: { id: string }; civilWork: { id: string }; sharedLengthM: number };
  }[];
  notices: DigOnceNotice[];
}

export interface UndergroundingAnswer {
  type: 'FeatureCollection';
  candidateCount: number;
  totalLengthM: number;
  features: {
    type: 'Feature';
    id: string;
    geometry: { type: 'LineString'; coordinates: LngLat[] };
    properties: {
      rank: number;
      cableRouteId: string;
      ownerOrgId: string;
      ownerCode: string | null;
      lengthM: number;
      streetName: string | null;
      streetPriority: number;
      score: number;
      spareDuctIds: string[];
      civilWorkIds: string[];
    };
  }[];
}

export const planRoute = (body: RoutePlanRequest) =>
  sendJson('POST', '/api/v1/routes/plan', body) as Promise<RoutePlanAnswer>;

export const towersNearby = (body: {
  point: LngLat;
  requiredHeightM: number;
  technology: '2G' | '3G' | '4G' | '5G';
}) => sendJson('POST', '/api/v1/sharing/towers/nearby', body) as Promise<TowerNearbyAnswer>;

export const towerReport = (signal?: AbortSignal) =>
  getJson('/api/v1/sharing/towers/report', signal) as Promise<TowerReportAnswer>;

export const spareCapacity = (bbox: readonly number[], signal?: AbortSignal) =>
  getJson(
    `/api/v1/sharing/spare-capacity?bbox=${bbox.map((v) => v.toFixed(5)).join(',')}&kinds=duct,pole`,
    signal,
  ) as Promise<SpareAnswer>;

export const digOnce = (org: string, signal?: AbortSignal) =>
  getJson(`/api/v1/sharing/dig-once?org=${encodeURIComponent(org)}`, signal) as Promise<DigOnceAnswer>;

export const undergrounding = (signal?: AbortSignal) =>
  getJson('/api/v1/sharing/undergrounding-candidates?limit=200', signal) as Promise<UndergroundingAnswer>;

export type CampaignStatus = 'planned' | 'in_progress' | 'done';
export const CAMPAIGN_STATUSES: readonly CampaignStatus[] = ['planned', 'in_progress', 'done'];

export interface CampaignSegment {
  type: 'Feature';
  id: string;
  geometry: { type: 'LineString'; coordinates: LngLat[] };
  properties: {
    id: string;
    cableRouteId: string | null;
    cableCode: string | null;
    ownerOrgId: string | null;
    ownerCode: string | null;
    ownerName: string | null;
    streetName: string | null;
    streetClass: 'primary' | 'secondary' | 'local' | null;
    unitCode: string | null;
    lengthM: number;
    plannedYear: number;
    status: CampaignStatus;
    note: string | null;
    version: number;
  };
}
export interface CampaignAnswer {
  type: 'FeatureCollection';
  totalLengthM: number;
  features: CampaignSegment[];
}
export interface CampaignYear {
  year: number;
  segments: number;
  plannedM: number;
  inProgressM: number;
  doneM: number;
  totalM: number;
}
export interface CampaignSummary {
  years: CampaignYear[];
  totals: Omit<CampaignYear, 'year'>;
}

export type UndergroundingCandidate = UndergroundingAnswer['features'][number];

export const campaign = (signal?: AbortSignal) =>
  getJson('/api/v1/sharing/campaign/segments', signal) as Promise<CampaignAnswer>;

export const campaignSummary = (signal?: AbortSignal) =>
  getJson('/api/v1/sharing/campaign/summary', signal) as Promise<CampaignSummary>;

/** Puts candidates into the campaign for `plannedYear` (the server checks each is a candidate). */
export const addToCampaign = (candidates: readonly UndergroundingCandidate[], plannedYear: number) =>
  sendJson('POST', '/api/v1/sharing/campaign/segments', {
    segments: candidates.map((c) => ({
      cableRouteId: c.properties.cableRouteId,
      coordinates: c.geometry.coordinates,
      plannedYear,
    })),
  }) as Promise<CampaignAnswer>;

export const patchCampaignSegment = (
  id: string,
  version: number,
  change: { status?: CampaignStatus; plannedYear?: number; note?: string | null },
) =>
  sendJson('PATCH', `/api/v1/sharing/campaign/segments/${id}`, change, {
    ifMatch: version,
  }) as Promise<CampaignSegment>;

export const removeCampaignSegment = (id: string, version: number) =>
  sendJson('DELETE', `/api/v1/sharing/campaign/segments/${id}`, undefined, { ifMatch: version });

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
