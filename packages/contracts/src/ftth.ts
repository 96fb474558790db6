/**
 * Fibre to the home (issue #17, item 2): what operators report per commune and what Hatang
 * estimates beside it. Plan 317 II.2 asks that "100% người sử dụng có khả năng truy nhập cáp quang
 * với tốc độ 1Gbps trở lên"; a passive register holds no homes, so the figures are the operators'
 * own (homes passed, homes with 1 Gbps, subscriptions), and Hatang's estimate from the population
 * grid and the register's fibre network is a proxy, labelled so wherever it is shown.
 * legal: plan-317-2025-kh-ubnd
 */
import { z } from 'zod';
import { isoDate, uuid } from './common.js';

/** The indicator report's FTTH lines (group `fiber`): two of operators' figures, one proxy. */
export const FTTH_INDICATOR_KEYS = [
  'fiberHomesPassedPercent',
  'fiber1GbpsHomesPercent',
  'fiberHouseholdsInReachProxyPercent',
] as const;
export type FtthIndicatorKey = (typeof FTTH_INDICATOR_KEYS)[number];

/** Most rows one upload takes (114 communes × a few dates fits many times over). */
export const FTTH_MAX_ROWS = 2000;
/** Most characters of an uploaded CSV text (≈ 2,000 rows of 5 columns with room to spare). */
export const FTTH_MAX_CSV_CHARS = 256 * 1024;
/** A bound on one commune's homes: Hai Phong's largest ward holds well under this. */
export const FTTH_MAX_HOMES = 2_000_000;

/**
 * The proxy's parameters, both assumptions (giả định), configurable per server
 * (HATANG_FTTH_HOUSEHOLD_SIZE, HATANG_FTTH_REACH_M) and per request. No source was read for
 * either number: 3.5 people per household and 300 m from a fibre route are Hatang's round
 * defaults, to be replaced by the city's own figures.
 */
export const FTTH_PROXY_DEFAULTS = { householdSize: 3.5, reachM: 300 } as const;

export const ftthProxyParams = z.strictObject({
  /** People per household (an assumption): households = people ÷ this. */
  householdSize: z.number().min(1).max(10),
  /** Metres from an existing fibre route within which a household counts as in reach (an assumption). */
  reachM: z.number().min(0).max(2000),
});
export type FtthProxyParams = z.infer<typeof ftthProxyParams>;

/** One row of an operator's report, as uploaded (JSON) or read from a CSV line. */
export const ftthReportRow = z.strictObject({
  /** The commune's 5-digit code (admin_units.code). */
  adminUnitCode: z.string().regex(/^[0-9]{5}$/, 'must be a 5-digit admin unit code'),
  homesPassed: z.number().int('must be a whole number').min(0).max(FTTH_MAX_HOMES),
  homes1Gbps: z.number().int('must be a whole number').min(0).max(FTTH_MAX_HOMES),
  subscriptions: z.number().int('must be a whole number').min(0).max(FTTH_MAX_HOMES).nullable().optional(),
  /** The date the figures describe (YYYY-MM-DD), not in the future. */
  asOf: isoDate,
});
export type FtthReportRow = z.infer<typeof ftthReportRow>;

/**
 * An upload: JSON rows or a CSV text with the header `adminUnitCode,homesPassed,homes1Gbps,
 * subscriptions,asOf` (subscriptions may be empty or the column absent). All rows are stored in
 * one transaction or none; a rejected upload lists every bad row (`details`: path
 * `['row', n, field]`, n counted from 1 over the data rows).
 */
export const ftthUpload = z
  .strictObject({
    /** The operator the figures are for; an operator's staff may leave it out (their own). */
    orgId: uuid.optional(),
    rows: z.array(z.unknown()).min(1).max(FTTH_MAX_ROWS).optional(),
    csv: z.string().min(1).max(FTTH_MAX_CSV_CHARS).optional(),
  })
  .refine((b) => (b.rows === undefined) !== (b.csv === undefined), {
    message: 'send either `rows` or `csv`, not both',
    path: ['rows'],
  });
export type FtthUpload = z.input<typeof ftthUpload>;

/** A stored row. */
export const ftthReport = z.object({
  id: uuid,
  orgId: uuid,
  orgName: z.string(),
  adminUnitCode: z.string(),
  communeName: z.string(),
  asOf: z.string(),
  homesPassed: z.number(),
  homes1Gbps: z.number(),
  subscriptions: z.number().nullable(),
  updatedAt: z.string(),
  version: z.number(),
});
export type FtthReport = z.infer<typeof ftthReport>;

export const ftthUploadResult = z.object({
  orgId: uuid,
  /** Rows new to the register and rows that replaced figures of the same commune and date. */
  created: z.number(),
  replaced: z.number(),
  reports: z.array(ftthReport),
});
export type FtthUploadResult = z.infer<typeof ftthUploadResult>;

export const ftthReportQuery = z.strictObject({
  /** Staff: one operator's rows; an operator may only name its own organisation. */
  orgId: uuid.optional(),
  adminUnitCode: z
    .string()
    .regex(/^[0-9]{5}$/, 'must be a 5-digit admin unit code')
    .optional(),
});

const optionalNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a number')
    .transform(Number)
    .pipe(z.number().min(min).max(max))
    .optional();

/** `?householdSize=3.5&reachM=300`: override the server's proxy assumptions for this answer. */
export const ftthSummaryQuery = z.strictObject({
  householdSize: optionalNumber(1, 10),
  reachM: optionalNumber(0, 2000),
});

/**
 * One commune's fibre to the home, for the city's staff: the operators' latest figures
 * aggregated without double counting, against households, beside Hatang's proxy.
 *
 * The aggregation rule: two operators may pass the same home, so the homes passed by any operator
 * are at least the largest operator's figure and at most min(sum over operators, households).
 * `homesPassedReported` is that lower bound (the conservative figure); `homesPassedUpper` the upper
 * one. The same holds for 1 Gbps. Subscriptions are summed (a home subscribes to one operator's
 * FTTH as a rule; the sum is bounded by households).
 */
export const ftthCommuneSummary = z.object({
  adminUnitCode: z.string(),
  name: z.string(),
  /** People in the commune's population grid cells. */
  populationCount: z.number(),
  /** populationCount ÷ householdSize, rounded (an assumption's result). */
  households: z.number(),
  /** Operators with a report in the commune (their latest date each). */
  operatorCount: z.number(),
  /** The latest "as of" date among those reports, or null. */
  latestAsOf: z.string().nullable(),
  homesPassedReported: z.number().nullable(),
  homesPassedUpper: z.number().nullable(),
  homes1GbpsReported: z.number().nullable(),
  homes1GbpsUpper: z.number().nullable(),
  subscriptions: z.number().nullable(),
  /** Reported lower bound ÷ households × 100 (capped at 100), or null without reports. */
  homesPassedPercent: z.number().nullable(),
  homes1GbpsPercent: z.number().nullable(),
  /** PROXY: people in grid cells within reachM of an existing fibre route. */
  proxyPopulationInReach: z.number(),
  /** PROXY: proxyPopulationInReach ÷ householdSize, rounded. */
  proxyHouseholdsInReach: z.number(),
  /** PROXY: proxyHouseholdsInReach ÷ households × 100. */
  proxyHouseholdsInReachPercent: z.number(),
});
export type FtthCommuneSummary = z.infer<typeof ftthCommuneSummary>;

export const ftthSummary = z.object({
  /** The assumptions the households and the proxy were computed with. */
  params: ftthProxyParams,
  /** Always true: the proxy is an estimate, not a measurement. */
  proxyIsEstimate: z.literal(true),
  communes: z.array(ftthCommuneSummary),
  city: ftthCommuneSummary.omit({ adminUnitCode: true, name: true }),
  computedAt: z.string(),
});
export type FtthSummary = z.infer<typeof ftthSummary>;
