/**
 * The compute pool (piscina over node:worker_threads): exports, print maps and other heavy
 * encodings run here, never on the request thread, each worker reading the database itself.
 * Bounded: a full pool refuses new work (503 with Retry-After) instead of queueing without end;
 * a task whose client went away is aborted (its worker terminated) instead of finishing for nobody.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Database } from '@hatang/db';
import Piscina from 'piscina';
import { ApiError, RetryLaterError } from '../errors.js';
import type { ComputeKind, ComputeResults, ComputeTask } from './compute-tasks.js';
import type { ComputeOutcome } from './compute-worker.js';
import { fromThreadError } from './thread-errors.js';

const BOOTSTRAP = new URL('./compute-bootstrap.mjs', import.meta.url).href;

export interface ComputeOptions {
  /** Workers at once (default 2: this machine kind has two cores). */
  poolSize: number;
  /** Tasks waiting for a worker before 503 (default 16). */
  queueSize: number;
  /** Heap of one compute worker, MB (default 2048). */
  workerHeapMb: number;
  /** Workers kept alive when idle (the server keeps one warm; tests none). */
  minThreads?: number;
}

export const defaultComputeOptions: ComputeOptions = { poolSize: 2, queueSize: 16, workerHeapMb: 2048 };

/** Seconds a client is told to wait when the pool is full. */
const RETRY_AFTER_S = 5;

export class ComputePool {
  #piscina: Piscina | undefined;
  /** Tasks running or waiting now. */
  #taken = 0;
  #stopped = 0;

  constructor(
    private readonly db: Database,
    readonly options: ComputeOptions = defaultComputeOptions,
  ) {}

  /** Workers start with the first task (creating the pool does no I/O). */
  get #pool(): Piscina {
    this.#piscina ??= new Piscina({
      filename: BOOTSTRAP,
      minThreads: this.options.minThreads ?? 0,
      maxThreads: this.options.poolSize,
      maxQueue: this.options.queueSize,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: this.options.workerHeapMb },
    });
    return this.#piscina;
  }

  /**
   * Runs `task` in a worker; `signal` (the request's) aborts it when the client disconnects.
   * A refusal the task meant (too many features, an unknown layer) is thrown as that ApiError.
   */
  async run<K extends ComputeKind>(
    task: Extract<ComputeTask, { kind: K }>,
    signal?: AbortSignal,
  ): Promise<ComputeResults[K]> {
    const pool = this.#pool;
    if (this.#taken >= this.options.poolSize + this.options.queueSize)
      throw new RetryLaterError(
        503,
        'SERVICE_UNAVAILABLE',
        'The server is busy with other exports; try again in a few seconds',
        RETRY_AFTER_S,
      );
    this.#taken++;
    let outcome: ComputeOutcome;
    const transfer: MessagePort[] = [];
    try {
      const attach = await this.db.workerHandle();
      transfer.push(...attach.transfer);
      outcome = await pool.run(
        { ...task, db: attach.handle },
        { transferList: transfer, ...(signal ? { signal } : {}) },
      );
    } catch (error) {
      for (const port of transfer) port.close();
      // Nobody reads this answer; the worker was terminated mid-task.
      if (signal?.aborted) {
        this.#stopped++;
        throw new ApiError(503, 'SERVICE_UNAVAILABLE', 'The client went away; the work was stopped');
      }
      throw error;
    } finally {
      this.#taken--;
    }
    if (!outcome.ok) throw fromThreadError(outcome.error);
    return outcome.value as ComputeResults[K];
  }

  /**
   * Starts one worker (and its database connection) now, so that the first export or import
   * validation does not wait seconds for a thread to load the code.
   */
  async warm(): Promise<void> {
    await this.run({ kind: 'warm' });
  }

  /** Tasks running or waiting now, and tasks stopped because their client went away. */
  stats(): { taken: number; stopped: number } {
    return { taken: this.#taken, stopped: this.#stopped };
  }

  /** Stops the workers (server shutdown, end of a test file). */
  async close(): Promise<void> {
    await this.#piscina?.destroy();
    this.#piscina = undefined;
  }
}
