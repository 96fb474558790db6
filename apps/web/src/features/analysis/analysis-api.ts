import {
  analysisEndpoints,
  type CandidateSite,
  type CommuneCoverage,
  type CoverageFigures,
  type CoverageJob,
  type CoverageOperator,
  type CoverageRequest,
  type CoverageResult,
  type CoverageService,
  type GapFeature,
} from '@hatang/contracts';
import { callEndpoint } from '../../lib/endpoint-client';

export type {
  CandidateSite,
  CommuneCoverage,
  CoverageFigures,
  CoverageJob,
  CoverageResult,
  CoverageService,
  GapFeature,
};
/** An operator counted in a run. */
export type OperatorInfo = CoverageOperator;

export const SERVICES: readonly CoverageService[] = ['2G', '3G', '4G', '5G'];

/** Starts a coverage job (or gets the cached one for the same request and data version). */
export async function startCoverage(request: CoverageRequest): Promise<CoverageJob> {
  const started = await callEndpoint(analysisEndpoints.startCoverage, { body: request });
  // The POST answers only the job's id and state (also when it is a cached, finished job).
  return { step: 'queued', startedAt: new Date().toISOString(), ...started };
}

export const fetchCoverageJob = (jobId: string, signal?: AbortSignal): Promise<CoverageJob> =>
  callEndpoint(analysisEndpoints.getCoverageJob, { params: { jobId } }, { signal });

/** Stops a queued or running job of one's own (the panel closed, or a newer run replaced it). */
export async function cancelCoverage(jobId: string): Promise<void> {
  await callEndpoint(analysisEndpoints.cancelCoverageJob, { params: { jobId } });
}
