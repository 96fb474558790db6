/**
 * Sharing opportunities: tower co-location, spare ducts and poles, route planning, dig-once,
 * overhead cable cleanup. Positions are `[lng, lat]` WGS 84; distances, lengths and heights in metres.
 */
import { z } from 'zod';
import { technology } from './assets.js';
import { uuid } from './common.js';
import { bboxParam } from './query.js';

/** A position `[lng, lat]`, WGS 84 degrees. */
export const sharingPosition = z.tuple([
  z.number().min(-180, 'longitude must be ≥ -180').max(180, 'longitude must be ≤ 180'),
  z.number().min(-90, 'latitude must be ≥ -90').max(90, 'latitude must be ≤ 90'),
]);

const distanceM = (max: number) =>
  z.number().positive('must be greater than 0 m').max(max, `must be at most ${max} m`);
const queryNumber = (max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .positive('must be greater than 0')
    .max(max, `must be at most ${max}`);

/**
 * Sharing distance per area type, metres. Configurable defaults, 100 m in wards and 400 m
 * elsewhere: legal: hd-qd-26-2018 (article not read; figures as its province's newspaper reported
 * them).
 */
export const sharingDistanceRule = z.strictObject({
  urbanM: distanceM(5000).default(100),
  otherM: distanceM(5000).default(400),
});
export type SharingDistanceRuleInput = z.input<typeof sharingDistanceRule>;

/** `POST /api/v1/sharing/towers/nearby`: a point (with height and technology) or a plan item. */
export const towerNearbyRequest = z
  .strictObject({
    point: sharingPosition.optional(),
    /** A `tower_site` plan item: its point, and its height when `requiredHeightM` is not given. */
    planItemId: uuid.optional(),
    /** Antenna height needed, metres above ground: a host must be at least this tall. */
    requiredHeightM: distanceM(200).optional(),
    technology: technology.optional(),
    /** Antennas the new tenant mounts (default 3, one per sector). */
    antennasNeeded: z.number().int().min(1).max(50).optional(),
    /** The operator that would join (default: the signed-in operator's organisation). */
    operatorId: uuid.optional(),
    sharingDistance: sharingDistanceRule.optional(),
  })
  .superRefine((r, ctx) => {
    if ((r.point === undefined) === (r.planItemId === undefined))
      ctx.addIssue({ code: 'custom', path: ['point'], message: 'give either point or planItemId' });
    if (r.point !== undefined && r.requiredHeightM === undefined)
      ctx.addIssue({ code: 'custom', path: ['requiredHeightM'], message: 'required with a point' });
    if (r.point !== undefined && r.technology === undefined)
      ctx.addIssue({ code: 'custom', path: ['technology'], message: 'required with a point' });
  });
export type TowerNearbyRequest = z.infer<typeof towerNearbyRequest>;

/** `GET /api/v1/sharing/towers/report?urbanM=&otherM=`. */
export const towerReportQuery = z.strictObject({
  urbanM: queryNumber(5000).default(100),
  otherM: queryNumber(5000).default(400),
  format: z.enum(['json', 'csv', 'geojson']).default('json'),
  /** With `format=csv`: the report's table to download (default the underused towers). */
  table: z.enum(['underused', 'clusters', 'byOwner', 'byUnit']).default('underused'),
});

/** Spare-capacity classes of a duct or pole span, by free tubes / attachments. */
export const spareClass = z.enum(['none', 'low', 'medium', 'high']);
export type SpareClass = z.infer<typeof spareClass>;

/** `GET /api/v1/sharing/spare-capacity?bbox=…&kinds=duct,pole`. */
export const spareCapacityQuery = z.strictObject({
  bbox: bboxParam,
  kinds: z
    .string()
    .transform((s) => s.split(',').map((k) => k.trim()))
    .pipe(z.array(z.enum(['duct', 'pole'])).min(1))
    .optional(),
  /** Longest pole span inferred between two poles of one owner, metres (default 70). */
  maxSpanM: queryNumber(500).optional(),
});

/** Cost per metre of each kind of way a cable can take (any unit: only ratios matter). */
export const routeCosts = z.strictObject({
  /** A spare tube in an existing duct. */
  duct: z.number().positive().max(1e6).optional(),
  /** A free attachment on an existing pole line. */
  pole: z.number().positive().max(1e6).optional(),
  /** An existing trench or technical tunnel. */
  trenchTunnel: z.number().positive().max(1e6).optional(),
  /** New trench along a street. */
  newTrench: z.number().positive().max(1e6).optional(),
  /** New trench in a straight line where no street goes (first and last connections). */
  newTrenchStraight: z.number().positive().max(1e6).optional(),
});
export type RouteCostsInput = z.infer<typeof routeCosts>;

/** `POST /api/v1/routes/plan`. */
export const routePlanRequest = z.strictObject({
  /** A, B (and further stops), visited in order. */
  points: z.array(sharingPosition).min(2, 'needs at least two points: A and B').max(20, 'at most 20 points'),
  cableType: z.enum(['fiber', 'copper', 'coaxial']),
  costs: routeCosts.optional(),
  /** Farthest straight connection from a stop to the network, metres (default 500). */
  maxConnectM: distanceM(5000).optional(),
});
export type RoutePlanRequest = z.infer<typeof routePlanRequest>;

/** `GET /api/v1/sharing/dig-once?org=…&bufferM=15&minSharedM=50&from=YYYY-MM-DD&horizonMonths=24`. */
export const digOnceQuery = z.strictObject({
  org: uuid.optional(),
  /** Two works run alongside when within this distance, metres (default 15). */
  bufferM: queryNumber(500).default(15),
  /** Least length run alongside to make a notice, metres (default 50). */
  minSharedM: queryNumber(100_000).default(50),
  /** Register telecom works carry no dates: they are taken to run from this day … */
  from: z.iso.date({ message: 'must be a date YYYY-MM-DD' }).optional(),
  /** … for this many months (default 24). */
  horizonMonths: z.coerce.number().int().min(1).max(240).default(24),
  format: z.enum(['json', 'csv', 'geojson']).default('json'),
});
export type DigOnceQuery = z.infer<typeof digOnceQuery>;

/** `GET /api/v1/sharing/undergrounding-candidates?distanceM=10&limit=200&bbox=…`. */
export const undergroundingQuery = z.strictObject({
  /** An aerial cable runs alongside a duct or work within this distance, metres (default 10). */
  distanceM: queryNumber(100).default(10),
  /** Shortest candidate segment, metres (default 20). */
  minLengthM: queryNumber(100_000).default(20),
  limit: z.coerce.number().int().min(1).max(10_000).default(500),
  bbox: bboxParam.optional(),
  format: z.enum(['json', 'csv', 'geojson']).default('json'),
});

/** Download formats of the sharing GET routes (`?format=`); without it the answer is the JSON. */
export const sharingExportFormat = z.enum(['json', 'csv', 'geojson']);
export type SharingExportFormat = z.infer<typeof sharingExportFormat>;

/** `GET /api/v1/sharing/towers/report?format=csv&table=…`: which of the report's tables the CSV holds. */
export const towerReportTable = z.enum(['underused', 'clusters', 'byOwner', 'byUnit']);

/** Status of a stretch in the overhead cable cleanup campaign. */
export const campaignStatus = z.enum(['planned', 'in_progress', 'done']);
export type CampaignStatus = z.infer<typeof campaignStatus>;
export const CAMPAIGN_STATUSES = campaignStatus.options;

/** Years a campaign stretch may be planned for. */
export const CAMPAIGN_FIRST_YEAR = 2026;
export const CAMPAIGN_LAST_YEAR = 2040;
const campaignYear = z
  .number({ message: 'must be a year' })
  .int('must be a whole year')
  .min(CAMPAIGN_FIRST_YEAR, `must be ${CAMPAIGN_FIRST_YEAR} or later`)
  .max(CAMPAIGN_LAST_YEAR, `must be ${CAMPAIGN_LAST_YEAR} or earlier`);
const campaignNote = z.string().trim().max(2000, 'at most 2000 characters');
const communeCode = z.string().regex(/^[0-9]{5}$/, 'must be a 5-digit admin unit code');

/**
 * `POST /api/v1/sharing/campaign/segments`: undergrounding candidates into the campaign. Each
 * stretch is given as the candidates route answered it (its cable route and coordinates); the
 * server finds it again with the same finder (at `distanceM`, default 10 m) and takes the street
 * and length from there, so only real candidates enter the campaign.
 */
export const campaignAddRequest = z.strictObject({
  segments: z
    .array(
      z.strictObject({
        cableRouteId: uuid,
        /** The stretch, `[lng, lat]` WGS 84, as the candidates route gave it. */
        coordinates: z.array(sharingPosition).min(2, 'a stretch has at least two positions').max(5000),
        plannedYear: campaignYear,
        note: campaignNote.optional(),
      }),
    )
    .min(1, 'give at least one stretch')
    .max(200, 'at most 200 stretches at once'),
  distanceM: distanceM(100).optional(),
});
export type CampaignAddRequest = z.infer<typeof campaignAddRequest>;

/** `PATCH /api/v1/sharing/campaign/segments/:id` (with If-Match: the version). */
export const campaignPatch = z
  .strictObject({
    status: campaignStatus.optional(),
    plannedYear: campaignYear.optional(),
    note: campaignNote.nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'give status, plannedYear or note' });
export type CampaignPatch = z.infer<typeof campaignPatch>;

/** `GET /api/v1/sharing/campaign/segments?year=&status=&commune=&format=`. */
export const campaignListQuery = z.strictObject({
  year: z.coerce.number().pipe(campaignYear).optional(),
  status: campaignStatus.optional(),
  /** The admin unit (xã/phường) holding the stretch's midpoint. */
  commune: communeCode.optional(),
  format: sharingExportFormat.default('json'),
});
export type CampaignListQuery = z.infer<typeof campaignListQuery>;

/** `GET /api/v1/sharing/campaign/summary?commune=`: metres planned / in progress / done by year. */
export const campaignSummaryQuery = z.strictObject({
  commune: communeCode.optional(),
});

type Labels = { vi: string; en: string };

/** What a user reads for the sharing finders' codes, in Vietnamese and English. */
export const SHARING_LABELS = {
  spareClass: {
    none: { vi: 'Hết chỗ', en: 'Full' },
    low: { vi: 'Còn 1', en: '1 free' },
    medium: { vi: 'Còn 2–4', en: '2–4 free' },
    high: { vi: 'Còn ≥ 5', en: '5+ free' },
  } satisfies Record<SpareClass, Labels>,
  routeKind: {
    duct: { vi: 'Thuê ống trong cống bể có sẵn', en: 'Spare tube in an existing duct' },
    pole: { vi: 'Treo trên cột có sẵn', en: 'Free attachment on existing poles' },
    trench_tunnel: { vi: 'Hào / tuy-nen kỹ thuật có sẵn', en: 'Existing trench or tunnel' },
    new_trench: { vi: 'Đào mới dọc đường phố', en: 'New trench along the street' },
    new_trench_straight: { vi: 'Đào mới (nối thẳng)', en: 'New trench (straight connection)' },
  } satisfies Record<string, Labels>,
  blockReason: {
    full: { vi: 'Đã đủ số đơn vị dùng chung', en: 'No tenant slot free' },
    no_antenna_slots: { vi: 'Hết vị trí lắp ăng-ten', en: 'No antenna position free' },
    too_short: { vi: 'Cột không đủ cao', en: 'Not tall enough' },
    already_tenant: { vi: 'Đã lắp đặt trên trạm này', en: 'Already on this tower' },
  } satisfies Record<string, Labels>,
  campaignStatus: {
    planned: { vi: 'Kế hoạch', en: 'Planned' },
    in_progress: { vi: 'Đang thi công', en: 'In progress' },
    done: { vi: 'Đã hạ ngầm', en: 'Done' },
  } satisfies Record<CampaignStatus, Labels>,
  noticeRole: {
    telecom: { vi: 'Công trình viễn thông của đơn vị', en: 'Your telecom works' },
    civil: { vi: 'Công trình của đơn vị (ngành khác)', en: 'Your civil works' },
  } satisfies Record<string, Labels>,
  quantities: {
    newTrenchM: { vi: 'Đào hào mới (m)', en: 'New trench (m)' },
    newManholes: { vi: 'Hố ga mới', en: 'New handholes' },
    newTubeM: { vi: 'Ống mới (m)', en: 'New tube (m)' },
    rentedTubeM: { vi: 'Thuê ống có sẵn (m)', en: 'Rented spare tube (m)' },
    poleAttachments: { vi: 'Vị trí treo cáp trên cột', en: 'Pole attachments' },
    cableM: { vi: 'Chiều dài cáp (m)', en: 'Cable length (m)' },
  } satisfies Record<string, Labels>,
} as const;
