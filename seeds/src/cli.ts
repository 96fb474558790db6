/**
 * `npm run db:seed [-- --force] [-- --seed=N]`: opens the database like the server does
 * (DATABASE_URL, else PGlite in HATANG_DATA_DIR or .data), migrates, and seeds the demo data
 * when the database is empty; `--force` truncates every seeded table first and reseeds.
 */
import { migrate, openDatabase } from '@hatang/db';
import { isDatabaseEmpty, seedDemoData, truncateDemoData } from './index.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const seedArg = args.find((a) => a.startsWith('--seed='));
  const seed = seedArg ? Number(seedArg.slice('--seed='.length)) : undefined;
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`--seed needs an integer: ${seedArg}`);
  const started = performance.now();
  const log = (message: string): void => {
    console.log(`[seed ${((performance.now() - started) / 1000).toFixed(1)} s] ${message}`);
  };
  // A command-line entry point: nothing calls it to pass settings in, so it reads them here (the
  // seed must not import the API's env.ts); seedDemoData and openDatabase take them as options.
  const databaseUrl = process.env.DATABASE_URL;
  const dataDir = process.env.HATANG_DATA_DIR ?? '.data';
  log(databaseUrl ? 'opening PostgreSQL (DATABASE_URL)' : `opening PGlite in ${dataDir}`);
  const db = await openDatabase({ databaseUrl, dataDir, purpose: 'npm run db:seed' });
  try {
    await migrate(db);
    if (!(await isDatabaseEmpty(db))) {
      if (!force) {
        log('the database already holds data; nothing to do (use --force to reseed)');
        return;
      }
      log('--force: truncating the seeded tables');
      await truncateDemoData(db);
    }
    const report = await seedDemoData(db, { seed, onProgress: log });
    log(`seed ${report.seed}: generated in ${report.generateMs} ms, loaded in ${report.loadMs} ms`);
    for (const [table, count] of Object.entries(report.counts)) console.log(`  ${table.padEnd(18)} ${count}`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
