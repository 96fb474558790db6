/**
 * Coverage jobs as the request thread sees them: a POST becomes a row of `jobs` (or finds a
 * finished one for the same request and data), the analysis worker thread computes it and writes
 * its progress and result there, and a GET reads the row — from any API instance, for the job's
 * owner only. Queued and running jobs are bounded per user and overall (429 with Retry-After).
 * Tower edits reach the worker's live models through onTowerChanged (analysis-thread.ts).
 */
import type { CoverageJobStatus, CoverageRequest } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { RetryLaterError } from '../../errors.js';
import { defaultHeavyWork, type HeavyWorkOptions } from '../../http/admission.js';
import {
  activeJobs,
  beatJobs,
  cancelJob,
  createJob,
  failJob,
  type JobRecord,
  pruneJobs,
  readJob,
  reusableJob,
} from '../../jobs/job-store.js';
import type { AnalysisThread } from './analysis-thread.js';
import { readDataVersion, versionKey } from './coverage-data.js';
import type { CoverageResult } from './coverage-engine.js';
import { requestKey } from './coverage-engine.js';

export type { CoverageResult } from './coverage-engine.js';

/** A coverage job as the API answers it. */
export interface CoverageJob {
  jobId: string;
  /** Queued jobs read `running` at progress 0 with the step `queued`. */
  status: CoverageJobStatus;
  /** 0..1 */
  progress: number;
  step: string;
  startedAt: string;
  finishedAt?: string;
  result?: CoverageResult;
  error?: string;
}

/** Heap cap of the analysis worker thread, MB (a city model needs ~1 GB). */
export const DEFAULT_ANALYSIS_HEAP_MB = 4096;
/** How often this instance tells the database its jobs are alive, ms. */
const HEARTBEAT_MS = 15_000;
const PRUNE_EVERY_MS = 3_600_000;

function viewOf(job: JobRecord): CoverageJob {
  const status: CoverageJobStatus =
    job.lost || job.status === 'cancelled' || job.status === 'failed'
      ? 'failed'
      : job.status === 'done'
        ? 'done'
        : 'running';
  const error = job.lost ? 'The server running this analysis stopped; start it again' : job.error;
  return {
    jobId: job.id,
    status,
    progress: job.progress,
    step: job.status === 'queued' ? 'queued' : job.step,
    startedAt: job.startedAt ?? job.createdAt,
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    ...(status === 'done' ? { result: job.result as CoverageResult } : {}),
    ...(status === 'failed' && error ? { error } : {}),
  };
}

export class CoverageService {
  #heartbeat: NodeJS.Timeout | undefined;
  #prunedAt = 0;

  constructor(
    private readonly db: Database,
    private readonly thread: AnalysisThread,
    private readonly options: HeavyWorkOptions = defaultHeavyWork,
  ) {}

  /** Starts (or finds the finished or running) job for `request`, owned by `ownerUserId`. */
  async start(request: CoverageRequest, ownerUserId: string): Promise<CoverageJob> {
    // Finished jobs are kept a day for reuse; the table is swept at most once an hour.
    if (Date.now() - this.#prunedAt > PRUNE_EVERY_MS) {
      this.#prunedAt = Date.now();
      await pruneJobs(this.db);
    }
    const version = await readDataVersion(this.db);
    const key = `${requestKey(request)}#${versionKey(version)}`;
    const reused = await reusableJob(this.db, 'coverage', key, ownerUserId);
    if (reused) return viewOf(reused);
    const active = await activeJobs(this.db, 'coverage', ownerUserId);
    if (active.own >= this.options.perClient || active.all >= this.options.overall) {
      throw new RetryLaterError(
        429,
        'TOO_MANY_JOBS',
        active.own >= this.options.perClient
          ? `You already have ${active.own} coverage analyses queued or running (at most ${this.options.perClient}): wait for one to finish`
          : `The server has ${active.all} coverage analyses queued or running (at most ${this.options.overall}): try again shortly`,
        this.options.retryAfterS,
      );
    }
    const jobId = crypto.randomUUID();
    await createJob(this.db, { id: jobId, kind: 'coverage', ownerUserId, request, requestKey: key });
    await this.thread.runCoverage({ type: 'run', jobId, request }).catch(async (error: unknown) => {
      await failJob(this.db, jobId, 'The analysis worker could not start; try again');
      throw error;
    });
    // This instance tells the database, while it holds jobs, that they are alive.
    this.#heartbeat ??= setInterval(() => {
      beatJobs(this.db, this.thread.jobsInFlight()).catch(() => {});
    }, HEARTBEAT_MS).unref();
    const job = await readJob(this.db, jobId, ownerUserId);
    if (!job) throw new Error('the job just created is missing');
    return viewOf(job);
  }

  /** The job for its owner; undefined for anyone else, as for a job that does not exist. */
  async get(jobId: string, ownerUserId: string): Promise<CoverageJob | undefined> {
    const job = await readJob(this.db, jobId, ownerUserId);
    return job ? viewOf(job) : undefined;
  }

  /** The owner cancels a queued or running job; false when there was none to cancel. */
  cancel(jobId: string, ownerUserId: string): Promise<boolean> {
    return cancelJob(this.db, jobId, ownerUserId);
  }
}
