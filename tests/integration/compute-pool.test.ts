/**
 * Issue 15, item 3: exports run in the compute pool's worker threads, bounded (503 with
 * Retry-After when every worker and waiting place is taken), and an export whose client went
 * away is stopped instead of finishing for nobody. The database is held busy meanwhile so that
 * the tasks are certainly still at work when the test looks (anonymous requests: signing in
 * would itself wait for the held database).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../apps/api/src/app.js';
import { ComputePool } from '../../apps/api/src/jobs/compute-pool.js';
import { holdDatabase } from '../support/hold-database.js';
import { TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

let db: Awaited<ReturnType<typeof testDatabase>>;
let compute: ComputePool;
let app: ReturnType<typeof createApp>;
const exportPath = '/api/v1/exports/poles?format=gpkg&bbox=106.6,20.8,106.61,20.81';

beforeAll(async () => {
  db = await testDatabase();
  compute = new ComputePool(db, { poolSize: 1, queueSize: 0, workerHeapMb: 512 });
  app = createApp({ db, compute, auth: { scryptN: TEST_SCRYPT_N } });
});
afterAll(() => compute.close());

/** The embedded database's one connection, or on a server a lock the poles export waits for. */
const holdPoles = () => holdDatabase(db, 'LOCK TABLE poles IN ACCESS EXCLUSIVE MODE');

const waitFor = async (condition: () => boolean) => {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(condition()).toBe(true);
};

describe('the compute pool', () => {
  it('refuses an export while every worker and waiting place is taken, with Retry-After', async () => {
    const hold = await holdPoles();
    const first = app.request(exportPath);
    await waitFor(() => compute.stats().taken === 1);
    const second = await app.request(exportPath);
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('5');
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe('SERVICE_UNAVAILABLE');
    hold.release();
    await hold.done;
    const done = await first;
    expect(done.status).toBe(200);
    expect(done.headers.get('content-type')).toBe('application/geopackage+sqlite3');
    expect((await done.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it('stops an export whose client went away, and goes on serving', async () => {
    const hold = await holdPoles();
    const client = new AbortController();
    const stoppedBefore = compute.stats().stopped;
    const answer = app.request(exportPath, { signal: client.signal });
    await waitFor(() => compute.stats().taken === 1);
    client.abort();
    expect((await answer).status).toBe(503);
    expect(compute.stats()).toEqual({ taken: 0, stopped: stoppedBefore + 1 });
    hold.release();
    await hold.done;
    const again = await app.request(exportPath);
    expect(again.status).toBe(200);
    await again.arrayBuffer();
  });
});
