/**
 * Coverage jobs as the request thread sees them: a POST becomes a row of `jobs` (or finds a
 * finished one for the same request and data), the analysis worker thread computes it and writes
 * its progress and result there, and a GET reads the row — from any API instance, for the job's
 * owner only. Queued and running jobs are bounded per user and overall (429 with Retry-After).
 */
import { Worker } from 'node:worker_threads';
import type { CoverageJobStatus, CoverageRequest } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { RetryLaterError } from '../errors.js';
import { defaultHeavyWork, type HeavyWorkOptions } from '../http/admission.js';
import {
  activeJobs,
  beatJobs,
  cancelJob,
  createJob,
  failJob,
  type JobRecord,
  readJob,
  reusableJob,
} from '../jobs/job-store.js';
import { readDataVersion, versionKey } from './coverage-data.js';
import type { CoverageResult } from './coverage-engine.js';
import { requestKey } from './coverage-engine.js';
import type { AnalysisMessage, AnalysisReply } from './coverage-worker.js';

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

export interface CoverageServiceOptions extends HeavyWorkOptions {
  /** Heap cap of the analysis worker thread, MB (a city model needs ~1 GB). */
  workerHeapMb: number;
}

export const defaultCoverageOptions: CoverageServiceOptions = { ...defaultHeavyWork, workerHeapMb: 4096 };

const BOOTSTRAP = new URL('../jobs/thread-bootstrap.mjs', import.meta.url);
const WORKER = new URL('./coverage-worker.ts', import.meta.url).href;
/** How often this instance tells the database its jobs are alive, ms. */
const HEARTBEAT_MS = 15_000;

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
  #worker: Worker | undefined;
  readonly #inFlight = new Set<string>();
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    private readonly options: CoverageServiceOptions = defaultCoverageOptions,
  ) {}

  /** Starts (or finds the finished or running) job for `request`, owned by `ownerUserId`. */
  async start(request: CoverageRequest, ownerUserId: string): Promise<CoverageJob> {
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
    await this.#dispatch({ type: 'run', jobId, request });
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

  /** Forwards a committed tower write to the worker's live models (a no-op before any job). */
  towerChanged(before: unknown, after: unknown): void {
    this.#worker?.postMessage({ type: 'tower', before, after } satisfies AnalysisMessage);
  }

  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
    await this.#worker?.terminate();
    this.#worker = undefined;
  }

  async #dispatch(message: Extract<AnalysisMessage, { type: 'run' }>) {
    const worker = this.#worker ?? (await this.#startWorker());
    this.#inFlight.add(message.jobId);
    worker.ref();
    this.#heartbeat ??= setInterval(() => {
      beatJobs(this.db, [...this.#inFlight]).catch(() => {});
    }, HEARTBEAT_MS).unref();
    worker.postMessage(message);
  }

  async #startWorker(): Promise<Worker> {
    const { handle, transfer } = await this.db.workerHandle();
    const worker = new Worker(BOOTSTRAP, {
      workerData: { entry: WORKER, handle },
      transferList: transfer,
      resourceLimits: { maxOldGenerationSizeMb: this.options.workerHeapMb },
    });
    worker.on('message', (reply: AnalysisReply) => {
      this.#inFlight.delete(reply.jobId);
      // An idle worker keeps its models (for the next run) but not the process alive.
      if (this.#inFlight.size === 0) worker.unref();
    });
    // A worker that dies (out of memory, a bug) fails its jobs; the next job starts a new one.
    worker.on('exit', (code) => {
      if (this.#worker === worker) this.#worker = undefined;
      const lost = [...this.#inFlight];
      this.#inFlight.clear();
      for (const jobId of lost)
        failJob(this.db, jobId, 'The coverage computation stopped; start it again').catch(() => {});
      if (code !== 1 || lost.length) console.error(`The analysis worker stopped (exit ${code})`);
    });
    worker.on('error', (error) => console.error('The analysis worker failed:', error.message));
    this.#worker = worker;
    return worker;
  }
}

const services = new WeakMap<Database, Set<CoverageService>>();

/**
 * A coverage service for the routes of one app. Each app has its own (as each API instance
 * would); they share the jobs through the database, and each hears tower writes (onTowerChanged).
 */
export function createCoverageService(db: Database, options?: CoverageServiceOptions): CoverageService {
  const service = new CoverageService(db, options);
  const set = services.get(db) ?? new Set<CoverageService>();
  services.set(db, set);
  set.add(service);
  return service;
}

/** Stops the analysis workers of every app on `db` (server shutdown). */
export async function closeCoverageServices(db: Database): Promise<void> {
  const set = services.get(db);
  services.delete(db);
  await Promise.all([...(set ?? [])].map((s) => s.close()));
}

/**
 * Call after a tower write commits (`before`/`after`: the stored features, null for create /
 * delete). Live coverage models update only the cells within the tower's radii; finished results
 * stay keyed by the old data version, so the next POST /analysis/coverage recomputes from the
 * updated model in milliseconds.
 */
export function onTowerChanged(db: Database, before: unknown, after: unknown): void {
  for (const service of services.get(db) ?? []) service.towerChanged(before, after);
}
