/**
 * The coverage analysis endpoints (`/api/v1/analysis`) and what they answer: coverage jobs with
 * their result (city and commune figures, gap polygons, candidate sites) and operators' uploaded
 * coverage polygons. People are counts of the 100 m population grid; percentages 0–100.
 */
import { z } from 'zod';
import { coverageJobStatus, coverageRequest, coverageService, coverageTechnology } from './analysis.js';
import { uuid } from './common.js';
import { adminUnitType, multiPolygonOutput } from './context.js';
import { endpoint } from './endpoint.js';

const count = z.number().int().min(0);
const percent = z.number().min(0).max(100);
const lngLat = z.tuple([z.number(), z.number()]);
export const coverageEnvironment = z.enum(['urban', 'suburban', 'rural']);

/** People counts for one area (a commune or the city). */
export const coverageFigures = z.object({
  populationCount: count,
  /** Covered by at least one counted operator with the chosen service. */
  coveredCount: count,
  coveredPercent: percent,
  uncoveredCount: count,
  /** Covered by exactly one operator with the chosen service (no competition). */
  singleOperatorCount: count,
  any4GCount: count,
  any4GPercent: percent,
  any5GCount: count,
  any5GPercent: percent,
  /** Covered people per operator id and service. */
  byOperator: z.record(z.string(), z.record(coverageService, count)),
});
export type CoverageFigures = z.infer<typeof coverageFigures>;

export const communeCoverage = coverageFigures.extend({
  code: z.string(),
  name: z.string().optional(),
  unitType: adminUnitType,
  environment: coverageEnvironment,
});
export type CommuneCoverage = z.infer<typeof communeCoverage>;

/** A connected area of populated cells no counted operator covers. */
export const gapFeature = z.object({
  type: z.literal('Feature'),
  id: z.number().int(),
  geometry: multiPolygonOutput,
  properties: z.object({
    /** 1 = the most people. */
    rank: z.number().int().min(1),
    populationCount: count,
    cellCount: count,
    areaKm2: z.number(),
    unitCode: z.string(),
    /** Population-weighted centre. */
    centre: lngLat,
    /** `[minLng, minLat, maxLng, maxLat]` of the cell squares. */
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  }),
});
export type GapFeature = z.infer<typeof gapFeature>;

export const coverageGaps = z.object({
  type: z.literal('FeatureCollection'),
  /** The largest gaps, as many as asked for. */
  features: z.array(gapFeature),
  /** All gaps found. */
  gapCount: count,
  /** People in all gaps. */
  populationCount: count,
});
export type CoverageGaps = z.infer<typeof coverageGaps>;

/** Where to add coverage next: an operator joining a tower with room, or a new site. */
export const candidateSite = z.object({
  rank: z.number().int().min(1),
  kind: z.enum(['colocation', 'new']),
  /** The existing tower (colocation only). */
  towerId: z.string().optional(),
  /** The operator that would join (colocation only). */
  operatorId: z.string().optional(),
  /** The commune's site offer the new site stands on (new sites only, when one was preferred). */
  siteOfferId: z.string().optional(),
  position: lngLat,
  unitCode: z.string().nullable(),
  environment: coverageEnvironment,
  radiusM: z.number(),
  /** People this site covers that nothing covered before it (its marginal gain). */
  newlyCoveredCount: count,
  /** The same as a share of the city's population. */
  marginalGainPercent: percent,
  /** City-wide coverage after this site and the ones ranked before it. */
  coveredPercentAfter: percent,
});
export type CandidateSite = z.infer<typeof candidateSite>;

export const candidatePlan = z.object({
  service: coverageService,
  populationCount: count,
  coveredCountBefore: count,
  coveredCountAfter: count,
  targetPercent: percent,
  targetReached: z.boolean(),
  sites: z.array(candidateSite),
});
export type CandidatePlan = z.infer<typeof candidatePlan>;

export const coverageOperator = z.object({ id: z.string(), code: z.string(), name: z.string() });
export type CoverageOperator = z.infer<typeof coverageOperator>;

export const coverageResult = z.object({
  /** Changes with every tower, tenancy, population or coverage polygon write. */
  dataVersion: z.string(),
  technology: coverageService,
  operators: z.array(coverageOperator),
  summary: z.object({ city: coverageFigures, communes: z.array(communeCoverage) }),
  gaps: coverageGaps,
  candidates: candidatePlan,
  /** Milliseconds per step of this run. */
  timings: z.record(z.string(), z.number()),
});
export type CoverageResult = z.infer<typeof coverageResult>;

export const coverageJob = z.object({
  jobId: uuid,
  /** Queued jobs read `running` at progress 0 with the step `queued`. */
  status: coverageJobStatus,
  /** 0..1 */
  progress: z.number().min(0).max(1),
  step: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  result: coverageResult.optional(),
  error: z.string().optional(),
});
export type CoverageJob = z.infer<typeof coverageJob>;

export const coverageJobStarted = z.object({
  jobId: uuid,
  status: coverageJobStatus,
  progress: z.number().min(0).max(1),
  /** The smallest radius the run used, metres, when the caller's radii were raised to it. */
  radiusFloorM: z.number().optional(),
});
export type CoverageJobStarted = z.infer<typeof coverageJobStarted>;

/** An operator's measured coverage for one technology. */
export const coveragePolygonFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: multiPolygonOutput,
  properties: z.object({
    operatorId: z.string(),
    technology: coverageTechnology,
    source: z.string().nullable(),
    uploadedAt: z.string(),
    uploadedBy: z.string().nullable(),
  }),
});
export type CoveragePolygonFeature = z.infer<typeof coveragePolygonFeature>;

const jobTarget = z.object({ jobId: uuid });

export const analysisEndpoints = {
  startCoverage: endpoint({
    method: 'POST',
    path: '/api/v1/analysis/coverage',
    tag: 'analysis',
    summary: 'Start a coverage analysis (or get the job for the same request and data version)',
    body: coverageRequest,
    responses: { 202: { description: 'The job (Location: where to poll it)', schema: coverageJobStarted } },
  }),
  getCoverageJob: endpoint({
    method: 'GET',
    path: '/api/v1/analysis/coverage/:jobId',
    tag: 'analysis',
    summary: "A coverage job's progress, and its result once done (its requester's only)",
    params: jobTarget,
    responses: {
      200: { description: 'The job', schema: coverageJob },
      404: { description: 'No such job of yours' },
    },
  }),
  cancelCoverageJob: endpoint({
    method: 'DELETE',
    path: '/api/v1/analysis/coverage/:jobId',
    tag: 'analysis',
    summary: 'Stop a queued or running coverage job of your own',
    params: jobTarget,
    responses: { 204: { description: 'Cancelled' }, 404: { description: 'No such job of yours' } },
  }),
  listCoveragePolygons: endpoint({
    method: 'GET',
    path: '/api/v1/analysis/coverage-polygons',
    tag: 'coverage-polygons',
    summary: "Operators' uploaded coverage polygons (city staff: all; operators: their own)",
    responses: {
      200: {
        description: 'The polygons',
        schema: z.object({ type: z.literal('FeatureCollection'), features: z.array(coveragePolygonFeature) }),
      },
    },
  }),
  putCoveragePolygon: endpoint({
    method: 'PUT',
    path: '/api/v1/analysis/coverage-polygons/:operatorId/:technology',
    tag: 'coverage-polygons',
    summary:
      "Upload or replace an operator's coverage for one technology: a GeoJSON Polygon, MultiPolygon or Feature (whose properties.source is kept)",
    responses: {
      200: { description: 'Replaced', schema: coveragePolygonFeature },
      201: { description: 'Created', schema: coveragePolygonFeature },
    },
  }),
  deleteCoveragePolygon: endpoint({
    method: 'DELETE',
    path: '/api/v1/analysis/coverage-polygons/:operatorId/:technology',
    tag: 'coverage-polygons',
    summary: "Remove an operator's coverage polygon for one technology",
    responses: { 204: { description: 'Deleted' }, 404: { description: 'No such polygon' } },
  }),
} as const;
