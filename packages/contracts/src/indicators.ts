/**
 * Indicators against the 2030 targets of Plan 317/KH-UBND (target, register, plan version by
 * milestone) and the digital infrastructure index (DII, Decision 885/QĐ-BTTTT): its criteria
 * catalogue (versioned), yearly values and the read-only feed for the city's IOC.
 * Lengths in kilometres where the key says `Km`, percentages 0–100.
 */
import { z } from 'zod';

/** The years a plan version is measured at: a phase's items count from the end of their phase. */
export const MILESTONE_YEARS = [2027, 2030, 2040] as const;
export type MilestoneYear = (typeof MILESTONE_YEARS)[number];

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
]);
export type IndicatorGroup = z.infer<typeof indicatorGroup>;

export type IndicatorUnit = 'percent' | 'km' | 'count' | 'ratio';

/** A Plan 317 target: a value (or a range) to reach by `year`, with the plan's own words. */
export interface IndicatorTarget {
  /** The least value that meets the target. */
  value: number;
  /** For a range (e.g. 2–3 green data centres): the most the plan asks for. */
  max?: number;
  year: number;
  /** Where the plan says it (section) and what it says, in Vietnamese, and an English gloss. */
  source: string;
  wordingVi: string;
  wordingEn: string;
}

export interface IndicatorValue {
  key: string;
  group: IndicatorGroup;
  unit: IndicatorUnit;
  /** Plan 317's target; null when the plan sets no number for this indicator. */
  target: IndicatorTarget | null;
  /** The register today. null when the register cannot say (e.g. no data-centre layer). */
  actual: number | null;
  /** Register + the version's items that are not cancelled, at each milestone; null without a version. */
  planned: Record<`${MilestoneYear}`, number | null> | null;
  /** For fractions: the numerator and denominator behind `actual` (e.g. people, towers). */
  actualParts?: { part: number; whole: number };
  /** Extra facts behind the figure (counts by category, …). */
  breakdown?: Record<string, number>;
}

export interface IndicatorReport {
  /** null: city-wide. */
  commune: { code: string; name: string } | null;
  version: { id: string; name: string; kind: string; version: number } | null;
  milestones: readonly MilestoneYear[];
  indicators: IndicatorValue[];
  /** Indicators left out, and why (e.g. the key sites register is not there). */
  unavailable: { key: string; reason: string }[];
  computedAt: string;
  /** How long each part took, ms; `cached: true` when the answer came from the cache. */
  timingsMs: Record<string, number>;
  cached: boolean;
}

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

export interface DiiCatalogue extends DiiCatalogueInput {
  id: string;
  /** 1, 2, …: a revision never overwrites an older one. */
  version: number;
  isCurrent: boolean;
  createdAt: string;
  createdBy: string | null;
}

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

export interface DiiValue {
  criterionCode: string;
  year: number;
  value: number;
  source: 'manual' | 'computed';
  note: string | null;
  enteredAt: string;
  enteredBy: string | null;
}

export interface DiiDashboardCriterion extends DiiCriterion {
  /** Stored values by year, oldest first. */
  values: { year: number; value: number; source: 'manual' | 'computed' }[];
  latest: { year: number; value: number } | null;
  /** Latest minus the year before it; null with fewer than two years. */
  change: number | null;
  trend: 'improving' | 'worsening' | 'steady' | null;
  /** What Hatang computes from the register now (criteria with `computedFrom`). */
  liveValue: number | null;
  /** Latest value against the target, percent (capped at 100); null without a target. */
  progressPercent: number | null;
}

export interface DiiDashboard {
  catalogue: { id: string; version: number; title: { vi: string; en: string }; source: string };
  years: number[];
  groups: { code: string; name: { vi: string; en: string }; criteria: DiiDashboardCriterion[] }[];
  computedAt: string;
}
