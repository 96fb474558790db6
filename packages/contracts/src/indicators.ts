/**
 * Indicators against the 2030 targets of Plan 317/KH-UBND (target, register, plan version by
 * milestone) and the digital infrastructure index (DII, Decision 885/QĐ-BTTTT): its criteria
 * (legal: plan-317-2025-kh-ubnd; legal: decision-885-2023-qd-btttt, text not read)
 * catalogue (versioned), yearly values and the read-only feed for the city's IOC.
 * Lengths in kilometres where the key says `Km`, percentages 0–100.
 */
import { z } from 'zod';

/** The years a plan version is measured at: a phase's items count from the end of their phase. */
export const MILESTONE_YEARS = [2027, 2030, 2040] as const;
export type MilestoneYear = (typeof MILESTONE_YEARS)[number];

/**
 * The intermediate milestone. Plan 317 sets its targets for 2030 only: the year 2027 and the
 * phases 2026–2027 / 2028–2030 are Hatang's planning assumption (plan items' phases end there),
 * and so is any target for it, which the city sets itself (`/api/v1/interim-targets`).
 */
export const INTERIM_MILESTONE_YEAR = 2027;

/** `?commune=CODE` (a 5-digit admin unit code); absent: city-wide. */
export const indicatorQuery = z.strictObject({
  commune: z
    .string()
    .regex(/^[0-9]{5}$/, 'must be a 5-digit admin unit code')
    .optional(),
});
export type IndicatorQuery = z.infer<typeof indicatorQuery>;

export const indicatorGroup = z.enum([
  'coverage',
  'keySites',
  'wifi',
  'cables',
  'sharing',
  'ducts',
  'landing',
  'dataCentres',
  'cityServices',
  'fiber',
]);
export type IndicatorGroup = z.infer<typeof indicatorGroup>;

export const indicatorUnit = z.enum(['percent', 'km', 'count', 'ratio']);
export type IndicatorUnit = z.infer<typeof indicatorUnit>;

/** A Plan 317 target: a value (or a range) to reach by `year`, with the plan's own words. */
export const indicatorTarget = z.object({
  /** The least value that meets the target. */
  value: z.number(),
  /** For a range (e.g. 2–3 green data centres): the most the plan asks for. */
  max: z.number().optional(),
  year: z.number().int(),
  /** Where the plan says it (section) and what it says, in Vietnamese, and an English gloss. */
  source: z.string(),
  wordingVi: z.string(),
  wordingEn: z.string(),
  /** Always false: the plan's own figure, not an assumption (see `interimTarget`). */
  assumption: z.literal(false),
});
export type IndicatorTarget = z.infer<typeof indicatorTarget>;

/**
 * A target for the intermediate milestone (2027) that the city's planners set: a planning
 * assumption, not in Plan 317's text (`assumption: true`), with who set it (the organisation),
 * when and why. Values in the indicator's unit.
 */
export const interimTarget = z.object({
  key: z.string(),
  year: z.literal(INTERIM_MILESTONE_YEAR),
  value: z.number(),
  /** For a range: the most it asks for. */
  max: z.number().nullable(),
  note: z.string(),
  assumption: z.literal(true),
  /** The organisation that set it (no user names: the indicators are read by every signed-in user). */
  setBy: z.string(),
  setAt: z.string(),
  /** The record's version (its audit history's). */
  version: z.number().int(),
});
export type InterimTarget = z.infer<typeof interimTarget>;

/** `PUT /api/v1/interim-targets/:key`: set (a value) or clear (`value: null`) with the reason. */
export const interimTargetInput = z
  .strictObject({
    value: z.number().finite().min(0, 'must be 0 or more').nullable(),
    max: z.number().finite().nullable().default(null),
    note: z.string().trim().min(3, 'say why (3 characters or more)').max(2000),
  })
  .superRefine((input, ctx) => {
    if (input.max === null) return;
    if (input.value === null)
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'a range needs a value' });
    else if (input.max < input.value)
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'must be at least the value' });
  });
export type InterimTargetInput = z.input<typeof interimTargetInput>;

const milestoneValue = z.number().nullable();

export const indicatorValue = z.object({
  key: z.string(),
  group: indicatorGroup,
  unit: indicatorUnit,
  /** Plan 317's target; null when the plan sets no number for this indicator. */
  target: indicatorTarget.nullable(),
  /** The city's interim target for 2027 (a planning assumption); null when none is set. */
  interimTarget: interimTarget.nullable(),
  /** The register today. null when the register cannot say (e.g. no data-centre layer). */
  actual: z.number().nullable(),
  /** Register + the version's items that are not cancelled, at each milestone; null without a version. */
  planned: z.object({ '2027': milestoneValue, '2030': milestoneValue, '2040': milestoneValue }).nullable(),
  /** For fractions: the numerator and denominator behind `actual` (e.g. people, towers). */
  actualParts: z.object({ part: z.number(), whole: z.number() }).optional(),
  /** Extra facts behind the figure (counts by category, …). */
  breakdown: z.record(z.string(), z.number()).optional(),
});
export type IndicatorValue = z.infer<typeof indicatorValue>;

export const indicatorReport = z.object({
  /** null: city-wide. */
  commune: z.object({ code: z.string(), name: z.string() }).nullable(),
  version: z
    .object({ id: z.string(), name: z.string(), kind: z.string(), version: z.number().int() })
    .nullable(),
  milestones: z.array(z.union(MILESTONE_YEARS.map((y) => z.literal(y)))).readonly(),
  indicators: z.array(indicatorValue),
  /** Indicators left out, and why (e.g. the key sites register is not there). */
  unavailable: z.array(z.object({ key: z.string(), reason: z.string() })),
  computedAt: z.string(),
  /** How long each part took, ms; `cached: true` when the answer came from the cache. */
  timingsMs: z.record(z.string(), z.number()),
  cached: z.boolean(),
});
export type IndicatorReport = z.infer<typeof indicatorReport>;

// ---- DII -------------------------------------------------------------------------------------

const label = z.strictObject({
  vi: z.string().trim().min(1).max(300),
  en: z.string().trim().min(1).max(300),
});
const code = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9._-]{0,31}$/, 'must be 1–32 capitals, digits, dot, dash or underscore');

/** Indicators Hatang can compute a DII criterion from (the register's figure). */
export const diiComputedFrom = z.enum([
  'population5gPercent',
  'population4gPercent',
  'sharedTowerPercent',
  'tenantsPerTower',
  'ductKm',
  'undergroundCableSharePercent',
  'landingStations',
  'wifiPoints',
  'keySitesFiberPercent',
  'keySites5gPercent',
  'communeWifiPercent',
  'greenDataCentres',
  'mainStreetCameraPercent',
]);
export type DiiComputedFrom = z.infer<typeof diiComputedFrom>;

export const diiCriterion = z.strictObject({
  code,
  name: label,
  unit: z.enum(['percent', 'count', 'km', 'mbps', 'mw', 'ratio', 'score', 'yes_no']),
  /** Whether a larger value is better (for the trend arrow). */
  direction: z.enum(['higher', 'lower']).default('higher'),
  /** The value to reach and when (Plan 317 or the Ministry's benchmark), if any. */
  target: z.number().nullable().default(null),
  targetYear: z.number().int().min(2020).max(2100).nullable().default(null),
  /** Hatang computes the value from this indicator; otherwise planners enter it. */
  computedFrom: diiComputedFrom.nullable().default(null),
  note: z.string().max(2000).nullable().default(null),
});
export type DiiCriterion = z.infer<typeof diiCriterion>;

export const diiGroup = z.strictObject({
  code,
  name: label,
  criteria: z.array(diiCriterion).min(1).max(200),
});
export type DiiGroup = z.infer<typeof diiGroup>;

/** A whole catalogue (the body of `POST /api/v1/dii/criteria` and the shape of data/dii-criteria.json). */
export const diiCatalogueInput = z
  .strictObject({
    title: label,
    /** The decision (and revision) the criteria come from. */
    source: z.string().trim().min(1).max(1000),
    notes: z.string().max(4000).nullable().default(null),
    groups: z.array(diiGroup).min(1).max(50),
  })
  .superRefine((catalogue, ctx) => {
    const seen = new Map<string, string>();
    catalogue.groups.forEach((group, g) => {
      if (seen.has(group.code))
        ctx.addIssue({
          code: 'custom',
          path: ['groups', g, 'code'],
          message: `duplicate code ${group.code}`,
        });
      seen.set(group.code, 'group');
      group.criteria.forEach((criterion, k) => {
        if (seen.has(criterion.code))
          ctx.addIssue({
            code: 'custom',
            path: ['groups', g, 'criteria', k, 'code'],
            message: `duplicate code ${criterion.code}`,
          });
        seen.set(criterion.code, 'criterion');
      });
    });
  });
export type DiiCatalogueInput = z.infer<typeof diiCatalogueInput>;

const catalogueRecord = {
  id: z.string(),
  /** 1, 2, …: a revision never overwrites an older one. */
  version: z.number().int(),
  isCurrent: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  title: label,
  source: z.string(),
  notes: z.string().nullable(),
};

/** A stored catalogue version with its criteria (`GET /api/v1/dii/criteria`). */
export const diiCatalogue = z.object({ ...catalogueRecord, groups: z.array(diiGroup) });
export type DiiCatalogue = z.infer<typeof diiCatalogue>;

/** A catalogue version without its criteria (`GET /api/v1/dii/catalogues`). */
export const diiCatalogueSummary = z.object({
  ...catalogueRecord,
  groupCount: z.number().int(),
  criterionCount: z.number().int(),
});
export type DiiCatalogueSummary = z.infer<typeof diiCatalogueSummary>;

export const diiYear = z.number().int().min(2015).max(2100);

/** `POST /api/v1/dii/values`: a planner's values for one year (null removes a value). */
export const diiValuesInput = z.strictObject({
  year: diiYear,
  values: z
    .array(
      z.strictObject({
        criterionCode: code,
        value: z.number().finite().nullable(),
        note: z.string().max(2000).nullable().default(null),
      }),
    )
    .min(1)
    .max(500),
});
export type DiiValuesInput = z.infer<typeof diiValuesInput>;

/** `POST /api/v1/dii/values/compute`: store the values Hatang derives from the register for `year`. */
export const diiComputeInput = z.strictObject({ year: diiYear });

export const diiValuesQuery = z.strictObject({
  year: z.coerce.number().int().min(2015).max(2100).optional(),
});

const diiSource = z.enum(['manual', 'computed']);

export const diiValue = z.object({
  criterionCode: z.string(),
  year: z.number().int(),
  value: z.number(),
  source: diiSource,
  note: z.string().nullable(),
  enteredAt: z.string(),
  enteredBy: z.string().nullable(),
});
export type DiiValue = z.infer<typeof diiValue>;

/** A value as stored: with its id and record version (the audit log's). */
export const storedDiiValue = diiValue.extend({ id: z.string(), version: z.number().int() });
export type StoredDiiValue = z.infer<typeof storedDiiValue>;

/** The values of one year as stored by `POST /api/v1/dii/values` (and `/compute`). */
export const diiValuesOfYear = z.object({ year: z.number().int(), items: z.array(storedDiiValue) });

const yearValue = z.object({ year: z.number().int(), value: z.number() });

export const diiDashboardCriterion = diiCriterion.extend({
  /** Stored values by year, oldest first. */
  values: z.array(yearValue.extend({ source: diiSource })),
  latest: yearValue.nullable(),
  /** Latest minus the year before it; null with fewer than two years. */
  change: z.number().nullable(),
  trend: z.enum(['improving', 'worsening', 'steady']).nullable(),
  /** What Hatang computes from the register now (criteria with `computedFrom`). */
  liveValue: z.number().nullable(),
  /** How the live value is computed and why it may differ from the reported one (indicator-methods.ts). */
  computation: z.object({ method: label, differs: label }).nullable(),
  /** Latest value against the target, percent (capped at 100); null without a target. */
  progressPercent: z.number().nullable(),
});
export type DiiDashboardCriterion = z.infer<typeof diiDashboardCriterion>;

const dashboardCatalogue = z.object({
  id: z.string(),
  version: z.number().int(),
  title: label,
  source: z.string(),
});

export const diiDashboard = z.object({
  catalogue: dashboardCatalogue,
  years: z.array(z.number().int()),
  groups: z.array(z.object({ code: z.string(), name: label, criteria: z.array(diiDashboardCriterion) })),
  computedAt: z.string(),
});
export type DiiDashboard = z.infer<typeof diiDashboard>;

/** The IOC's read-only feed: a flat list of criteria with their yearly values and trend. */
export const diiFeed = z.object({
  feed: z.literal('hatang-dii'),
  feedVersion: z.literal(1),
  generatedAt: z.string(),
  catalogue: dashboardCatalogue,
  years: z.array(z.number().int()),
  criteria: z.array(
    diiDashboardCriterion
      .pick({
        code: true,
        name: true,
        unit: true,
        target: true,
        targetYear: true,
        values: true,
        latest: true,
        trend: true,
        liveValue: true,
        progressPercent: true,
      })
      .extend({ group: z.string() }),
  ),
});
export type DiiFeed = z.infer<typeof diiFeed>;
