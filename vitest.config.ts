import { defineConfig } from 'vitest/config';

// One PGlite (≈1.3 GB, ~10 s to create) per worker, shared by the files that worker runs:
// `isolate: false` keeps tests/support/test-database.ts's instance alive between files.
export default defineConfig({
  test: {
    include: [
      'apps/*/src/**/*.test.ts',
      'packages/*/src/**/*.test.ts',
      'seeds/src/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'scripts/**/*.test.ts',
      // Checks that need a server PostGIS (ST_AsMVT) and GDAL as a client: run with DATABASE_URL,
      // as CI does; without it they have nothing to compare against, so they are not collected.
      ...(process.env.DATABASE_URL ? ['tests/postgis/**/*.test.ts'] : []),
      // Checks of the embedded database itself (its data-directory backups, the first admin of an
      // embedded install): the server run has its own (tests/postgis), so these run without it.
      ...(process.env.DATABASE_URL ? [] : ['tests/embedded/**/*.test.ts']),
    ],
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks',
    // A server PostGIS is one database for every worker: two workers would write to it at once and
    // see each other's rows mid-test (a count, a city-wide sum). One worker runs the files in turn.
    maxWorkers: process.env.DATABASE_URL ? 1 : 2,
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    benchmark: { include: ['tests/bench/**/*.bench.ts'] },
  },
});
