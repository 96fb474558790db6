/**
 * The request thread's side of the analysis worker (analysis-worker.ts): starts the thread with
 * the first piece of work and a handle to the database, keeps the process alive only while work
 * is out, restarts it after a crash (failing the jobs it held), and matches answers to questions.
 */
import { Worker } from 'node:worker_threads';
import {
  FTTH_PROXY_DEFAULTS,
  type FtthProxyParams,
  type IndicatorReport,
  type KeySiteStatusResponse,
  type RoutePlanRequest,
} from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { failJob } from '../../jobs/job-store.js';
import { fromThreadError } from '../../jobs/thread-errors.js';
import type { ReachAnswer } from '../ftth/ftth-proxy.js';
import type { VersionRef } from '../indicators/indicator-service.js';
import type { KeySiteStatusQuery } from '../sites/key-site-status.js';
import type {
  AnalysisAnswers,
  AnalysisMessage,
  AnalysisQuestion,
  AnalysisReply,
  RouteAnswer,
} from './analysis-worker.js';

const BOOTSTRAP = new URL('../../jobs/thread-bootstrap.mjs', import.meta.url);
const ENTRY = new URL('./analysis-worker.ts', import.meta.url).href;

export class AnalysisThread {
  #worker: Promise<Worker> | undefined;
  /** Coverage jobs sent and not yet settled. */
  readonly #jobs = new Set<string>();
  /** Questions asked and not yet answered, by id. */
  readonly #questions = new Map<number, { resolve: (value: unknown) => void; reject: (e: Error) => void }>();
  #nextId = 1;

  constructor(
    private readonly db: Database,
    /** Heap cap of the thread, MB. */
    private readonly heapMb: number,
    /** Fibre to the home's proxy assumptions for indicator reports (HATANG_FTTH_*). */
    private readonly ftth: FtthProxyParams = FTTH_PROXY_DEFAULTS,
  ) {
    register(db, this);
  }

  /** Coverage jobs this instance is running or holding in its queue (for their heartbeat). */
  jobsInFlight(): string[] {
    return [...this.#jobs];
  }

  async runCoverage(message: Extract<AnalysisMessage, { type: 'run' }>): Promise<void> {
    const worker = await this.#thread();
    this.#jobs.add(message.jobId);
    this.#settle(worker);
    worker.postMessage(message);
  }

  /** The indicator report of an area (null: the city) and plan version (null: the register). */
  indicators(area: string | null, version: VersionRef | null): Promise<IndicatorReport> {
    return this.#ask({ kind: 'indicators', area, version, ftth: this.ftth });
  }

  /** People within `reachM` metres of existing fibre, per commune (fibre to the home's proxy). */
  ftthReach(reachM: number): Promise<ReachAnswer> {
    return this.#ask({ kind: 'ftthReach', reachM });
  }

  /** The indicator reports of several areas (null: the city) for one version, in their order. */
  areaIndicators(areas: (string | null)[], version: VersionRef | null): Promise<IndicatorReport[]> {
    return this.#ask({ kind: 'areaIndicators', areas, version });
  }

  /** Each key site's fiber, 4G, 5G and WiFi flags with a summary per category (GET /key-sites/status). */
  keySiteStatus(query: KeySiteStatusQuery): Promise<KeySiteStatusResponse> {
    return this.#ask({ kind: 'keySiteStatus', query });
  }

  /** A cable route through the network as it is now (the graph is built or patched as needed). */
  planRoute(request: RoutePlanRequest): Promise<RouteAnswer> {
    return this.#ask({ kind: 'route', request });
  }

  async #ask<Q extends AnalysisQuestion>(question: Q): Promise<AnalysisAnswers[Q['kind']]> {
    const worker = await this.#thread();
    const id = this.#nextId++;
    const answer = new Promise<unknown>((resolve, reject) => this.#questions.set(id, { resolve, reject }));
    this.#settle(worker);
    worker.postMessage({ type: 'ask', id, question } satisfies AnalysisMessage);
    return answer as Promise<AnalysisAnswers[Q['kind']]>;
  }

  /** A tower write committed: live models follow it (a no-op before the thread has started). */
  towerChanged(before: unknown, after: unknown): void {
    this.#worker?.then(
      (w) => w.postMessage({ type: 'tower', before, after } satisfies AnalysisMessage),
      // A thread that failed to start has no models to update.
      () => {},
    );
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await (await worker?.catch(() => undefined))?.terminate();
  }

  /** An idle thread keeps its models (for the next run) but not the process alive. */
  #settle(worker: Worker) {
    if (this.#jobs.size === 0 && this.#questions.size === 0) worker.unref();
    else worker.ref();
  }

  #thread(): Promise<Worker> {
    if (!this.#worker) {
      const started = this.#start();
      this.#worker = started;
      started.catch(() => {
        if (this.#worker === started) this.#worker = undefined;
      });
    }
    return this.#worker;
  }

  async #start(): Promise<Worker> {
    const { handle, transfer } = await this.db.workerHandle();
    const worker = new Worker(BOOTSTRAP, {
      workerData: { entry: ENTRY, handle },
      transferList: transfer,
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
    });
    worker.on('message', (reply: AnalysisReply) => {
      if (reply.type === 'settled') this.#jobs.delete(reply.jobId);
      else {
        const waiting = this.#questions.get(reply.id);
        this.#questions.delete(reply.id);
        if ('value' in reply) waiting?.resolve(reply.value);
        else
          waiting?.reject(
            'refusal' in reply.error || 'databaseError' in reply.error
              ? fromThreadError(reply.error)
              : new Error(reply.error.message),
          );
      }
      this.#settle(worker);
    });
    // A thread that dies (out of memory, a bug) fails its work; the next piece starts a new one.
    worker.on('exit', (code) => {
      this.#worker = undefined;
      const jobs = [...this.#jobs];
      this.#jobs.clear();
      for (const jobId of jobs)
        failJob(this.db, jobId, 'The coverage computation stopped; start it again').catch(() => {});
      for (const waiting of this.#questions.values())
        waiting.reject(new Error(`The analysis worker stopped (exit ${code})`));
      this.#questions.clear();
      if (jobs.length) console.error(`The analysis worker stopped (exit ${code})`);
    });
    worker.on('error', (error) => console.error('The analysis worker failed:', error.message));
    return worker;
  }
}

const threads = new WeakMap<Database, Set<AnalysisThread>>();

function register(db: Database, thread: AnalysisThread) {
  const set = threads.get(db) ?? new Set<AnalysisThread>();
  threads.set(db, set);
  set.add(thread);
}

/**
 * Call after a tower write commits (`before`/`after`: the stored features, null for create /
 * delete). Every app's live coverage models update only the cells within the tower's radii;
 * finished results stay keyed by the old data version, so the next POST /analysis/coverage
 * recomputes from the updated model in milliseconds.
 */
export function onTowerChanged(db: Database, before: unknown, after: unknown): void {
  for (const thread of threads.get(db) ?? []) thread.towerChanged(before, after);
}

/** Stops the analysis threads of every app on `db` (server shutdown). */
export async function closeAnalysisThreads(db: Database): Promise<void> {
  const set = threads.get(db);
  threads.delete(db);
  await Promise.all([...(set ?? [])].map((t) => t.close()));
}
