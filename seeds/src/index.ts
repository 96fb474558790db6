/**
 * Deterministic Hai Phong demo data: real admin units and population, synthetic streets and
 * passive telecom infrastructure. `seedDemoData` generates everything in memory and loads it
 * with one COPY per table inside one transaction.
 */
import { type Database, orm, type Sql } from '@hatang/db';
import { organisations, users } from '@hatang/db/schema';
import { eq } from 'drizzle-orm';
import { type DemoAccount, hashDemoAccounts, loadDemoAccounts } from './accounts.js';
import { DEFAULT_SEED, generateDemoData } from './generate.js';
import { loadTables, type SeedTable, truncateStatement } from './load.js';

export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount, describeDemoAccounts } from './accounts.js';
export { DEFAULT_SEED, generateDemoData } from './generate.js';
export { SEED_TABLES, type SeedTable } from './load.js';

export interface SeedOptions {
  onProgress?: (step: string) => void;
  seed?: number;
  /** scrypt cost for the demo accounts' passwords (default: the API's strong default). */
  scryptN?: number;
}

export interface SeedReport {
  seed: number;
  counts: Record<SeedTable, number>;
  /** The demo accounts created (all with DEMO_PASSWORD). */
  accounts: DemoAccount[];
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
  const hashed = await hashDemoAccounts(options.scryptN);
  const accounts = await db.transaction(async (tx) => {
    await loadTables(tx, tables, options.onProgress);
    options.onProgress?.(`demo accounts (${hashed.length})`);
    return loadDemoAccounts(tx, hashed);
  });
  const loaded = performance.now();
  const counts = Object.fromEntries(tables.map((t) => [t.table, t.rowCount])) as Record<SeedTable, number>;
  return {
    seed,
    counts,
    accounts,
    generateMs: Math.round(generated - started),
    loadMs: Math.round(loaded - generated),
    ms: Math.round(loaded - started),
  };
}

/** True when no organisation exists yet (a fresh database that should be seeded). */
export async function isDatabaseEmpty(db: Sql): Promise<boolean> {
  return !(await anyRow(db, organisations));
}

/** Whether `table` holds a row (by its id). */
async function anyRow(db: Sql, table: typeof organisations | typeof users): Promise<boolean> {
  const rows = await orm(db).select({ id: table.id }).from(table).limit(1);
  return rows.length > 0;
}

/**
 * Adds the demo accounts to a database seeded before accounts existed (demo organisations
 * present, no users yet). Returns the accounts created, or none.
 */
export async function seedDemoAccountsIfMissing(db: Database): Promise<DemoAccount[]> {
  const demo = await orm(db)
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.code, 'SKHCN-HP'));
  if ((await anyRow(db, users)) || demo.length === 0) return [];
  const hashed = await hashDemoAccounts();
  return db.transaction((tx) => loadDemoAccounts(tx, hashed));
}

/** True when no user exists yet (the first admin still has to be created). */
export async function hasNoUsers(db: Sql): Promise<boolean> {
  return !(await anyRow(db, users));
}

/** Removes all seeded data (and anything referencing it) in one statement. */
export async function truncateDemoData(db: Sql): Promise<void> {
  await db.exec(truncateStatement());
}
