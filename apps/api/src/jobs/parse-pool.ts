/**
 * The pool of parse workers (piscina over node:worker_threads). Untrusted files are read there,
 * never on the request thread: each worker's heap is capped (`resourceLimits`), each task has a
 * wall-clock budget after which its worker is terminated (the only way to stop a runaway regular
 * expression or sql.js query), and the number of running and waiting tasks is bounded — a full
 * pool refuses new work (503 with Retry-After) instead of queueing without end.
 */
import { MessageChannel } from 'node:worker_threads';
import { FormatError, LimitError } from '@hatang/geo/formats';
import type { Context } from 'hono';
import Piscina from 'piscina';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import type { ParseTask, TaskFailure, TaskResult, WorkerMessage } from './parse-task.js';
import { parseLimitsOf, type UploadLimits } from './upload-limits.js';

const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url).href;

/** Seconds a client is told to wait when the pool is full. */
export const RETRY_AFTER_S = 10;

/** The pool is full: nothing was started. */
export class PoolBusyError extends Error {
  constructor() {
    super('The server is busy reading other files; try again in a few seconds');
    this.name = 'PoolBusyError';
  }
}

/** The 503 answer for a full pool, with Retry-After on the response. */
export function busyResponse(c: Context<AppEnv>): ApiError {
  c.header('Retry-After', String(RETRY_AFTER_S));
  return new ApiError(503, 'SERVICE_UNAVAILABLE', new PoolBusyError().message);
}

/**
 * Reads a small untrusted text sent in a JSON body (an FTTH CSV, a key-site file) in the pool:
 * 503 with Retry-After when the pool is full, 422 naming the limit (path `[field]`) when the
 * worker runs past its time budget, heap or a parse limit; the task's own answer otherwise.
 */
export async function readInPool<R>(c: Context<AppEnv>, task: TaskInput, field: string): Promise<R> {
  let slot: PoolSlot;
  try {
    slot = c.var.uploads.reserve();
  } catch (error) {
    if (error instanceof PoolBusyError) throw busyResponse(c);
    throw error;
  }
  try {
    return await slot.run<R>(task);
  } catch (error) {
    if (error instanceof LimitError)
      throw new ApiError(422, 'LIMIT_EXCEEDED', error.message, [
        { path: [field], message: `${error.limit} = ${error.value}` },
      ]);
    throw error;
  }
}

type TaskInput = ParseTask extends infer T
  ? T extends ParseTask
    ? Omit<T, 'port' | 'limits'>
    : never
  : never;

/** A place in the pool, taken before the upload is read and given back when its task ends. */
export interface PoolSlot {
  run<R>(task: TaskInput, onMessage?: (message: WorkerMessage) => Promise<void>): Promise<R>;
  /** Gives the place back unused (the upload was refused before parsing). */
  release(): void;
}

function revive(failure: TaskFailure): Error {
  switch (failure.kind) {
    case 'limit':
      return new LimitError(failure.limit, failure.value, failure.message);
    case 'format':
      return new FormatError(failure.code as FormatError['code'], failure.message);
    case 'invalid':
      return new ApiError(400, 'VALIDATION_FAILED', failure.message, [
        { path: ['file'], message: failure.message },
      ]);
  }
}

const isOutOfMemory = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === 'ERR_WORKER_OUT_OF_MEMORY';

export class ParsePool {
  #piscina: Piscina | undefined;
  #taken = 0;

  constructor(readonly limits: UploadLimits) {}

  /** Workers start with the first task (creating the pool does no I/O). */
  get #pool(): Piscina {
    this.#piscina ??= new Piscina({
      filename: BOOTSTRAP,
      minThreads: 0,
      maxThreads: this.limits.poolSize,
      maxQueue: this.limits.queueSize,
      idleTimeout: 30_000,
      // geotiff's `web-worker` dependency reads `workerData.mod` when loaded off the main thread.
      workerData: {},
      resourceLimits: {
        maxOldGenerationSizeMb: this.limits.workerHeapMb,
        maxYoungGenerationSizeMb: Math.max(16, Math.min(64, this.limits.workerHeapMb / 8)),
      },
    });
    return this.#piscina;
  }

  /** Whether a new task would be refused now. */
  isFull(): boolean {
    return this.#taken >= this.limits.poolSize + this.limits.queueSize;
  }

  /** Takes a place or throws PoolBusyError. */
  reserve(): PoolSlot {
    if (this.isFull()) throw new PoolBusyError();
    this.#taken++;
    let held = true;
    const release = () => {
      if (held) this.#taken--;
      held = false;
    };
    return {
      release,
      run: <R>(task: TaskInput, onMessage?: (message: WorkerMessage) => Promise<void>) =>
        this.#run<R>(task, onMessage).finally(release),
    };
  }

  async #run<R>(input: TaskInput, onMessage?: (message: WorkerMessage) => Promise<void>): Promise<R> {
    const budgetMs = this.limits.timeBudgetMs;
    const { port1, port2 } = new MessageChannel();
    const controller = new AbortController();
    // The budget counts the worker's own time: it stops while the main thread handles a chunk
    // (staging rows waits for the database) and starts again when the worker is told to go on.
    let left = budgetMs;
    let since = 0;
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    let handlerError: unknown;
    const startClock = () => {
      since = performance.now();
      timer = setTimeout(
        () => {
          timedOut = true;
          controller.abort();
        },
        Math.max(0, left),
      );
    };
    const stopClock = () => {
      if (timer === undefined) return;
      clearTimeout(timer);
      timer = undefined;
      left -= performance.now() - since;
    };
    let chain = Promise.resolve();
    port1.on('message', (message: WorkerMessage) => {
      if (message.type === 'start') return startClock();
      stopClock();
      chain = chain
        .then(() => onMessage?.(message))
        .then(
          () => {
            if (controller.signal.aborted) return;
            startClock();
            port1.postMessage('ack');
          },
          (error: unknown) => {
            handlerError = error;
            controller.abort();
          },
        );
    });
    const task = { ...input, limits: parseLimitsOf(this.limits), port: port2 } as ParseTask;
    try {
      // An import task's database port goes to the worker too.
      const dbPorts = 'db' in input && input.db.kind === 'pglite' ? [input.db.port] : [];
      const result: TaskResult<R> = await this.#pool.run(task, {
        transferList: [port2, ...dbPorts],
        signal: controller.signal,
      });
      await chain;
      if (handlerError) throw handlerError;
      if (!result.ok) throw revive(result.failure);
      return result.value;
    } catch (error) {
      await chain;
      if (handlerError) throw handlerError;
      if (timedOut)
        throw new LimitError(
          'timeBudgetMs',
          budgetMs,
          `Reading the file took longer than its time budget of ${budgetMs} ms (timeBudgetMs = ${budgetMs}); nothing was imported`,
        );
      if (isOutOfMemory(error))
        throw new LimitError(
          'memoryMb',
          this.limits.workerHeapMb,
          `Reading the file needed more than its memory limit of ${this.limits.workerHeapMb} MB (memoryMb = ${this.limits.workerHeapMb}); nothing was imported`,
        );
      throw error;
    } finally {
      stopClock();
      port1.close();
    }
  }

  /** Stops the workers (server shutdown, end of a test file). */
  async close(): Promise<void> {
    await this.#piscina?.destroy();
    this.#piscina = undefined;
  }
}
