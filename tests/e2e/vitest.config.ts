import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: the real server (seeding its own database) and Chromium.
// Run `npm run build` first; the tests serve apps/web/dist through the API.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/e2e/**/*.e2e.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 180_000,
    // First start creates and seeds the embedded database.
    hookTimeout: 300_000,
  },
});
