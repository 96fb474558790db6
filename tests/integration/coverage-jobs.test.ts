/**
 * Issue 15, item 3: coverage jobs live in the database, not in one process's memory. Any API
 * instance answers a job's progress, only its requester reads or cancels it, queued and running
 * jobs are bounded per user and overall (429 with Retry-After), a job whose instance stopped
 * reads failed, and a job nobody asks about any more is not started.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../apps/api/src/app.js';
import { createJob, pruneJobs, startJob } from '../../apps/api/src/jobs/job-store.js';
import { createOrganisation } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

const coverage = '/api/v1/analysis/coverage';
// A status no tower has: the runs stay small whatever else the shared test database holds.
const small = { technology: '4G', maxSites: 0, gapLimit: 1, statuses: ['under_construction'] } as const;

type Job = {
  jobId: string;
  status: string;
  progress: number;
  step: string;
  error?: string;
  result?: unknown;
};

let db: Awaited<ReturnType<typeof testDatabase>>;
let planner: Session;
let otherPlanner: Session;
let plannerId: string;

beforeAll(async () => {
  db = await testDatabase();
  const app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  const city = await createOrganisation(db, 'city_department');
  planner = await sessionFor(app, db, city, ['planner']);
  otherPlanner = await sessionFor(app, db, city, ['planner']);
  plannerId = planner.user.id;
});

const newApp = (heavyWork?: { perClient: number; overall: number; retryAfterS: number }) =>
  createApp({ db, auth: { scryptN: TEST_SCRYPT_N }, ...(heavyWork ? { heavyWork } : {}) });

async function poll(app: ReturnType<typeof newApp>, as: Session, jobId: string): Promise<Job> {
  for (let i = 0; i < 1200; i++) {
    const answer = await call<Job>(app, 'GET', `${coverage}/${jobId}`, { as });
    expect(answer.status).toBe(200);
    if (answer.body.status !== 'running') return answer.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the coverage job did not finish');
}

/** A job row as another instance would have written it (not dispatched to any worker here). */
async function jobRow(ownerUserId: string): Promise<string> {
  const id = crypto.randomUUID();
  await createJob(db, { id, kind: 'coverage', ownerUserId, request: small, requestKey: `test-${id}` });
  return id;
}

describe('coverage jobs in the database', () => {
  it("answers a job's progress and result from another app instance, to its requester only", async () => {
    const one = newApp();
    const two = newApp();
    const started = await call<Job>(one, 'POST', coverage, { as: planner, json: { ...small, gapLimit: 2 } });
    expect(started.status).toBe(202);
    expect(started.headers.get('location')).toBe(`${coverage}/${started.body.jobId}`);
    const done = await poll(two, planner, started.body.jobId);
    expect(done.status).toBe('done');
    expect(done.result).toMatchObject({ technology: '4G', summary: { city: expect.any(Object) } });
    // Another user (even city staff) gets the 404 of a job that does not exist, on either instance.
    for (const app of [one, two]) {
      expect((await call(app, 'GET', `${coverage}/${started.body.jobId}`, { as: otherPlanner })).status).toBe(
        404,
      );
      expect(
        (await call(app, 'DELETE', `${coverage}/${started.body.jobId}`, { as: otherPlanner })).status,
      ).toBe(404);
    }
  });

  it('lets the requester cancel a queued job, which then never starts', async () => {
    const app = newApp();
    const id = await jobRow(plannerId);
    expect((await call(app, 'DELETE', `${coverage}/${id}`, { as: planner })).status).toBe(204);
    const job = await call<Job>(app, 'GET', `${coverage}/${id}`, { as: planner });
    expect(job.body).toMatchObject({ status: 'failed', error: 'Cancelled by its requester' });
    expect(await startJob(db, id)).toBe(false);
  });

  it('does not start a job nobody has asked about for minutes (the browser was closed)', async () => {
    const id = await jobRow(plannerId);
    await db.query(`UPDATE jobs SET polled_at = now() - interval '10 minutes' WHERE id = $1`, [id]);
    expect(await startJob(db, id)).toBe(false);
    const [row] = await db.query<{ status: string }>('SELECT status FROM jobs WHERE id = $1', [id]);
    expect(row?.status).toBe('cancelled');
  });

  it('reports a job whose instance stopped beating as failed, and does not count it as running', async () => {
    const app = newApp({ perClient: 1, overall: 1000, retryAfterS: 7 });
    const id = await jobRow(plannerId);
    await db.query(`UPDATE jobs SET heartbeat_at = now() - interval '5 minutes' WHERE id = $1`, [id]);
    const job = await call<Job>(app, 'GET', `${coverage}/${id}`, { as: planner });
    expect(job.body.status).toBe('failed');
    expect(job.body.error).toContain('stopped');
    // The lost job is not one of the planner's running jobs: a new one is accepted.
    const fresh = await call<Job>(app, 'POST', coverage, { as: planner, json: { ...small, gapLimit: 3 } });
    expect(fresh.status).toBe(202);
    await poll(app, planner, fresh.body.jobId);
  });

  it('sweeps jobs finished more than a day ago (and lost ones), keeping recent results', async () => {
    const old = await jobRow(plannerId);
    const recent = await jobRow(plannerId);
    await db.query(
      `UPDATE jobs SET status = 'done', finished_at = now() - interval '25 hours' WHERE id = $1`,
      [old],
    );
    await db.query(`UPDATE jobs SET status = 'done', finished_at = now() WHERE id = $1`, [recent]);
    expect(await pruneJobs(db)).toBeGreaterThanOrEqual(1);
    const left = await db.query<{ id: string }>(
      'SELECT id::text AS id FROM jobs WHERE id = ANY($1::uuid[])',
      [[old, recent]],
    );
    expect(left.map((row) => row.id)).toEqual([recent]);
  });

  it('bounds queued and running jobs per user and overall: 429 with Retry-After', async () => {
    const perUser = newApp({ perClient: 1, overall: 1000, retryAfterS: 7 });
    const queued = await jobRow(plannerId);
    const refused = await call<{ error: { code: string; message: string } }>(perUser, 'POST', coverage, {
      as: planner,
      json: { ...small, gapLimit: 4 },
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('7');
    expect(refused.body.error.code).toBe('TOO_MANY_JOBS');
    expect(refused.body.error.message).toContain('at most 1');
    // Overall: the planner's queued job fills a server that takes one at a time, for anyone.
    const overall = newApp({ perClient: 10, overall: 1, retryAfterS: 3 });
    const other = await call<{ error: { code: string } }>(overall, 'POST', coverage, {
      as: otherPlanner,
      json: { ...small, gapLimit: 5 },
    });
    expect(other.status).toBe(429);
    expect(other.headers.get('retry-after')).toBe('3');
    // Cancelled, it no longer counts.
    expect((await call(perUser, 'DELETE', `${coverage}/${queued}`, { as: planner })).status).toBe(204);
    const accepted = await call<Job>(perUser, 'POST', coverage, {
      as: planner,
      json: { ...small, gapLimit: 4 },
    });
    expect(accepted.status).toBe(202);
    await poll(perUser, planner, accepted.body.jobId);
  });
});
