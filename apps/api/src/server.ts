import { fileURLToPath } from 'node:url';
import { migrate, openDatabase } from '@hatang/db';
import { isDatabaseEmpty, seedDemoData } from '@hatang/seeds';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { readEnv } from './env.js';

const root = (relative: string) => fileURLToPath(new URL(`../../../${relative}`, import.meta.url));

async function main() {
  const started = performance.now();
  const env = readEnv();
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.HATANG_DATA_DIR });
  const where =
    db.kind === 'pglite' ? `embedded PGlite in ${env.HATANG_DATA_DIR}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`Database: ${where}`);
  const applied = await migrate(db);
  if (applied.length) console.log(`Migrations applied: ${applied.join(', ')}`);

  if (!env.HATANG_NO_SEED && (await isDatabaseEmpty(db))) {
    console.log('Empty database: loading the Hai Phong demo data (first start only)…');
    const report = await seedDemoData(db, { onProgress: (step) => console.log(`  ${step}`) });
    console.log(`Demo data loaded in ${(report.ms / 1000).toFixed(1)} s`);
  }

  const app = createApp({ db, static: { webDir: root('apps/web/dist'), dataDir: root('data') } });
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Hatang is ready at http://localhost:${info.port} (${seconds} s)`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing…`);
    server.close(() => {
      db.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
