import { fileURLToPath } from 'node:url';
import { migrate, openDatabase } from '@hatang/db';
import {
  describeDemoAccounts,
  hasNoUsers,
  isDatabaseEmpty,
  seedDemoAccountsIfMissing,
  seedDemoData,
} from '@hatang/seeds';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import {
  admissionOf,
  computeOptionsOf,
  describeListen,
  listenHost,
  rateLimitsOf,
  readEnv,
  uploadLimitsOf,
} from './env.js';
import { firstAdminAdvice, openFirstAdminSetup } from './features/accounts/first-admin.js';
import { closeAnalysisThreads } from './features/analysis/analysis-thread.js';
import { ensureDemoFtth } from './features/ftth/demo-ftth.js';
import { startImportCleanup } from './features/imports/import-cleanup.js';
import { ensureDemoDii } from './features/indicators/demo-dii.js';
import { ensureDemoPlan } from './features/plans/demo-plan.js';
import { syncPlanTasks } from './features/tasks/task-seed.js';
import { ComputePool } from './jobs/compute-pool.js';
import { ParsePool } from './jobs/parse-pool.js';
import { createLogger } from './log/logger.js';

const root = (relative: string) => fileURLToPath(new URL(`../../../${relative}`, import.meta.url));

/** Where a local client reaches a server listening on `address` (any-address → loopback). */
function localUrl(address: string, port: number): string {
  if (address === '0.0.0.0' || address === '::' || address === '') return `http://127.0.0.1:${port}`;
  return address.includes(':') ? `http://[${address}]:${port}` : `http://${address}:${port}`;
}

async function main() {
  const started = performance.now();
  const env = readEnv();
  const db = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.HATANG_DATA_DIR,
    purpose: 'the Hatang server',
  });
  const where =
    db.kind === 'pglite' ? `embedded PGlite in ${env.HATANG_DATA_DIR}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`Database: ${where}`);
  const applied = await migrate(db);
  if (applied.length) console.log(`Migrations applied: ${applied.join(', ')}`);
  const tasksAdded = await syncPlanTasks(db);
  if (tasksAdded) console.log(`Plan 317 task register: ${tasksAdded} tasks added`);

  if (env.HATANG_DEMO && (await isDatabaseEmpty(db))) {
    console.log('Empty database: loading the Hai Phong demo data (first start only)…');
    const report = await seedDemoData(db, { onProgress: (step) => console.log(`  ${step}`) });
    console.log(`Demo data loaded in ${(report.ms / 1000).toFixed(1)} s`);
    for (const line of describeDemoAccounts(report.accounts)) console.log(line);
  } else if (env.HATANG_DEMO) {
    // Demo data from before accounts existed: add the accounts once.
    const accounts = await seedDemoAccountsIfMissing(db);
    for (const line of accounts.length ? describeDemoAccounts(accounts) : []) console.log(line);
  }
  if (env.HATANG_DEMO) {
    // Each adds its demo records once, to a database with the demo data and none of its own yet.
    await ensureDemoPlan(db);
    await ensureDemoDii(db);
    // Synthetic FTTH reports of the demo operators (demo-ftth.ts), once.
    const ftthRows = await ensureDemoFtth(db);
    if (ftthRows) console.log(`Demo FTTH reports (synthetic): ${ftthRows} rows`);
  }
  // An embedded database is this process's alone: its first admin comes in through the API.
  const noUsers = await hasNoUsers(db);
  const firstAdmin = noUsers && db.kind === 'pglite' ? openFirstAdminSetup(env.HATANG_DATA_DIR) : undefined;
  if (noUsers) console.log(firstAdminAdvice(firstAdmin));

  // Uploaded files are parsed in worker threads with these limits (HATANG_* variables).
  const uploads = new ParsePool(uploadLimitsOf(env));
  // Exports and print maps run in these worker threads (HATANG_COMPUTE_* variables).
  const compute = new ComputePool(db, computeOptionsOf(env));
  compute
    .warm()
    .catch((error: unknown) =>
      console.error('The compute pool did not start:', error instanceof Error ? error.message : error),
    );
  const app = createApp({
    db,
    uploads,
    compute,
    // HATANG_WEB_DIR serves another build (parallel e2e runs build into their own folders).
    static: { webDir: env.HATANG_WEB_DIR ?? root('apps/web/dist'), dataDir: root('data') },
    auth: { trustProxy: env.HATANG_TRUST_PROXY },
    rateLimits: rateLimitsOf(env),
    logger: createLogger(env.HATANG_LOG_LEVEL),
    colocationResponseWorkingDays: env.HATANG_COLOCATION_RESPONSE_DAYS,
    ftthProxy: { householdSize: env.HATANG_FTTH_HOUSEHOLD_SIZE, reachM: env.HATANG_FTTH_REACH_M },
    ...admissionOf(env),
    ...(firstAdmin ? { firstAdmin } : {}),
  });
  // Uploads nobody committed (abandoned in the browser) are removed after 24 h, checked hourly.
  const cleanup = startImportCleanup(db, {
    onRemoved: (count) => {
      if (count > 0) console.log(`Removed ${count} abandoned import(s)`);
    },
    onError: (error) =>
      console.error('Import clean-up failed:', error instanceof Error ? error.message : error),
  });
  const { host } = listenHost(env);
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: host }, (info) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(describeListen(env, info.port));
    // The lock names where this server answers, for `npm run user:create` and people alike.
    db.lock?.update({ url: localUrl(info.address, info.port) });
    console.log(`Hatang is ready at http://localhost:${info.port} (${seconds} s)`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing…`);
    cleanup.stop();
    server.close(() => {
      Promise.all([uploads.close(), compute.close(), closeAnalysisThreads(db)])
        .then(() => db.close())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    });
    // Idle keep-alive connections would hold close() open until the forced exit below, which
    // skips closing the database (and releasing its data directory) cleanly.
    if ('closeIdleConnections' in server) server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
