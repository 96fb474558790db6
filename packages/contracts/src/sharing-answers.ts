/**
 * What the sharing routes answer (JSON; their `?format=csv|geojson` downloads are files). Positions
 * `[lng, lat]` WGS 84; distances, lengths and heights in metres. Who rents which tower is never in
 * an answer; free capacity is at the sharing tier.
 */
import { z } from 'zod';
import { technology } from './assets.js';
import { adminUnitType } from './context.js';
import { campaignStatus, spareClass } from './sharing.js';

/** `[lng, lat]`, WGS 84 degrees, as an answer gives it. */
const lngLat = z.tuple([z.number(), z.number()]);
const lineString = z.object({ type: z.literal('LineString'), coordinates: z.array(lngLat) });
const streetClass = z.enum(['primary', 'secondary', 'local']);
const distanceRule = z.object({ urbanM: z.number(), otherM: z.number() });
const ownerLabel = { ownerCode: z.string().nullable(), ownerName: z.string().nullable() };

export const blockReason = z.enum(['full', 'no_antenna_slots', 'too_short', 'already_tenant']);

/** `POST /api/v1/sharing/towers/nearby`: the towers a new one must share, and those that cannot host it. */
export const towerNearbyAnswer = z.object({
  point: lngLat,
  unit: z.object({ code: z.string(), name: z.string(), unitType: adminUnitType }).nullable(),
  technology: technology.nullable(),
  requiredHeightM: z.number(),
  rule: distanceRule,
  sharingDistanceM: z.number(),
  newTowerAllowed: z.boolean(),
  candidates: z.array(
    z.object({
      towerId: z.string(),
      towerCode: z.string().nullable(),
      ownerOrgId: z.string(),
      ...ownerLabel,
      position: lngLat,
      distanceM: z.number(),
      heightM: z.number(),
      freeTenantSlots: z.number(),
      freeAntennaSlots: z.number(),
    }),
  ),
  blocked: z.array(
    z.object({
      towerId: z.string(),
      towerCode: z.string().nullable(),
      ownerOrgId: z.string(),
      ...ownerLabel,
      distanceM: z.number(),
      reasons: z.array(blockReason),
    }),
  ),
});
export type TowerNearbyAnswer = z.infer<typeof towerNearbyAnswer>;

const utilisation = {
  towers: z.number(),
  singleTenantTowers: z.number(),
  tenantSlots: z.number(),
  tenants: z.number(),
  utilisationPercent: z.number(),
};

/** `GET /api/v1/sharing/towers/report`: the city-wide tower-sharing report. */
export const towerReportAnswer = z.object({
  rule: distanceRule,
  towerCount: z.number(),
  underused: z.array(
    z.object({
      towerId: z.string(),
      towerCode: z.string().nullable(),
      ownerOrgId: z.string(),
      unitCode: z.string().nullable(),
      heightM: z.number(),
      tenantsMax: z.number(),
      freeTenantSlots: z.number(),
    }),
  ),
  clusters: z.array(
    z.object({
      towerIds: z.array(z.string()),
      ownerOrgIds: z.array(z.string()),
      maxLinkM: z.number(),
      centre: lngLat,
      unitCodes: z.array(z.string()),
    }),
  ),
  byOwner: z.array(z.object({ ownerOrgId: z.string(), ...ownerLabel, ...utilisation })),
  byUnit: z.array(z.object({ unitCode: z.string().nullable(), ...utilisation })),
});
export type TowerReportAnswer = z.infer<typeof towerReportAnswer>;

const spareDuct = z.object({
  kind: z.literal('duct'),
  code: z.string(),
  ownerOrgId: z.string(),
  tubesTotal: z.number(),
  tubesUsed: z.number(),
  tubesFree: z.number(),
  lengthM: z.number(),
  spareClass,
});
const sparePoleSpan = z.object({
  kind: z.literal('pole_span'),
  fromPoleId: z.string(),
  toPoleId: z.string(),
  ownerOrgId: z.string(),
  attachmentsFree: z.number(),
  lengthM: z.number(),
  spareClass,
});
export const spareFeature = z.object({
  type: z.literal('Feature'),
  /** A duct's id, or a pole span's `fromPoleId:toPoleId`. */
  id: z.string(),
  geometry: lineString,
  properties: z.discriminatedUnion('kind', [spareDuct, sparePoleSpan]),
});
export type SpareFeature = z.infer<typeof spareFeature>;

/** `GET /api/v1/sharing/spare-capacity`: ducts and pole spans with their spare class, and the spare paths. */
export const spareCapacityAnswer = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(spareFeature),
  /** More segments than one answer holds: the area was cut. */
  truncated: z.boolean(),
  /** Continuous spare paths (two or more segments end to end), longest first, at most 500. */
  paths: z.array(
    z.object({
      kind: z.enum(['duct', 'pole_span']),
      segmentIds: z.array(z.string()),
      ownerOrgIds: z.array(z.string()),
      lengthM: z.number(),
      minFree: z.number(),
    }),
  ),
});
export type SpareCapacityAnswer = z.infer<typeof spareCapacityAnswer>;

export const routeKind = z.enum(['duct', 'pole', 'trench_tunnel', 'new_trench', 'new_trench_straight']);
export type RouteKind = z.infer<typeof routeKind>;
/** Owner labels of a leg or owner: absent when the leg has no owner (new trench). */
const optionalOwnerLabel = {
  ownerCode: z.string().nullable().optional(),
  ownerName: z.string().nullable().optional(),
};

/** `POST /api/v1/routes/plan`: the route's legs as features, its lengths, cost, owners and quantities. */
export const routePlanAnswer = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.number(),
      geometry: lineString,
      properties: z.object({
        kind: routeKind,
        assetId: z.string().nullable(),
        ownerOrgId: z.string().nullable(),
        ...optionalOwnerLabel,
        lengthM: z.number(),
      }),
    }),
  ),
  cableType: z.enum(['fiber', 'copper', 'coaxial']),
  lengthByKindM: z.record(routeKind, z.number()),
  totalLengthM: z.number(),
  totalCost: z.number(),
  /** Each owner whose infrastructure the route uses is a co-location (rental) counterpart. */
  owners: z.array(
    z.object({
      ownerOrgId: z.string(),
      ...optionalOwnerLabel,
      lengthM: z.number(),
      kinds: z.array(routeKind),
      ductIds: z.array(z.string()),
      poleIds: z.array(z.string()),
      trenchTunnelIds: z.array(z.string()),
    }),
  ),
  quantities: z.object({
    newTrenchM: z.number(),
    newManholes: z.number(),
    newTubeM: z.number(),
    rentedTubeM: z.number(),
    poleAttachments: z.number(),
    cableM: z.number(),
  }),
  graph: z.object({ nodes: z.number(), edges: z.number(), rebuilt: z.boolean(), patchedDucts: z.number() }),
  /** Milliseconds to get the graph (a rebuild, a patch or none) and to search it. */
  timings: z.object({ graphMs: z.number(), searchMs: z.number() }),
});
export type RoutePlanAnswer = z.infer<typeof routePlanAnswer>;

const orgRef = z.object({ id: z.string(), code: z.string().nullable(), name: z.string().nullable() });
export type OrgRef = z.infer<typeof orgRef>;
const dateWindow = z.object({ startsOn: z.string(), endsOn: z.string() });

/** A telecom work and a civil work that run alongside in overlapping windows. */
const digOnceMatch = {
  telecomWork: z.object({
    id: z.string(),
    kind: z.enum(['duct', 'cable_route', 'plan_item']),
    code: z.string().nullable(),
    org: orgRef,
  }),
  civilWork: z.object({
    id: z.string(),
    code: z.string().nullable(),
    name: z.string().nullable(),
    sector: z.string(),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    org: orgRef,
  }),
  sharedLengthM: z.number(),
  window: dateWindow,
};
export const digOnceNotice = z.object({
  org: orgRef,
  role: z.enum(['telecom', 'civil']),
  coordinateWith: orgRef,
  ...digOnceMatch,
});
export type DigOnceNotice = z.infer<typeof digOnceNotice>;

/** `GET /api/v1/sharing/dig-once`: the shared stretches as features, and each organisation's notices. */
export const digOnceAnswer = z.object({
  type: z.literal('FeatureCollection'),
  parameters: z.object({ bufferM: z.number(), minSharedM: z.number(), registerWindow: dateWindow }),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.number(),
      geometry: z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(lngLat)) }),
      properties: z.object(digOnceMatch),
    }),
  ),
  notices: z.array(digOnceNotice),
});
export type DigOnceAnswer = z.infer<typeof digOnceAnswer>;

export const undergroundingCandidateFeature = z.object({
  type: z.literal('Feature'),
  /** `cableRouteId:rank`. */
  id: z.string(),
  geometry: lineString,
  properties: z.object({
    rank: z.number(),
    cableRouteId: z.string(),
    /** The cable's code. */
    code: z.string(),
    ownerOrgId: z.string(),
    ownerCode: z.string().nullable(),
    lengthM: z.number(),
    streetId: z.string().nullable(),
    streetName: z.string().nullable(),
    streetClass: streetClass.nullable(),
    streetPriority: z.number(),
    score: z.number(),
    spareDuctIds: z.array(z.string()),
    civilWorkIds: z.array(z.string()),
  }),
});

/** `GET /api/v1/sharing/undergrounding-candidates`: aerial cable stretches to bury, best first. */
export const undergroundingAnswer = z.object({
  type: z.literal('FeatureCollection'),
  parameters: z.object({ distanceM: z.number(), minLengthM: z.number() }),
  /** All candidates found (the features are the first `limit`). */
  candidateCount: z.number(),
  totalLengthM: z.number(),
  features: z.array(undergroundingCandidateFeature),
});
export type UndergroundingAnswer = z.infer<typeof undergroundingAnswer>;

/**
 * A stretch of the overhead cable cleanup campaign. The cable code is at the sharing tier; the
 * note and who edited it only for the city's staff and the cable's owner (null otherwise).
 */
export const campaignSegmentFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: lineString,
  properties: z.object({
    id: z.string(),
    /** Null when the cable route was since removed from the register. */
    cableRouteId: z.string().nullable(),
    cableCode: z.string().nullable(),
    ownerOrgId: z.string().nullable(),
    ownerCode: z.string().nullable(),
    ownerName: z.string().nullable(),
    streetName: z.string().nullable(),
    streetClass: streetClass.nullable(),
    unitCode: z.string().nullable(),
    lengthM: z.number(),
    plannedYear: z.number(),
    status: campaignStatus,
    note: z.string().nullable(),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string().nullable(),
    updatedBy: z.string().nullable(),
  }),
});
export type CampaignSegmentFeature = z.infer<typeof campaignSegmentFeature>;

/** `GET /api/v1/sharing/campaign/segments`: the stretches and their total length. */
export const campaignCollection = z.object({
  type: z.literal('FeatureCollection'),
  totalLengthM: z.number(),
  features: z.array(campaignSegmentFeature),
});
export type CampaignCollection = z.infer<typeof campaignCollection>;

/** `POST /api/v1/sharing/campaign/segments`: the stretches added. */
export const campaignAdded = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(campaignSegmentFeature),
});

const campaignFigures = {
  segments: z.number(),
  plannedM: z.number(),
  inProgressM: z.number(),
  doneM: z.number(),
  totalM: z.number(),
  plannedKm: z.number(),
  doneKm: z.number(),
};
/** `GET /api/v1/sharing/campaign/summary`: metres planned / in progress / done by year, and totals. */
export const campaignSummaryAnswer = z.object({
  years: z.array(z.object({ year: z.number(), ...campaignFigures })),
  totals: z.object(campaignFigures),
});
export type CampaignSummaryAnswer = z.infer<typeof campaignSummaryAnswer>;
