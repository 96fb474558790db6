import { z } from 'zod';
import { uuid } from './common.js';

/** What a subscriber gets; '5G' is covered by 5G-sub6 or 5G-mmWave. */
export const coverageService = z.enum(['2G', '3G', '4G', '5G']);
export type CoverageService = z.infer<typeof coverageService>;

/** Technologies of the radius model (a tenancy's '5G' is '5G-sub6'). */
export const coverageTechnology = z.enum(['2G', '3G', '4G', '5G-sub6', '5G-mmWave']);
export type CoverageTechnology = z.infer<typeof coverageTechnology>;

/**
 * The largest serving radius anyone may ask for, metres. The largest default is 6 km (2G, rural);
 * GSM's timing advance stops at 35 km, but over Hai Phong's flat delta a macro site serves well
 * under 15 km. The work of a run grows with the radius squared: 50 km radii (the old limit) held
 * the event loop for seconds; 15 km is 11× less.
 */
export const COVERAGE_MAX_RADIUS_M = 15_000;

/**
 * The smallest serving radius an analysis may use unless the caller is city staff (planner,
 * reviewer, admin), metres. Disks smaller than the urban inter-site distance (500 m in 3GPP's
 * urban macro layout, TR 36.814) separate single sites, so the all-operator total less one's
 * own network outlined which towers rivals equip (60 m radii told a rival's tenancies with 93 %
 * precision and recall). From 500 m up, neighbouring urban sites merge into one covered area.
 */
export const COVERAGE_NON_STAFF_MIN_RADIUS_M = 500;

const radiusM = z
  .number()
  .positive('must be greater than 0 m')
  .max(COVERAGE_MAX_RADIUS_M, `must be at most ${COVERAGE_MAX_RADIUS_M.toLocaleString('en')} m`);
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
  /**
   * Operator organisation ids to count; default: every operator with a tenancy (the all-operator
   * total). Anyone but city staff may give only their own organisation.
   */
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
