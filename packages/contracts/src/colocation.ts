/**
 * Contracts of co-location requests and notifications (issue #10): an operator (the requester)
 * asks another organisation (the owner) for space on its tower, pole or duct path; the owner
 * answers; acceptance creates the tenancy / occupancy atomically. Heights and lengths in metres,
 * money in VND, positions `[lng, lat]` WGS 84.
 *
 * Routes (all under `/api/v1`, JSON unless said; errors `{ error: { code, message, details?, requestId } }`):
 *
 * - `POST /colocation-requests` body {@link colocationRequestCreate} → 201 {@link ColocationRequest}
 *   (operator editors of the requesting organisation, admins). A request that does not fit is
 *   stored with `capacityCheck.fits = false` and its reasons, not refused. There are no drafts:
 *   a request is `submitted` as soon as it is created. Requesting one's own asset → 400; a duct
 *   path must belong to one owner (group a route's segments by owner, one request each) → 400.
 * - `GET /colocation-requests?box=incoming|outgoing|all&status=…&overdue=true&limit=` query
 *   {@link colocationListQuery} → `{ items: ColocationRequest[] }`, newest first. Operators see
 *   their organisation's outgoing (requester) and incoming (owner) requests; planners and admins
 *   all; nobody else (403). `box=all` for an operator means both of its boxes.
 * - `GET /colocation-requests/:id` → {@link ColocationRequest} with `ETag: "<version>"`
 *   (the two parties, planners, admins; others 404).
 * - Transitions, each `POST /colocation-requests/:id/<action>` with `If-Match: "<version>"`
 *   (428 without, 409 VERSION_CONFLICT when stale) → 200 {@link ColocationRequest}:
 *   `request-info` {@link colocationInfoRequest}, `accept` {@link colocationAccept},
 *   `accept-with-conditions` {@link colocationAcceptWithConditions}, `reject`
 *   {@link colocationReject} (owner side: editors of the owner organisation, admins);
 *   `withdraw` {@link colocationWithdraw}, `respond` {@link colocationRespond} (requester side).
 *   A transition not in {@link COLOCATION_TRANSITIONS} from the current status → 409
 *   INVALID_STATE; the wrong party → 403 FORBIDDEN. `accept*` re-checks capacity with the target
 *   rows locked: no room left → 409 CONFLICT (the request stays `submitted`).
 * - `GET /colocation-requests/:id/messages` → `{ items: ColocationMessage[] }` (oldest first);
 *   `POST …/messages` body {@link colocationMessageCreate} → 201 ColocationMessage (either party, admins).
 * - `GET /colocation-requests/:id/attachments` → `{ items: AttachmentInfo[] }`; `POST …/attachments`
 *   multipart (`file`, optional `purpose`) → 201 AttachmentInfo (PDF/JPEG/PNG ≤ 10 MiB, else
 *   413/415); `GET …/attachments/:attachmentId` → the file.
 * - `GET /colocation-requests/:id/rent-suggestion?investmentVnd=&lifeYears=&omPerYearVnd=&tenants=&profitMarginPct=&shares=`
 *   query {@link rentSuggestionQuery} → {@link RentSuggestion} (the two parties, planners, admins).
 * - `GET /colocation-requests/oversight?format=json|csv` → `{ items: OversightRow[], responseWorkingDays }`
 *   or CSV (UTF-8 with BOM) (planners, admins).
 * - `GET /colocation-requests/oversight/map` → GeoJSON FeatureCollection of Points (at the target;
 *   a duct path: the middle of its first segment) of pending requests, properties
 *   {@link OversightMapProperties} (planners, admins).
 * - `GET /colocation-occupancies?assetKind=&assetId=&requestId=&limit=` query {@link occupancyListQuery}
 *   → `{ items: ColocationOccupancy[] }`: what accepted requests hold (operators: where their
 *   organisation is the owner or the occupant; planners, admins: all).
 * - `GET /notifications?limit=` → `{ items: Notification[], unreadCount }`, newest first (any
 *   signed-in user; approaching-deadline notices are created when this is read);
 *   `POST /notifications/:id/read` → Notification; `POST /notifications/read-all` → `{ updated }`.
 *
 * Deadlines: the owner must answer within {@link DEFAULT_RESPONSE_WORKING_DAYS} working days
 * (Mon–Fri; public holidays are NOT deducted) counted from submission, restarted when the
 * requester responds to a request for information. `overdue` is true while the request awaits
 * the owner (`submitted`) after `dueOn`.
 */
import { z } from 'zod';
import { technology } from './assets.js';
import { isoDate, uuid } from './common.js';

type Labels = { vi: string; en: string };

/** Default response period, working days (Mon–Fri; public holidays not deducted). */
export const DEFAULT_RESPONSE_WORKING_DAYS = 15;
/** A deadline notice is sent when the owner's answer is due within this many working days. */
export const DEADLINE_NOTICE_WORKING_DAYS = 3;

export const colocationStatus = z.enum([
  'submitted',
  'info_requested',
  'accepted',
  'accepted_with_conditions',
  'rejected',
  'withdrawn',
]);
export type ColocationStatus = z.infer<typeof colocationStatus>;

export const colocationAction = z.enum([
  'request-info',
  'accept',
  'accept-with-conditions',
  'reject',
  'withdraw',
  'respond',
]);
export type ColocationAction = z.infer<typeof colocationAction>;

/**
 * The state machine: which party may take which step from which statuses, and where it leads.
 * The server enforces it; the web can use it to show the buttons.
 */
export const COLOCATION_TRANSITIONS: Record<
  ColocationAction,
  { party: 'owner' | 'requester'; from: readonly ColocationStatus[]; to: ColocationStatus }
> = {
  'request-info': { party: 'owner', from: ['submitted'], to: 'info_requested' },
  accept: { party: 'owner', from: ['submitted'], to: 'accepted' },
  'accept-with-conditions': { party: 'owner', from: ['submitted'], to: 'accepted_with_conditions' },
  reject: { party: 'owner', from: ['submitted', 'info_requested'], to: 'rejected' },
  withdraw: { party: 'requester', from: ['submitted', 'info_requested'], to: 'withdrawn' },
  respond: { party: 'requester', from: ['info_requested'], to: 'submitted' },
};

/** Statuses in which the request is still open. */
export const isColocationOpen = (s: ColocationStatus) => s === 'submitted' || s === 'info_requested';

export const colocationAssetKind = z.enum(['tower', 'pole', 'duct']);
export type ColocationAssetKind = z.infer<typeof colocationAssetKind>;

/** Where the request was started from (for statistics; no effect on the checks). */
export const colocationSource = z.enum(['map', 'coverage_gap', 'route_planner']);

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** The requested space: a tower slot, pole attachments, or tubes along a path of duct segments. */
export const colocationTarget = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('tower'),
    id: uuid,
    technology,
    /** Antennas to mount. */
    antennaCount: z.number().int('must be a whole number').min(1).max(50),
    /** Mounting height above the tower's base (ground, or the roof for a rooftop tower), m. */
    mountHeightM: z.number().positive('must be greater than 0 m').max(200, 'must be at most 200 m'),
  }),
  z.strictObject({
    kind: z.literal('pole'),
    id: uuid,
    /** Cable attachments on the pole. */
    attachmentCount: z.number().int('must be a whole number').min(1).max(20),
  }),
  z.strictObject({
    kind: z.literal('duct'),
    /** The duct segments of the path, in order; all of one owner. */
    ids: z.array(uuid).min(1, 'give at least one duct segment').max(200),
    /** Tubes wanted in every segment. */
    tubes: z.number().int('must be a whole number').min(1).max(24),
    /** Cable length along the path, m (default: the segments' length). */
    lengthM: z.number().positive('must be greater than 0 m').max(100000).optional(),
  }),
]);
export type ColocationTarget = z.infer<typeof colocationTarget>;

/** `POST /api/v1/colocation-requests`. */
export const colocationRequestCreate = z.strictObject({
  target: colocationTarget,
  /** Why: e.g. "covers 1 240 people newly" from a coverage gap. */
  justification: text(4000),
  desiredStartDate: isoDate,
  source: colocationSource.default('map'),
  /** Requesting organisation: only an admin may set it (others always request for their own). */
  requesterOrgId: uuid.optional(),
});
export type ColocationRequestCreate = z.input<typeof colocationRequestCreate>;

/** `POST …/:id/request-info`: what the owner needs to know. */
export const colocationInfoRequest = z.strictObject({ text: text(4000) });
/** `POST …/:id/respond`: the requester's answer to an info request (the request is submitted again). */
export const colocationRespond = z.strictObject({ text: text(4000) });
/** `POST …/:id/withdraw`. */
export const colocationWithdraw = z.strictObject({ text: z.string().trim().max(4000).optional() });
/** `POST …/:id/accept`: optionally the agreed yearly rent (VND) and a note. */
export const colocationAccept = z.strictObject({
  note: z.string().trim().max(4000).optional(),
  rentVndPerYear: z.number().int().min(0).max(1e13).optional(),
});
/** `POST …/:id/accept-with-conditions`. */
export const colocationAcceptWithConditions = z.strictObject({
  conditions: z.array(text(1000)).min(1, 'give at least one condition').max(50),
  note: z.string().trim().max(4000).optional(),
  rentVndPerYear: z.number().int().min(0).max(1e13).optional(),
});

export const colocationRejectReason = z.enum([
  'no_capacity',
  'structural_limit',
  'reserved_for_own_use',
  'technical_interference',
  'incomplete_information',
  'commercial_terms',
  'asset_to_be_removed',
  'other',
]);
export type ColocationRejectReason = z.infer<typeof colocationRejectReason>;

/** `POST …/:id/reject`: a reason from the list plus text. */
export const colocationReject = z.strictObject({ reasonCode: colocationRejectReason, text: text(4000) });

/** `POST …/:id/messages`. */
export const colocationMessageCreate = z.strictObject({ text: text(4000) });

/** `GET /api/v1/colocation-requests`. */
export const colocationListQuery = z.strictObject({
  box: z.enum(['incoming', 'outgoing', 'all']).default('all'),
  status: colocationStatus.optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

const positiveQuery = z.coerce.number({ message: 'must be a number' }).positive('must be greater than 0');
/** `GET …/:id/rent-suggestion`: every parameter overrides the default for the asset kind. */
export const rentSuggestionQuery = z.strictObject({
  /** Investment cost of the shared asset (or the requested part of a duct path), VND. */
  investmentVnd: positiveQuery.max(1e13).optional(),
  /** Depreciation period, years. */
  lifeYears: positiveQuery.max(100).optional(),
  /** Operation and maintenance per year, VND. */
  omPerYearVnd: z.coerce.number({ message: 'must be a number' }).min(0).max(1e12).optional(),
  /** Shares the cost is divided into (tenants on a tower, attachments on a pole, tubes in a duct). */
  tenants: z.coerce.number({ message: 'must be a number' }).int().min(1).max(1000).optional(),
  /** Shares the requester takes (default: 1 on a tower, its attachments or tubes otherwise). */
  shares: z.coerce.number({ message: 'must be a number' }).int().min(1).max(1000).optional(),
  /** Reasonable profit, % of the cost. */
  profitMarginPct: z.coerce.number({ message: 'must be a number' }).min(0).max(100).optional(),
});
export type RentSuggestionQuery = z.infer<typeof rentSuggestionQuery>;

/** `GET /api/v1/colocation-requests/oversight`. */
export const oversightQuery = z.strictObject({ format: z.enum(['json', 'csv']).default('json') });

/** `GET /api/v1/colocation-occupancies`. */
export const occupancyListQuery = z.strictObject({
  assetKind: colocationAssetKind.optional(),
  assetId: uuid.optional(),
  requestId: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** What an accepted request holds on one asset: antennas (tower), attachments (pole) or tubes (duct segment). */
export const colocationOccupancy = z.object({
  id: z.string(),
  requestId: z.string(),
  assetKind: colocationAssetKind,
  assetId: z.string(),
  assetCode: z.string().nullable(),
  ownerOrgId: z.string(),
  operatorOrgId: z.string(),
  operatorOrgName: z.string(),
  units: z.number().int(),
  tenancyId: z.string().nullable(),
  createdAt: z.string(),
});
export type ColocationOccupancy = z.infer<typeof colocationOccupancy>;
export const colocationOccupancyList = z.object({ items: z.array(colocationOccupancy) });

/** `GET /api/v1/notifications`. */
export const notificationListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

// ---------- Answers ----------

export const capacityReasonCode = z.enum([
  'asset_not_found',
  'asset_decommissioned',
  'own_asset',
  'tenants_full',
  'antenna_slots_full',
  'mount_height_above_tower',
  'pole_full',
  'duct_full',
]);
export type CapacityReasonCode = z.infer<typeof capacityReasonCode>;

const labels = z.object({ vi: z.string(), en: z.string() });

export const capacityReason = z.object({ code: capacityReasonCode, message: labels, assetId: z.string() });
export type CapacityReason = z.infer<typeof capacityReason>;
export const capacityCheck = z.object({
  fits: z.boolean(),
  reasons: z.array(capacityReason),
  /** When the check ran (ISO 8601). */
  checkedAt: z.string(),
});
export type CapacityCheck = z.infer<typeof capacityCheck>;

/** A request as the API returns it. */
export const colocationRequest = z.object({
  id: z.string(),
  status: colocationStatus,
  requesterOrgId: z.string(),
  requesterOrgName: z.string(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  assetKind: colocationAssetKind,
  /** The target as requested (tower/pole `id`, duct `ids`, with the quantities). */
  target: colocationTarget,
  /** Codes of the target assets, in the target's order. */
  assetCodes: z.array(z.string()),
  /** Where the target is, `[lng, lat]`: the tower or pole, or the middle of the duct path's first segment. */
  position: z.tuple([z.number(), z.number()]).nullable(),
  justification: z.string(),
  desiredStartDate: z.string(),
  source: colocationSource,
  capacityCheck,
  /** Last submission (creation or the requester's response to an info request), ISO 8601. */
  submittedAt: z.string(),
  /** The owner's answer is due by the end of this day (YYYY-MM-DD, Asia/Ho_Chi_Minh calendar days). */
  dueOn: z.string(),
  overdue: z.boolean(),
  /** The owner's last request for information. */
  infoRequest: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answerNote: z.string().nullable(),
  conditions: z.array(z.string()),
  rejectReason: colocationRejectReason.nullable(),
  rentVndPerYear: z.number().nullable(),
  /** What acceptance created: the tenancy (tower) and the occupancy rows. */
  tenancyId: z.string().nullable(),
  occupancyIds: z.array(z.string()),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ColocationRequest = z.infer<typeof colocationRequest>;
export const colocationRequestList = z.object({ items: z.array(colocationRequest) });

export const colocationMessage = z.object({
  id: z.string(),
  requestId: z.string(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  authorOrgId: z.string().nullable(),
  text: z.string(),
  createdAt: z.string(),
});
export type ColocationMessage = z.infer<typeof colocationMessage>;
export const colocationMessageList = z.object({ items: z.array(colocationMessage) });

/** The cost-based rent, VND (legal: jc-210-2013-ttlt-btc-bxd-btttt sets the official method; not read). */
export const rentSuggestion = z.object({
  assetKind: colocationAssetKind,
  inputs: z.object({
    investmentVnd: z.number(),
    lifeYears: z.number(),
    omPerYearVnd: z.number(),
    tenants: z.number(),
    shares: z.number(),
    profitMarginPct: z.number(),
  }),
  /** Which inputs are defaults (not given in the query). */
  defaulted: z.array(z.string()),
  depreciationPerYearVnd: z.number(),
  costPerYearVnd: z.number(),
  costPerShareVnd: z.number(),
  rentPerYearVnd: z.number(),
  rentPerMonthVnd: z.number(),
  formula: labels,
});
export type RentSuggestion = z.infer<typeof rentSuggestion>;

export const oversightRow = z.object({
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  received: z.number().int(),
  answered: z.number().int(),
  pending: z.number().int(),
  /** Median calendar days from submission to answer (answered requests only), or null. */
  medianDaysToAnswer: z.number().nullable(),
  /** Accepted (with or without conditions) / answered (accepted + rejected), 0–1, or null. */
  acceptanceRate: z.number().nullable(),
  overdue: z.number().int(),
});
export type OversightRow = z.infer<typeof oversightRow>;
/** The oversight table with the response period it measures against, working days. */
export const oversightTable = z.object({
  items: z.array(oversightRow),
  responseWorkingDays: z.number().int(),
});

export const oversightMapProperties = z.object({
  id: z.string(),
  status: colocationStatus,
  assetKind: colocationAssetKind,
  ownerOrgName: z.string(),
  requesterOrgName: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
});
export type OversightMapProperties = z.infer<typeof oversightMapProperties>;
/** Pending requests as points (`[lng, lat]`) at their target. */
export const oversightMap = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
      properties: oversightMapProperties,
    }),
  ),
});

export const notificationKind = z.enum([
  'colocation_new',
  'colocation_answer',
  'colocation_update',
  'colocation_deadline',
]);
export type NotificationKind = z.infer<typeof notificationKind>;

export const notification = z.object({
  id: z.string(),
  kind: notificationKind,
  subjectKind: z.literal('colocation_request'),
  subjectId: z.string(),
  title: labels,
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notification>;
/** The user's notifications, newest first, with how many are unread. */
export const notificationList = z.object({ items: z.array(notification), unreadCount: z.number().int() });
/** `POST /notifications/read-all`: how many were marked read. */
export const notificationsMarkedRead = z.object({ updated: z.number().int() });

/** Labels for everything a user sees, Vietnamese and English. */
export const COLOCATION_LABELS = {
  status: {
    submitted: { vi: 'Chờ trả lời', en: 'Awaiting answer' },
    info_requested: { vi: 'Yêu cầu bổ sung thông tin', en: 'Information requested' },
    accepted: { vi: 'Đã chấp thuận', en: 'Accepted' },
    accepted_with_conditions: { vi: 'Chấp thuận có điều kiện', en: 'Accepted with conditions' },
    rejected: { vi: 'Từ chối', en: 'Rejected' },
    withdrawn: { vi: 'Đã rút', en: 'Withdrawn' },
  } satisfies Record<ColocationStatus, Labels>,
  action: {
    'request-info': { vi: 'Yêu cầu bổ sung', en: 'Ask for information' },
    accept: { vi: 'Chấp thuận', en: 'Accept' },
    'accept-with-conditions': { vi: 'Chấp thuận có điều kiện', en: 'Accept with conditions' },
    reject: { vi: 'Từ chối', en: 'Reject' },
    withdraw: { vi: 'Rút yêu cầu', en: 'Withdraw' },
    respond: { vi: 'Gửi bổ sung', en: 'Send information' },
  } satisfies Record<ColocationAction, Labels>,
  assetKind: {
    tower: { vi: 'Trạm BTS / cột ăng-ten', en: 'Tower' },
    pole: { vi: 'Cột treo cáp', en: 'Pole' },
    duct: { vi: 'Cống bể cáp', en: 'Duct' },
  } satisfies Record<ColocationAssetKind, Labels>,
  rejectReason: {
    no_capacity: { vi: 'Không còn dung lượng', en: 'No capacity left' },
    structural_limit: { vi: 'Vượt tải trọng kết cấu', en: 'Structural load limit' },
    reserved_for_own_use: { vi: 'Dành cho nhu cầu của đơn vị', en: 'Reserved for own use' },
    technical_interference: { vi: 'Gây nhiễu kỹ thuật', en: 'Technical interference' },
    incomplete_information: { vi: 'Hồ sơ chưa đầy đủ', en: 'Incomplete information' },
    commercial_terms: { vi: 'Không thống nhất giá thuê', en: 'No agreement on terms' },
    asset_to_be_removed: { vi: 'Công trình sắp dỡ bỏ / di dời', en: 'Asset to be removed or moved' },
    other: { vi: 'Lý do khác', en: 'Other reason' },
  } satisfies Record<ColocationRejectReason, Labels>,
  capacityReason: {
    asset_not_found: { vi: 'Không tìm thấy công trình', en: 'Asset not found' },
    asset_decommissioned: { vi: 'Công trình đã ngừng sử dụng', en: 'Asset decommissioned' },
    own_asset: { vi: 'Công trình của chính đơn vị', en: "The requester's own asset" },
    tenants_full: { vi: 'Đã đủ số đơn vị dùng chung', en: 'No tenant slot free' },
    antenna_slots_full: { vi: 'Không đủ vị trí lắp ăng-ten', en: 'Not enough antenna positions free' },
    mount_height_above_tower: {
      vi: 'Độ cao lắp đặt vượt quá chiều cao cột',
      en: 'Mounting height above the tower',
    },
    pole_full: { vi: 'Cột không còn vị trí treo cáp', en: 'No free attachment on the pole' },
    duct_full: { vi: 'Đoạn cống không đủ ống trống', en: 'Not enough free tubes in a duct segment' },
  } satisfies Record<CapacityReasonCode, Labels>,
  source: {
    map: { vi: 'Từ bản đồ', en: 'From the map' },
    coverage_gap: { vi: 'Từ vùng lõm sóng', en: 'From a coverage gap' },
    route_planner: { vi: 'Từ tuyến cáp đề xuất', en: 'From the route planner' },
  } satisfies Record<z.infer<typeof colocationSource>, Labels>,
  notification: {
    colocation_new: { vi: 'Yêu cầu dùng chung mới', en: 'New co-location request' },
    colocation_answer: { vi: 'Yêu cầu dùng chung đã được trả lời', en: 'Co-location request answered' },
    colocation_update: { vi: 'Yêu cầu dùng chung được cập nhật', en: 'Co-location request updated' },
    colocation_deadline: { vi: 'Sắp hết hạn trả lời yêu cầu dùng chung', en: 'Co-location answer due soon' },
  } satisfies Record<NotificationKind, Labels>,
  box: {
    incoming: { vi: 'Yêu cầu đến', en: 'Incoming' },
    outgoing: { vi: 'Yêu cầu đã gửi', en: 'Outgoing' },
    all: { vi: 'Tất cả', en: 'All' },
  },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
} as const;
