/**
 * What the public page (no sign-in) shows: the approved plan on the map, the communes' indicators
 * against Plan 317's 2030 targets, the overhead cable undergrounding campaign's progress and the
 * plan's task progress. Plan 317 asks the city to publish results
 * (legal: plan-317-2025-kh-ubnd). Only the public tier: no user or organisation ids, no drafts,
 * no per-operator figures, no costs, no obstacle or report texts.
 * Geometry WGS 84 `[lng, lat]`; lengths in kilometres where the key says `Km`; percentages 0–100.
 */
import { z } from 'zod';
import { indicatorTarget } from './indicators.js';
import { planAgency, planTaskStatus } from './plan-tasks.js';
import { planGeometryOutput, planItemKind, planItemStatus, planPhase } from './plans.js';

/** Most items the public plan answer carries (the rest is counted in `itemsTotal`). */
export const PUBLIC_PLAN_ITEM_LIMIT = 5000;

/** A plan item as the public sees it: what, where, which phase and how far; nothing about who. */
export const publicPlanItem = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: planGeometryOutput,
  properties: z.strictObject({
    kind: planItemKind,
    name: z.string().nullable(),
    phase: planPhase.nullable(),
    status: planItemStatus,
  }),
});
export type PublicPlanItem = z.infer<typeof publicPlanItem>;

/** `GET /api/v1/public/plan`: the approved (in-force) version's own items, or `version: null`. */
export const publicPlan = z.strictObject({
  plan: z
    .strictObject({ name: z.string(), horizonYear: z.number().int(), visionYear: z.number().int() })
    .nullable(),
  version: z.strictObject({ name: z.string(), approvedAt: z.string().nullable() }).nullable(),
  /** Items the version adds or changes (its copies of the register are the register's map). */
  items: z.strictObject({ type: z.literal('FeatureCollection'), features: z.array(publicPlanItem) }),
  itemsTotal: z.number().int(),
  /** True when more than {@link PUBLIC_PLAN_ITEM_LIMIT} items exist and only the first are given. */
  truncated: z.boolean(),
  countsByKind: z.record(z.string(), z.number().int()),
});
export type PublicPlan = z.infer<typeof publicPlan>;

/** The indicators the public page measures against Plan 317 (aggregates over every operator). */
export const PUBLIC_INDICATOR_KEYS = [
  'population5gPercent',
  'population4gPercent',
  'keySitesFiberPercent',
  'keySites5gPercent',
  'communeWifiPercent',
  'undergroundCableSharePercent',
  'mainStreetCameraPercent',
] as const;
export const publicIndicatorKey = z.enum(PUBLIC_INDICATOR_KEYS);
export type PublicIndicatorKey = z.infer<typeof publicIndicatorKey>;

/** Values by indicator key; null when the register cannot say (e.g. no key site in the commune). */
const publicValues = z.strictObject(
  Object.fromEntries(PUBLIC_INDICATOR_KEYS.map((k) => [k, z.number().nullable()])) as Record<
    PublicIndicatorKey,
    z.ZodNullable<z.ZodNumber>
  >,
);
export type PublicIndicatorValues = z.infer<typeof publicValues>;

/** `GET /api/v1/public/indicators`: every commune's register figures against the 2030 targets. */
export const publicIndicators = z.strictObject({
  indicators: z.array(
    z.strictObject({
      key: publicIndicatorKey,
      unit: z.enum(['percent']),
      target: indicatorTarget.nullable(),
    }),
  ),
  city: z.strictObject({
    actual: publicValues,
    /** The register plus the approved plan's items at 2030; null without an approved version. */
    planned2030: publicValues.nullable(),
  }),
  communes: z.array(
    z.strictObject({
      code: z.string(),
      name: z.string(),
      unitType: z.string(),
      values: publicValues,
    }),
  ),
});
export type PublicIndicators = z.infer<typeof publicIndicators>;

const campaignFigures = {
  segments: z.number().int(),
  plannedKm: z.number(),
  inProgressKm: z.number(),
  doneKm: z.number(),
  totalKm: z.number(),
  /** doneKm / totalKm, percent; null with nothing in the campaign. */
  donePercent: z.number().nullable(),
};
export const publicCampaignFigures = z.strictObject(campaignFigures);
export type PublicCampaignFigures = z.infer<typeof publicCampaignFigures>;

/** `GET /api/v1/public/undergrounding`: the campaign's kilometres, city-wide, by year and per commune. */
export const publicUndergrounding = z.strictObject({
  totals: publicCampaignFigures,
  years: z.array(z.strictObject({ year: z.number().int(), ...campaignFigures })),
  communes: z.array(z.strictObject({ code: z.string(), name: z.string(), ...campaignFigures })),
});
export type PublicUndergrounding = z.infer<typeof publicUndergrounding>;

const statusCounts = z.strictObject(
  Object.fromEntries(planTaskStatus.options.map((s) => [s, z.number().int()])) as Record<
    z.infer<typeof planTaskStatus>,
    z.ZodNumber
  >,
);
const taskFigures = {
  total: z.number().int(),
  byStatus: statusCounts,
  /** Mean per cent done over the tasks (0–100, one decimal). */
  meanProgressPct: z.number(),
  overdue: z.number().int(),
};

/** `GET /api/v1/public/tasks`: plan 317's tasks by section with their progress. */
export const publicTasks = z.strictObject({
  totals: z.strictObject(taskFigures),
  sections: z.array(
    z.strictObject({
      section: z.string(),
      lead: planAgency,
      ...taskFigures,
      tasks: z.array(
        z.strictObject({
          code: z.string(),
          title: z.strictObject({ vi: z.string(), en: z.string() }),
          lead: planAgency,
          status: planTaskStatus,
          progressPct: z.number(),
          due: z.string(),
          dueIsAssumption: z.boolean(),
          overdue: z.boolean(),
        }),
      ),
    }),
  ),
});
export type PublicTasks = z.infer<typeof publicTasks>;
