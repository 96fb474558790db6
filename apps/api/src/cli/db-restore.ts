/**
 * `npm run db:restore -- <backup file> [--force]`: restores a backup from `npm run db:backup`.
 * Server PostGIS (DATABASE_URL): `pg_restore` into that database; one that already holds tables
 * is refused unless --force (its public schema is then replaced). Embedded: into HATANG_DATA_DIR,
 * with the server stopped; a non-empty directory is refused unless --force (it is then kept
 * beside the new one as `<dir>.before-restore-<time>`).
 */
import { parseArgs } from 'node:util';
import { openDatabase, restoreEmbedded, restoreServer, tableChecksums } from '@hatang/db';
import { readEnv } from '../env.js';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { force: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1)
    throw new Error('usage: npm run db:restore -- <backup file> [--force]');
  const env = readEnv();
  const started = performance.now();
  if (env.DATABASE_URL) {
    await restoreServer(file, env.DATABASE_URL, { force: values.force });
  } else {
    const { keptAs } = await restoreEmbedded(file, env.HATANG_DATA_DIR, { force: values.force });
    if (keptAs) console.log(`The previous data directory is kept as ${keptAs}`);
  }
  const db = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.HATANG_DATA_DIR,
    purpose: 'npm run db:restore',
  });
  try {
    const tables = await tableChecksums(db);
    const rows = tables.reduce((sum, t) => sum + t.rows, 0);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const where = env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : env.HATANG_DATA_DIR;
    console.log(`Restored ${file} into ${where}: ${tables.length} tables, ${rows} rows (${seconds} s)`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
