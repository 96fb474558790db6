import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import type { Database, Sql } from './database.js';

function wrap(pg: PGlite | Transaction): Sql {
  return {
    async query<T>(text: string, params: readonly unknown[] = []) {
      const result = await pg.query<T>(text, params as unknown[]);
      return result.rows;
    },
    async exec(text) {
      await pg.exec(text);
    },
    async copyCsv(table, columns, csv) {
      await pg.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob: new Blob([csv]),
      });
    },
  };
}

/**
 * Opens embedded PostgreSQL (PGlite, WASM) with PostGIS. With `dataDir` the data persists
 * between starts; without it the database lives in memory (tests). A data directory is locked
 * for as long as it is open (see data-dir-lock.ts): a second opener gets DataDirLockedError
 * naming the holder (`purpose` says what this opener is, for that message).
 */
export async function openPglite(dataDir?: string, purpose?: string): Promise<Database> {
  if (!dataDir) return wrapPglite(await PGlite.create({ extensions: { postgis } }));
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir, purpose);
  try {
    // Awaited here, so that a failure while starting releases the lock below.
    return await wrapPglite(await PGlite.create(dataDir, { extensions: { postgis } }), lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** PGlite as a Database; closing it releases the data directory's lock. */
export async function wrapPglite(pg: PGlite, lock?: DataDirLock): Promise<Database> {
  // A runaway statement (or a GEOS problem) must not hang the process forever.
  await pg.exec("SET statement_timeout = '120s'");
  await pg.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  return {
    kind: 'pglite',
    ...(lock ? { lock } : {}),
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    dumpDataDir: () => pg.dumpDataDir('gzip'),
    close: async () => {
      try {
        await pg.close();
      } finally {
        lock?.release();
      }
    },
  };
}
