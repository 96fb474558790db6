import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
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
 * between starts; without it the database lives in memory (tests).
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir, { extensions: { postgis } });
  // A runaway statement (or a GEOS problem) must not hang the process forever.
  await pg.exec("SET statement_timeout = '120s'");
  await pg.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  return {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
