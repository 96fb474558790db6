/**
 * `npm run db:backup [-- --out <file>]`: backs up the database the server uses.
 * Server PostGIS (DATABASE_URL): `pg_dump -Fc` into `hatang-<time>.dump`, safe while the server
 * runs. Embedded (PGlite in HATANG_DATA_DIR): the data directory as `hatang-<time>.tar.gz`; it
 * refuses while the server holds the directory — stop the server first.
 */
import { parseArgs } from 'node:util';
import { backupEmbedded, backupServer, openDatabase, tableChecksums } from '@hatang/db';
import { readEnv } from '../env.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const env = readEnv();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const out = values.out ?? `hatang-${stamp}.${env.DATABASE_URL ? 'dump' : 'tar.gz'}`;
  const started = performance.now();
  const bytes = env.DATABASE_URL
    ? await backupServer(env.DATABASE_URL, out)
    : await backupEmbedded(env.HATANG_DATA_DIR, out);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const what = env.DATABASE_URL
    ? 'PostgreSQL (DATABASE_URL)'
    : `the embedded database in ${env.HATANG_DATA_DIR}`;
  console.log(`Backed up ${what} to ${out} (${(bytes / 1e6).toFixed(1)} MB, ${seconds} s)`);
  if (env.DATABASE_URL) {
    // The server stays up: report what the dump holds as seen now, for a later comparison.
    const db = await openDatabase({ databaseUrl: env.DATABASE_URL });
    try {
      const rows = (await tableChecksums(db)).reduce((sum, t) => sum + t.rows, 0);
      console.log(`${rows} rows at the time of the backup`);
    } finally {
      await db.close();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
