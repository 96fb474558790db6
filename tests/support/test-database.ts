import { type Database, migrate, openDatabase } from '@hatang/db';

/**
 * The database the test suite runs on: in-memory PGlite + PostGIS by default, or the server
 * PostGIS at `DATABASE_URL` (wiped and migrated once per run by global-setup.ts). One instance
 * per vitest worker, shared by every file that worker runs (vitest `isolate: false`), because
 * PGlite takes ~10 s and ~1.3 GB to start. Tests must not assume an empty table: use unique codes.
 */
let shared: Promise<Database> | undefined;

export function testDatabase(): Promise<Database> {
  shared ??= open();
  return shared;
}

async function open(): Promise<Database> {
  const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
  await migrate(db);
  return db;
}
