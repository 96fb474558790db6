import { describe, expect, it } from 'vitest';
import { createApp } from '../../apps/api/src/app.js';
import { holdDatabase } from '../support/hold-database.js';
import { testDatabase } from '../support/test-database.js';

describe('heavy work through the real app', () => {
  it('refuses a second concurrent city export from the same anonymous client with 429, and serves it afterwards', async () => {
    const db = await testDatabase();
    const app = createApp({ db, heavyWork: { perClient: 1, overall: 4, retryAfterS: 3 } });
    // The towers table locked by another transaction: the first export waits for it on both
    // databases (a lock on PostGIS, the one connection on PGlite) and keeps its place meanwhile.
    const hold = await holdDatabase(db, 'LOCK TABLE towers IN ACCESS EXCLUSIVE MODE');
    let first: Promise<Response> | undefined;
    try {
      first = Promise.resolve(app.request('/api/v1/exports/towers?format=csv'));
      // Let the first request pass the middleware before the second arrives.
      await new Promise((r) => setTimeout(r, 50));
      const second = await app.request('/api/v1/exports/towers?format=csv');
      expect(second.status).toBe(429);
      expect(second.headers.get('Retry-After')).toBe('3');
      expect(((await second.json()) as { error: { code: string } }).error.code).toBe('TOO_MANY_JOBS');
      // Another kind of request is not held up by the limit.
      expect((await app.request('/api/health')).status).toBe(200);
    } finally {
      hold.release();
      await hold.done;
    }
    expect((await first)?.status).toBe(200);
    expect((await app.request('/api/v1/exports/towers?format=csv')).status).toBe(200);
  });
});
