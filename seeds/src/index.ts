/**
 * Deterministic Hai Phong demo data: real admin units and population, synthetic streets and
 * passive telecom infrastructure. `seedDemoData` generates everything in memory and loads it
 * with one COPY per table inside one transaction.
 */
import type { Database, Sql } from '@hatang/db';
import { DEFAULT_SEED, generateDemoData } from './generate.js';
import { loadTables, type SeedTable, truncateStatement } from './load.js';

export { DEFAULT_SEED, generateDemoData } from './generate.js';
export { SEED_TABLES, type SeedTable } from './load.js';

export interface SeedOptions {
  onProgress?: (step: string) => void;
  seed?: number;
}

export interface SeedReport {
  seed: number;
  counts: Record<SeedTable, number>;
  generateMs: number;
  loadMs: number;
  /** Total milliseconds (generate + load). */
  ms: number;
}

export async function seedDemoData(db: Database, options: SeedOptions = {}): Promise<SeedReport> {
  const seed = options.seed ?? DEFAULT_SEED;
  const started = performance.now();
  const tables = await generateDemoData({ seed, onProgress: options.onProgress });
  const generated = performance.now();
  await db.transaction((tx) => loadTables(tx, tables, options.onProgress));
  const loaded = performance.now();
  const counts = Object.fromEntries(tables.map((t) => [t.table, t.rowCount])) as Record<SeedTable, number>;
  return {
    seed,
    counts,
    generateMs: Math.round(generated - started),
    loadMs: Math.round(loaded - generated),
    ms: Math.round(loaded - started),
  };
}

/** True when no organisation exists yet (a fresh database that should be seeded). */
export async function isDatabaseEmpty(db: Sql): Promise<boolean> {
  const rows = await db.query<{ present: boolean }>('SELECT EXISTS (SELECT 1 FROM organisations) AS present');
  return rows[0]?.present !== true;
}

/** Removes all seeded data (and anything referencing it) in one statement. */
export async function truncateDemoData(db: Sql): Promise<void> {
  await db.exec(truncateStatement());
}
