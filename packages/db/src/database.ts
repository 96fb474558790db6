import type { MessagePort } from 'node:worker_threads';
import type { DataDirLock } from './data-dir-lock.js';

/** A connection (or a transaction on one) that runs parameterised SQL. */
export interface Sql {
  /** Runs one statement with `$1…$n` parameters and returns its rows. */
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Like `query`, each row as an array of its columns in order (what drizzle's selects read). */
  queryArrays(text: string, params?: readonly unknown[]): Promise<unknown[][]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
  /**
   * Bulk-loads CSV text into `table (columns)` with COPY … FROM (FORMAT csv): the fast path for
   * seeds and imports. Geometry columns take EWKT (`SRID=4326;POINT(lng lat)`).
   */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
}

export type DatabaseKind = 'pglite' | 'postgres';

/** The application's database: PGlite + PostGIS embedded, or PostgreSQL + PostGIS. */
export interface Database extends Sql {
  readonly kind: DatabaseKind;
  /** Runs `fn` in one transaction: commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Embedded database in a data directory: the lock this process holds on it. */
  readonly lock?: DataDirLock;
  /**
   * How a worker thread reaches this database (attachDatabase there): the server's URL, or a
   * port connected to the embedded database's host thread. Pass `transfer` as the transfer list.
   */
  workerHandle(): Promise<{ handle: DatabaseHandle; transfer: MessagePort[] }>;
  /** Embedded database: its whole data directory as a gzipped tarball (a backup). */
  dumpDataDir?: () => Promise<Blob>;
}

/** A database as a worker thread receives it (see Database.workerHandle). */
export type DatabaseHandle = { kind: 'postgres'; url: string } | { kind: 'pglite'; port: MessagePort };

/**
 * Opens, inside a worker thread, the database a handle names: its own small pool on a server,
 * or a client of the embedded database's host thread. Close it when the worker's work is done.
 */
export async function attachDatabase(handle: DatabaseHandle): Promise<Database> {
  if (handle.kind === 'postgres') {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(handle.url, { maxConnections: 2, idleTimeoutS: 30 });
  }
  const { attachPglite } = await import('./pglite.js');
  return attachPglite(handle.port);
}

export interface OpenDatabaseOptions {
  /** postgres://… — when set, PostgreSQL through postgres-js; otherwise embedded PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `undefined` keeps the database in memory. */
  dataDir?: string | undefined;
  /**
   * What this opener is, for people ("the Hatang server"): written in the data directory's lock,
   * so a second opener's error names it.
   */
  purpose?: string | undefined;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(options.databaseUrl);
  }
  const { openPglite } = await import('./pglite.js');
  return openPglite(options.dataDir, options.purpose);
}
