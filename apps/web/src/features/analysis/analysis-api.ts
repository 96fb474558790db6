import type {
  CandidatePlan,
  CandidateSite,
  CommuneCoverage,
  CoverageFigures,
  CoverageGaps,
  GapFeature,
} from '@hatang/analysis';
import type { CoverageRequest, CoverageService } from '@hatang/contracts';
import { ApiRequestError, isRecord, sendJson } from '../../lib/api-client';

export type { CandidateSite, CommuneCoverage, CoverageFigures, CoverageService, GapFeature };

export const SERVICES: readonly CoverageService[] = ['2G', '3G', '4G', '5G'];

export interface OperatorInfo {
  id: string;
  code: string;
  name: string;
}

/** What `GET /api/v1/analysis/coverage/:jobId` answers once the job is done. */
export interface CoverageResult {
  /** Changes with every tower, tenancy, population or coverage polygon write. */
  dataVersion: string;
  technology: CoverageService;
  operators: OperatorInfo[];
  summary: { city: CoverageFigures; communes: CommuneCoverage[] };
  gaps: CoverageGaps;
  candidates: CandidatePlan;
  timings: Record<string, number>;
}

export interface CoverageJob {
  jobId: string;
  status: 'running' | 'done' | 'failed';
  /** 0..1 */
  progress: number;
  step: string;
  error?: string;
  result?: CoverageResult;
}

const STATUSES = new Set(['running', 'done', 'failed']);

function expectJob(body: unknown, url: string, withResult: boolean): CoverageJob {
  if (
    !isRecord(body) ||
    typeof body.jobId !== 'string' ||
    typeof body.status !== 'string' ||
    !STATUSES.has(body.status) ||
    typeof body.progress !== 'number'
  ) {
    throw new ApiRequestError(200, 'BAD_RESPONSE', 'the server did not answer a coverage job', url);
  }
  const result = body.result;
  if (
    withResult &&
    body.status === 'done' &&
    (!isRecord(result) || !isRecord(result.summary) || !isRecord(result.gaps) || !isRecord(result.candidates))
  ) {
    throw new ApiRequestError(200, 'BAD_RESPONSE', 'the coverage job has no result', url);
  }
  const job = body as unknown as CoverageJob;
  return typeof job.step === 'string' ? job : { ...job, step: '' };
}

/** Starts a coverage job (or gets the cached one for the same request and data version). */
export async function startCoverage(request: CoverageRequest): Promise<CoverageJob> {
  const url = '/api/v1/analysis/coverage';
  const body = await sendJson('POST', url, request);
  // The POST answers only the job's id and state (also when it is a cached, finished job).
  return expectJob({ step: 'queued', ...(isRecord(body) ? body : {}) }, url, false);
}

export async function fetchCoverageJob(jobId: string, signal?: AbortSignal): Promise<CoverageJob> {
  const url = `/api/v1/analysis/coverage/${encodeURIComponent(jobId)}`;
  return expectJob(await sendJson('GET', url, undefined, { signal }), url, true);
}

/** Stops a queued or running job of one's own (the panel closed, or a newer run replaced it). */
export async function cancelCoverage(jobId: string): Promise<void> {
  await sendJson('DELETE', `/api/v1/analysis/coverage/${encodeURIComponent(jobId)}`);
}
