import { type Database, migrate, openDatabase } from '@hatang/db';

/**
 * The database the test suite runs on: in-memory PGlite + PostGIS by default, or the server
 * PostGIS at `DATABASE_URL` (wiped and migrated once per run). One instance per vitest worker,
 * shared by every file that worker runs (vitest `isolate: false`), because PGlite takes ~10 s
 * and ~1.3 GB to start. Tests must therefore not assume an empty table: use unique codes.
 */
let shared: Promise<Database> | undefined;

export function testDatabase(): Promise<Database> {
  shared ??= open();
  return shared;
}

async function open(): Promise<Database> {
  const databaseUrl = process.env.DATABASE_URL;
  const db = await openDatabase({ databaseUrl });
  if (db.kind === 'postgres') await resetServerSchema(db);
  await migrate(db);
  return db;
}

/** Several vitest workers share one server database: only the first to take the lock wipes it. */
async function resetServerSchema(db: Database): Promise<void> {
  const workerId = process.env.VITEST_POOL_ID ?? '1';
  if (workerId !== '1') {
    // Wait until worker 1 has reset and migrated.
    for (let i = 0; i < 600; i++) {
      const rows = await db.query<{ ok: boolean }>(
        "SELECT to_regclass('public.towers') IS NOT NULL AS ok",
      );
      if (rows[0]?.ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    return;
  }
  await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; CREATE EXTENSION IF NOT EXISTS postgis');
}
