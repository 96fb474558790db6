/**
 * The passive telecom infrastructure plan (Plan 317/KH-UBND asks the city to issue one to 2030,
 * vision 2040): plans, their versions (baseline snapshot, draft scenarios, approved, superseded),
 * planned items and zones. Geometry is WGS 84 `[lng, lat]`; lengths and heights in metres.
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

/** One problem found by an automatic check; `geometry` shows where (e.g. the overlap). */
export interface PlanCheckResult {
  check: string;
  severity: 'warning' | 'error';
  message: string;
  zoneId?: string;
  geometry?: Geometry;
  /** Measured value the message is about, in the unit its name says. */
  distanceM?: number;
  areaM2?: number;
}

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
export const planZoneProperties = z
  .strictObject({
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
  })
  .superRefine((zone, ctx) => {
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
