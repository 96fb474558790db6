import { mkdirSync } from 'node:fs';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import type { Database, DatabaseHandle, Sql } from './database.js';

/** What the host thread (pglite-host.mjs) is asked to do. */
type Request =
  | { op: 'query'; tx?: number; text: string; params: readonly unknown[]; arrays?: boolean }
  | { op: 'exec'; tx?: number; text: string }
  | { op: 'copy'; tx?: number; table: string; columns: readonly string[]; csv: string }
  | { op: 'begin' }
  | { op: 'commit' | 'rollback'; tx: number }
  | { op: 'dump'; compression: 'gzip' | 'none' }
  | { op: 'connect'; port: MessagePort }
  | { op: 'close' };

type Reply = { id: number; result: unknown } | { id: number; error: Record<string, unknown> };

/** A database error as the host sent it: the message and PostgreSQL's fields (code, detail, …). */
function toError(fields: Record<string, unknown>): Error {
  const error = new Error(String(fields.message ?? 'Embedded database error'));
  const { message: _message, stack: _stack, ...rest } = fields;
  return Object.assign(error, rest);
}

/**
 * Opens embedded PostgreSQL (PGlite, WASM) with PostGIS in its own worker thread, so that its
 * statements never block this thread's event loop. With `dataDir` the data persists between
 * starts; without it the database lives in memory (tests). A data directory is locked for as
 * long as it is open (see data-dir-lock.ts): a second opener gets DataDirLockedError naming the
 * holder (`purpose` says what this opener is, for that message).
 */
export async function openPglite(dataDir?: string, purpose?: string): Promise<Database> {
  if (!dataDir) return startHost(undefined);
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir, purpose);
  try {
    // Awaited here, so that a failure while starting releases the lock below.
    return await startHost(dataDir, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** Where requests go: the host thread itself, or a MessagePort connected to it. */
interface Endpoint {
  postMessage(message: unknown, transfer?: readonly MessagePort[]): void;
  on(event: 'message', listener: (reply: Reply) => void): void;
  ref(): void;
  unref(): void;
}

/**
 * The message client of a host: statements, transactions and COPY as messages, answered by id.
 * The endpoint keeps its thread alive only while something waits on it (a script that awaits a
 * query must not exit early; an idle process must not hang on an open database).
 */
function clientOf(endpoint: Endpoint, expectReady: boolean) {
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let stopped: Error | undefined;
  let openTransactions = 0;
  const settle = () => (waiting.size === 0 && openTransactions === 0 ? endpoint.unref() : endpoint.ref());

  // The host says `ready` (id 0) once PGlite has opened; a connected port needs no such word.
  const ready = expectReady
    ? new Promise<void>((resolve, reject) => {
        waiting.set(0, { resolve: () => resolve(), reject });
      })
    : Promise.resolve();
  endpoint.on('message', (reply: Reply) => {
    const entry = waiting.get(reply.id);
    if (!entry) return;
    waiting.delete(reply.id);
    if ('error' in reply) entry.reject(toError(reply.error));
    else entry.resolve(reply.result);
    settle();
  });
  const fail = (error: Error) => {
    stopped = error;
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
  };

  function call(request: Request): Promise<unknown> {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      settle();
      const transfer = request.op === 'connect' ? [request.port] : [];
      endpoint.postMessage({ id, ...request }, transfer);
    });
  }

  const sql = (tx?: number): Sql => ({
    async query<T>(text: string, params: readonly unknown[] = []) {
      return (await call({ op: 'query', tx, text, params })) as T[];
    },
    async queryArrays(text: string, params: readonly unknown[] = []) {
      return (await call({ op: 'query', tx, text, params, arrays: true })) as unknown[][];
    },
    async exec(text) {
      await call({ op: 'exec', tx, text });
    },
    async copyCsv(table, columns, csv) {
      await call({ op: 'copy', tx, table, columns, csv });
    },
  });

  async function transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const tx = (await call({ op: 'begin' })) as number;
    openTransactions++;
    try {
      const result = await fn(sql(tx));
      await call({ op: 'commit', tx });
      return result;
    } catch (error) {
      // The rollback's own failure (a stopped database) must not hide why the work failed.
      await call({ op: 'rollback', tx }).catch(() => {});
      throw error;
    } finally {
      openTransactions--;
      settle();
    }
  }

  /** A port to the host for another worker thread (Database.workerHandle). */
  async function workerHandle(): Promise<{ handle: DatabaseHandle; transfer: MessagePort[] }> {
    const { port1, port2 } = new MessageChannel();
    await call({ op: 'connect', port: port2 });
    return { handle: { kind: 'pglite', port: port1 }, transfer: [port1] };
  }

  return {
    ready,
    call,
    workerHandle,
    fail,
    settle,
    sql,
    transaction,
    isStopped: () => stopped !== undefined,
  };
}

/** Starts the host thread on `dataDir` and answers for it; closing releases the directory's lock. */
async function startHost(dataDir: string | undefined, lock?: DataDirLock): Promise<Database> {
  const worker = new Worker(new URL('./pglite-host.mjs', import.meta.url), { workerData: { dataDir } });
  const client = clientOf(worker, true);
  worker.on('error', (error) => client.fail(new Error(`The embedded database stopped: ${error.message}`)));
  worker.on('exit', (code) => client.fail(new Error(`The embedded database stopped (exit ${code})`)));

  // A database that fails to open leaves no thread behind.
  await client.ready.catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  client.settle();
  return {
    kind: 'pglite',
    ...(lock ? { lock } : {}),
    ...client.sql(),
    transaction: client.transaction,
    workerHandle: client.workerHandle,
    async dumpDataDir() {
      return new Blob([(await client.call({ op: 'dump', compression: 'gzip' })) as Uint8Array<ArrayBuffer>]);
    },
    async close() {
      try {
        if (client.isStopped()) return;
        await client.call({ op: 'close' });
        await worker.terminate();
      } finally {
        lock?.release();
      }
    },
  };
}

/**
 * The embedded database as seen from another worker thread, through a port its owner connected
 * to the host (Database.workerHandle). Closing closes only this port; the host rolls back any
 * transaction the port left open.
 */
export function attachPglite(port: MessagePort): Database {
  const client = clientOf(port, false);
  port.on('close', () => client.fail(new Error('The embedded database connection closed')));
  client.settle();
  return {
    kind: 'pglite',
    ...client.sql(),
    transaction: client.transaction,
    workerHandle: client.workerHandle,
    async close() {
      port.close();
    },
  };
}
