/**
 * The passive telecom infrastructure plan (Plan 317/KH-UBND asks the city to issue one to 2030,
 * vision 2040): plans, their versions (baseline snapshot, draft scenarios, approved, superseded),
 * planned items and zones. Geometry is WGS 84 `[lng, lat]`; lengths and heights in metres.
 * legal: plan-317-2025-kh-ubnd
 */
import { z } from 'zod';
import { type Issue, metres, toIssues, uuid } from './common.js';
import { type Geometry, geometryOf } from './geometry.js';

/** baseline: snapshot of the register; draft: editable scenario; approved/superseded: frozen. */
export const planVersionKind = z.enum(['baseline', 'draft', 'approved', 'superseded']);
export type PlanVersionKind = z.infer<typeof planVersionKind>;

/** Only drafts can change; every other kind is a record of what was decided or existed. */
export const isEditableVersionKind = (kind: PlanVersionKind) => kind === 'draft';

export const planItemKind = z.enum([
  'tower_site',
  'tower_area',
  'pole_line_build',
  'pole_line_remove',
  'duct_route',
  'trench',
  'tunnel',
  'undergrounding',
  'landing_station',
  'submarine_corridor',
  'data_centre',
  'wifi_point',
]);
export type PlanItemKind = z.infer<typeof planItemKind>;

/** The geometry each kind of item is drawn with. */
export const PLAN_ITEM_GEOMETRY: Record<PlanItemKind, 'Point' | 'LineString' | 'Polygon'> = {
  tower_site: 'Point',
  tower_area: 'Polygon',
  pole_line_build: 'LineString',
  pole_line_remove: 'LineString',
  duct_route: 'LineString',
  trench: 'LineString',
  tunnel: 'LineString',
  undergrounding: 'LineString',
  landing_station: 'Point',
  submarine_corridor: 'LineString',
  data_centre: 'Point',
  wifi_point: 'Point',
};

/** The plan's phases (Plan 317: 2026–2030 in two steps, then the vision to 2040). */
export const planPhase = z.enum(['2026-2027', '2028-2030', '2031-2040']);
export type PlanPhase = z.infer<typeof planPhase>;

export const planItemStatus = z.enum(['existing', 'planned', 'under_construction', 'completed', 'cancelled']);
export type PlanItemStatus = z.infer<typeof planItemStatus>;

const towerClass = z.enum(['A1', 'A2a', 'A2b', 'A2c']);
const optionalCount = (max: number) => z.number().int('must be a whole number').min(1).max(max).optional();

/** Kind-specific attributes (all optional unless the plan needs them to mean anything). */
export const PLAN_ITEM_ATTRIBUTES = {
  tower_site: z.strictObject({ towerClass: towerClass.optional(), heightM: metres(200).optional() }),
  /** One shared tower planned somewhere inside the polygon: its class and the height it may not exceed. */
  tower_area: z.strictObject({ towerClass, maxHeightM: metres(200), tenantsPlanned: optionalCount(10) }),
  pole_line_build: z.strictObject({ poleCount: optionalCount(10_000) }),
  pole_line_remove: z.strictObject({ poleCount: optionalCount(10_000) }),
  duct_route: z.strictObject({ tubesTotal: optionalCount(96), manholeCount: optionalCount(10_000) }),
  trench: z.strictObject({ widthM: metres(20).optional() }),
  tunnel: z.strictObject({ widthM: metres(20).optional() }),
  undergrounding: z.strictObject({ cableCount: optionalCount(1_000) }),
  landing_station: z.strictObject({ protectionRadiusM: metres(5000).optional() }),
  /** Total width of the protection corridor, centred on the route (metres). */
  submarine_corridor: z.strictObject({ protectionWidthM: metres(10_000), fiberPairs: optionalCount(48) }),
  data_centre: z.strictObject({ isGreen: z.boolean().optional(), powerMw: metres(1000).optional() }),
  wifi_point: z.strictObject({
    siteType: z.enum(['cultural_house', 'commune_centre', 'public_space']).optional(),
  }),
} satisfies Record<PlanItemKind, z.ZodType>;

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** The writable properties of a plan item (`attributes` is checked against its kind). */
export const planItemProperties = z.strictObject({
  kind: planItemKind,
  name: text(200).nullable().default(null),
  phase: planPhase.nullable().default(null),
  status: planItemStatus.default('planned'),
  responsibleOrgId: uuid.nullable().default(null),
  notes: z.string().max(4000).nullable().default(null),
  attributes: z.record(z.string(), z.unknown()).default({}),
});
export type PlanItemProperties = z.infer<typeof planItemProperties>;

/** `[lng, lat]`, degrees. */
const outputPosition = z.tuple([z.number(), z.number()]);
const outputRing = z.array(outputPosition);
/** A geometry as the API answers it (stored 2D, WGS 84); what it accepts is {@link geometryOf}'s. */
export const planGeometryOutput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: outputPosition }),
  z.object({ type: z.literal('LineString'), coordinates: outputRing }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(outputRing) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(outputRing)) }),
]);
const polygonOutput = z.object({ type: z.literal('Polygon'), coordinates: z.array(outputRing) });

/** One problem found by an automatic check; `geometry` shows where (e.g. the overlap). */
export const planCheckResult = z.object({
  check: z.string(),
  severity: z.enum(['warning', 'error']),
  message: z.string(),
  zoneId: z.string().optional(),
  geometry: planGeometryOutput.optional(),
  /** Measured value the message is about, in the unit its name says. */
  distanceM: z.number().optional(),
  areaM2: z.number().optional(),
});
export type PlanCheckResult = z.infer<typeof planCheckResult>;

/**
 * Validates a plan item's geometry and properties together (the geometry type follows the kind)
 * and returns every problem with its JSON path.
 */
export function validatePlanItem(
  geometry: unknown,
  properties: unknown,
): { ok: true; geometry: Geometry; properties: PlanItemProperties } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const parsed = planItemProperties.safeParse(properties);
  if (!parsed.success) issues.push(...toIssues(parsed.error, ['properties']));
  const kind = parsed.success
    ? parsed.data.kind
    : planItemKind.safeParse(propertyOf(properties, 'kind')).data;
  let attributes: Record<string, unknown> | undefined;
  if (kind) {
    const attrs = PLAN_ITEM_ATTRIBUTES[kind].safeParse(propertyOf(properties, 'attributes') ?? {});
    if (attrs.success) attributes = attrs.data;
    else issues.push(...toIssues(attrs.error, ['properties', 'attributes']));
  }
  const geom = kind ? geometryOf(PLAN_ITEM_GEOMETRY[kind]).safeParse(geometry) : undefined;
  if (geom && !geom.success) issues.push(...toIssues(geom.error, ['geometry']));
  if (issues.length > 0 || !parsed.success || !geom?.success || !attributes) {
    return { ok: false, issues };
  }
  return { ok: true, geometry: geom.data, properties: { ...parsed.data, attributes } };
}

function propertyOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

export const planZoneKind = z.enum([
  'restricted',
  'camouflage_required',
  'underground_only',
  'height_limited',
  'heritage',
  'anchorage',
  'shipping_channel',
  'aquaculture',
  'protected_area',
]);
export type PlanZoneKind = z.infer<typeof planZoneKind>;

/** Zones at sea: a submarine cable corridor must keep out of them or be flagged. */
export const SEA_ZONE_KINDS: readonly PlanZoneKind[] = [
  'anchorage',
  'shipping_channel',
  'aquaculture',
  'protected_area',
];

/**
 * A zone drawn by planners. `planVersionId` null = a global zone (facts set by other authorities:
 * anchorages, shipping channels, airport height limits, heritage) that applies to every version;
 * a version id = a zone this version proposes (copied on fork, frozen with the version).
 */
const planZoneFields = {
  kind: planZoneKind,
  name: text(200),
  planVersionId: uuid.nullable().default(null),
  rules: z
    .strictObject({
      /** Height-limited zones: the tallest structure allowed, metres above ground. */
      maxHeightM: metres(500).optional(),
    })
    .default({}),
  notes: z.string().max(4000).nullable().default(null),
};
export const planZoneProperties = z.strictObject(planZoneFields).superRefine((zone, ctx) => {
  if (zone.kind === 'height_limited' && zone.rules.maxHeightM === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['rules', 'maxHeightM'],
      message: 'a height-limited zone needs maxHeightM',
    });
  }
});
export type PlanZoneProperties = z.infer<typeof planZoneProperties>;

export const planCreate = z.strictObject({
  name: text(300),
  horizonYear: z.number().int().min(2025).max(2100).default(2030),
  visionYear: z.number().int().min(2025).max(2100).default(2040),
  description: z.string().max(4000).nullable().default(null),
});

export const planVersionCreate = z.strictObject({
  name: text(200),
  notes: z.string().max(4000).nullable().default(null),
});

export const planVersionPatch = z.strictObject({
  name: text(200).optional(),
  notes: z.string().max(4000).nullable().optional(),
});

// ---------------------------------------------------------------------------------------------
// What the plan routes answer
// ---------------------------------------------------------------------------------------------

/** Times as the API writes them: ISO 8601 in UTC with milliseconds. */
const timestamp = z.string();

/** A version of a plan. `createdBy`/`approvedBy` are null for viewers who are not city staff. */
export const planVersion = z.object({
  id: z.string(),
  planId: z.string(),
  kind: planVersionKind,
  name: z.string(),
  notes: z.string().nullable(),
  parentVersionId: z.string().nullable(),
  createdAt: timestamp,
  createdBy: z.string().nullable(),
  approvedAt: timestamp.nullable(),
  approvedBy: z.string().nullable(),
  supersededAt: timestamp.nullable(),
  updatedAt: timestamp,
  /** Optimistic-concurrency version: send it as If-Match to approve, rename or delete. */
  version: z.number().int(),
  itemCount: z.number().int(),
});
export type PlanVersion = z.infer<typeof planVersion>;

/** `POST …/approve`: the approved version and the versions it superseded. */
export const planVersionApproved = planVersion.extend({ supersededVersionIds: z.array(z.string()) });

/** A plan with the versions the viewer may read (drafts and baselines only for city staff). */
export const planWithVersions = z.object({
  id: z.string(),
  name: z.string(),
  horizonYear: z.number().int(),
  visionYear: z.number().int(),
  description: z.string().nullable(),
  createdAt: timestamp,
  approvedVersionId: z.string().nullable(),
  versions: z.array(planVersion),
});
export type PlanWithVersions = z.infer<typeof planWithVersions>;
export const planList = z.object({ items: z.array(planWithVersions) });

/** A plan item as stored: a GeoJSON Feature (`[lng, lat]` WGS 84). */
export const planItemFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: planGeometryOutput,
  properties: z.object({
    kind: planItemKind,
    name: z.string().nullable(),
    phase: planPhase.nullable(),
    status: planItemStatus,
    responsibleOrgId: z.string().nullable(),
    notes: z.string().nullable(),
    attributes: z.record(z.string(), z.unknown()),
    planVersionId: z.string(),
    /** The same across forks (and the register asset's id in a baseline): how versions compare. */
    originId: z.string(),
    sourceTable: z.string().nullable(),
    sourceId: z.string().nullable(),
    checkResults: z.array(planCheckResult),
    version: z.number().int(),
    createdAt: timestamp,
    updatedAt: timestamp,
  }),
});
export type PlanItemFeature = z.infer<typeof planItemFeature>;
export const planItemCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(planItemFeature),
});

/** A zone as stored: a GeoJSON Feature with a Polygon. */
export const planZoneFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: polygonOutput,
  properties: z.object({
    kind: planZoneKind,
    name: z.string(),
    planVersionId: z.string().nullable(),
    rules: z.object({ maxHeightM: z.number().optional() }),
    notes: z.string().nullable(),
    version: z.number().int(),
    createdAt: timestamp,
    updatedAt: timestamp,
  }),
});
export type PlanZoneFeature = z.infer<typeof planZoneFeature>;
export const planZoneCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(planZoneFeature),
});

/** `GET /plan-zones`: the global zones, and a version's own with `planVersionId`. */
export const planZoneListQuery = z.object({
  planVersionId: z.string().optional().meta({ description: "Also this version's own zones (a UUID)" }),
});
/** `GET /plan-versions/:id/items`: each filter a comma-separated list of values. */
export const planItemListQuery = z.object({
  kind: z.string().optional().meta({ description: 'Comma-separated item kinds' }),
  phase: z.string().optional().meta({ description: 'Comma-separated phases' }),
  status: z.string().optional().meta({ description: 'Comma-separated statuses' }),
  bbox: z.string().optional().meta({ description: 'minLng,minLat,maxLng,maxLat (WGS 84)' }),
});
export const planCompareQuery = z.object({
  base: z.string().optional().meta({ description: 'The version to compare with (required; a UUID)' }),
});

const compareRow = z.object({
  originId: z.string(),
  itemId: z.string(),
  kind: planItemKind,
  name: z.string().nullable(),
  phase: planPhase.nullable(),
  status: planItemStatus,
});
export type CompareRow = z.infer<typeof compareRow> & { fields?: string[] };
export const planChange = z.enum(['added', 'removed', 'changed']);
const versionHead = z.object({ id: z.string(), name: z.string(), kind: planVersionKind, planId: z.string() });

/** What changed from `base` to `target`, items paired by their origin. */
export const planComparison = z.object({
  base: versionHead,
  target: versionHead,
  summary: z.object({
    added: z.number().int(),
    removed: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
  }),
  added: z.array(compareRow),
  removed: z.array(compareRow),
  changed: z.array(
    compareRow.extend({
      fields: z.array(z.string()),
      before: z.record(z.string(), z.unknown()),
      after: z.record(z.string(), z.unknown()),
    }),
  ),
  features: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string(),
        geometry: planGeometryOutput,
        properties: compareRow.extend({ change: planChange, fields: z.array(z.string()).optional() }),
      }),
    ),
  }),
});
export type PlanComparison = z.infer<typeof planComparison>;
