import { z } from 'zod';
import { uuid } from './common.js';

/** What a subscriber gets; '5G' is covered by 5G-sub6 or 5G-mmWave. */
export const coverageService = z.enum(['2G', '3G', '4G', '5G']);
export type CoverageService = z.infer<typeof coverageService>;

/** Technologies of the radius model (a tenancy's '5G' is '5G-sub6'). */
export const coverageTechnology = z.enum(['2G', '3G', '4G', '5G-sub6', '5G-mmWave']);
export type CoverageTechnology = z.infer<typeof coverageTechnology>;

const radiusM = z.number().positive('must be greater than 0 m').max(50_000, 'must be at most 50,000 m');
const radiusRow = z.strictObject({
  urban: radiusM.optional(),
  suburban: radiusM.optional(),
  rural: radiusM.optional(),
});

/** Serving radii in metres replacing the defaults, per technology and environment. */
export const radiusOverrides = z.strictObject({
  '2G': radiusRow.optional(),
  '3G': radiusRow.optional(),
  '4G': radiusRow.optional(),
  '5G-sub6': radiusRow.optional(),
  '5G-mmWave': radiusRow.optional(),
});
export type RadiusOverridesInput = z.infer<typeof radiusOverrides>;

/** `POST /api/v1/analysis/coverage`. */
export const coverageRequest = z.strictObject({
  technology: coverageService,
  /** Operator organisation ids to count; default: every operator with a tenancy. */
  operators: z.array(uuid).min(1).max(50).optional(),
  radiusOverrides: radiusOverrides.optional(),
  /** Tower statuses that count as on air (default: existing). */
  statuses: z
    .array(z.enum(['existing', 'planned', 'under_construction']))
    .min(1)
    .optional(),
  /** Candidate sites stop at this population share, percent (default 100). */
  targetPercent: z.number().min(0).max(100).optional(),
  /** At most this many candidate sites (default 50). */
  maxSites: z.number().int().min(0).max(500).optional(),
  /** At most this many gap polygons, largest first (default 200). */
  gapLimit: z.number().int().min(1).max(5000).optional(),
});
export type CoverageRequest = z.infer<typeof coverageRequest>;

export const coverageJobStatus = z.enum(['running', 'done', 'failed']);
export type CoverageJobStatus = z.infer<typeof coverageJobStatus>;
