/**
 * Contracts of commune violation inspections (issue #9): an inspector records a violation on the
 * map (a point, or a line for a cable span; WGS 84 `[lng, lat]`), links it to an asset or a
 * permit application, attaches photos, and moves it through its status machine.
 */
import { z } from 'zod';
import { uuid } from './common.js';
import {
  type LineStringGeometry,
  lineStringGeometry,
  type PointGeometry,
  pointGeometry,
} from './geometry.js';
import { bboxParam } from './query.js';

export const violationKind = z.enum([
  'unpermitted_tower',
  'tower_differs_from_permit',
  'dangerous_overhead_cable',
  'tangled_overhead_cable',
  'open_or_damaged_manhole',
  'other',
]);
export type ViolationKind = z.infer<typeof violationKind>;

/**
 * reported → notified | escalated; notified → resolved | escalated; escalated → resolved;
 * resolved is final. Escalating straight from reported is for a violation with no known owner to
 * notify (an unpermitted tower) or one too dangerous to wait for the owner.
 */
export const violationStatus = z.enum(['reported', 'notified', 'resolved', 'escalated']);
export type ViolationStatus = z.infer<typeof violationStatus>;

/** The transitions as the API names them (`POST /violations/:id/<action>`). */
export const violationAction = z.enum(['notify', 'resolve', 'escalate']);
export type ViolationAction = z.infer<typeof violationAction>;

/** Where each action leads, and from which statuses it may be taken. */
export const VIOLATION_TRANSITIONS: Record<
  ViolationAction,
  { to: ViolationStatus; from: readonly ViolationStatus[] }
> = {
  notify: { to: 'notified', from: ['reported'] },
  escalate: { to: 'escalated', from: ['reported', 'notified'] },
  resolve: { to: 'resolved', from: ['notified', 'escalated'] },
};

/** The actions allowed from `status`, in the order a user reads them. */
export const violationActionsFrom = (status: ViolationStatus): ViolationAction[] =>
  violationAction.options.filter((a) => VIOLATION_TRANSITIONS[a].from.includes(status));

/** Asset resources a violation may be linked to (telecom assets, by their API path). */
export const violationAssetResource = z.enum([
  'towers',
  'poles',
  'manholes',
  'ducts',
  'trenches-tunnels',
  'cable-routes',
  'wifi-points',
]);
export type ViolationAssetResource = z.infer<typeof violationAssetResource>;

/** A link to the asset a violation concerns. */
export const violationAssetLink = z.strictObject({ resource: violationAssetResource, id: uuid });
export type ViolationAssetLink = z.infer<typeof violationAssetLink>;

/** A Point or a LineString, WGS 84 `[lng, lat]`; problems reported with the paths of the chosen type. */
export const violationGeometry = z.unknown().transform((value, ctx): PointGeometry | LineStringGeometry => {
  const isLine =
    typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'LineString';
  const parsed = (isLine ? lineStringGeometry : pointGeometry).safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    ctx.addIssue({
      code: 'custom',
      path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: isLine ? issue.message : `${issue.message} (a violation is a Point or a LineString)`,
    });
  return z.NEVER;
});

const description = z.string().trim().min(1, 'must not be empty').max(4000);
const note = z.string().trim().max(4000);

/**
 * `POST /api/v1/violations`: a new report (status `reported`). `clientId` is the id a phone gave
 * the report when it queued it offline: sending it again answers the report already stored under
 * it (200) instead of recording a second one; unique within the recording organisation.
 */
export const violationCreate = z.strictObject({
  kind: violationKind,
  description,
  geometry: violationGeometry,
  asset: violationAssetLink.nullable().optional(),
  permitApplicationId: uuid.nullable().optional(),
  clientId: uuid.optional(),
});
export type ViolationCreate = z.infer<typeof violationCreate>;

/** `PATCH /api/v1/violations/:id` (with If-Match): the description, kind or links. */
export const violationPatch = z.strictObject({
  kind: violationKind.optional(),
  description: description.optional(),
  asset: violationAssetLink.nullable().optional(),
  permitApplicationId: uuid.nullable().optional(),
});
export type ViolationPatch = z.infer<typeof violationPatch>;

/** `POST /api/v1/violations/:id/{notify|resolve|escalate}` (with If-Match): what was done or said. */
export const violationTransition = z.strictObject({ note: note.optional() });
export type ViolationTransition = z.infer<typeof violationTransition>;

/** `GET /api/v1/violations?status=&kind=&adminUnitCode=&bbox=&limit=`. */
export const violationListQuery = z.strictObject({
  status: violationStatus.optional(),
  kind: violationKind.optional(),
  adminUnitCode: z
    .string()
    .regex(/^[0-9]{5}$/, 'must be a 5-digit admin unit code')
    .optional(),
  bbox: bboxParam.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});
export type ViolationListQuery = z.infer<typeof violationListQuery>;

/** `[lng, lat]`, degrees. */
const outputPosition = z.tuple([z.number(), z.number()]);
/** A violation's place as the API answers it (what it accepts is {@link violationGeometry}'s). */
export const violationGeometryOutput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: outputPosition }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(outputPosition) }),
]);

/** ISO 8601, UTC. */
const timestamp = z.string();

/** A violation's properties as the API returns them (the Feature's `properties`). */
export const violationProperties = z.object({
  kind: violationKind,
  status: violationStatus,
  description: z.string(),
  /** The commune it lies in (derived from its place); null outside every commune. */
  adminUnitCode: z.string().nullable(),
  permitApplicationId: z.string().nullable(),
  /** The organisation that must put it right: the linked asset's owner or the permit applicant. */
  responsibleOrgId: z.string().nullable(),
  statusNote: z.string().nullable(),
  reportedBy: z.string().nullable(),
  reportedOrgId: z.string().nullable(),
  notifiedAt: timestamp.nullable(),
  resolvedAt: timestamp.nullable(),
  escalatedAt: timestamp.nullable(),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
  asset: z.object({ resource: violationAssetResource, id: z.string() }).nullable(),
});
export type ViolationProperties = z.infer<typeof violationProperties>;

/** A violation as a GeoJSON Feature (geometry WGS 84 `[lng, lat]`). */
export const violationFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: violationGeometryOutput,
  properties: violationProperties,
});
export type ViolationFeature = z.infer<typeof violationFeature>;

/** `GET /api/v1/violations`: newest first; `next` is always null (no paging beyond `limit`). */
export const violationCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(violationFeature),
  next: z.null(),
});
export type ViolationCollection = z.infer<typeof violationCollection>;

type Labels = { vi: string; en: string };

/** What a user reads for the violation codes, in Vietnamese and English. */
export const VIOLATION_LABELS = {
  kind: {
    unpermitted_tower: { vi: 'Trạm BTS không phép', en: 'Unpermitted tower' },
    tower_differs_from_permit: { vi: 'Trạm sai giấy phép', en: 'Tower differs from its permit' },
    dangerous_overhead_cable: { vi: 'Cáp treo nguy hiểm', en: 'Dangerous overhead cable' },
    tangled_overhead_cable: { vi: 'Cáp treo lộn xộn', en: 'Tangled overhead cable' },
    open_or_damaged_manhole: { vi: 'Hố ga mở / hư hỏng', en: 'Open or damaged manhole' },
    other: { vi: 'Vi phạm khác', en: 'Other violation' },
  } satisfies Record<ViolationKind, Labels>,
  status: {
    reported: { vi: 'Đã ghi nhận', en: 'Reported' },
    notified: { vi: 'Đã thông báo', en: 'Notified' },
    resolved: { vi: 'Đã khắc phục', en: 'Resolved' },
    escalated: { vi: 'Chuyển cấp trên', en: 'Escalated' },
  } satisfies Record<ViolationStatus, Labels>,
  action: {
    notify: { vi: 'Thông báo đơn vị', en: 'Notify the owner' },
    resolve: { vi: 'Đánh dấu đã khắc phục', en: 'Mark resolved' },
    escalate: { vi: 'Chuyển cấp trên', en: 'Escalate' },
  } satisfies Record<ViolationAction, Labels>,
  assetResource: {
    towers: { vi: 'Trạm BTS', en: 'Tower' },
    poles: { vi: 'Cột treo cáp', en: 'Pole' },
    manholes: { vi: 'Hố ga', en: 'Manhole' },
    ducts: { vi: 'Cống bể cáp', en: 'Duct' },
    'trenches-tunnels': { vi: 'Hào / tuy-nen kỹ thuật', en: 'Trench / tunnel' },
    'cable-routes': { vi: 'Tuyến cáp', en: 'Cable route' },
    'wifi-points': { vi: 'Điểm WiFi công cộng', en: 'Public WiFi point' },
  } satisfies Record<ViolationAssetResource, Labels>,
} as const;
