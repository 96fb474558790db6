/**
 * Issue 15, item 4: coverage analyses restricted to another operator, or with radii small enough
 * to outline its sites, are for city staff (planners, reviewers, admins); operators analyse their
 * own network and the all-operator total (at radii no smaller than the non-staff floor); every
 * radius is bounded for everyone. Another operator's uploaded coverage polygons stay its own.
 */
import { COVERAGE_MAX_RADIUS_M, COVERAGE_NON_STAFF_MIN_RADIUS_M } from '@hatang/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { expectAll, expectNone, privatePatch, type Rivals, rivals } from './leaks-support.js';

type Started = {
  jobId?: string;
  status?: string;
  radiusFloorM?: number;
  error?: { message: string; details?: unknown[] };
};

/** Polls a job to its end (these runs are small: no tower has their status). */
async function finished(app: Rivals['app'], as: Session, jobId: string | undefined): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const job = await call<{ status: string }>(app, 'GET', `${coverage}/${jobId}`, { as });
    if (job.body.status !== 'running') return job.body.status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the coverage job did not finish');
}

let r: Rivals;
let inspector: Session;
const at = privatePatch();
const coverage = '/api/v1/analysis/coverage';
// Statuses no demo tower has (under construction) keep the runs these requests start small.
const base = { technology: '4G', maxSites: 0, gapLimit: 1, statuses: ['under_construction'] } as const;

beforeAll(async () => {
  r = await rivals();
  const db = await testDatabase();
  inspector = await sessionFor(r.app, db, await createOrganisation(db, 'commune'), ['inspector']);
});

describe('coverage analyses across operators', () => {
  it("refuses an operator (or inspector) an analysis restricted to another operator's network", async () => {
    for (const [who, operators] of [
      [r.a, [r.bOrg]],
      [r.a, [r.aOrg, r.bOrg]],
      [r.aViewer, [r.bOrg]],
      [inspector, [r.bOrg]],
    ] as const) {
      const answer = await call<Started>(r.app, 'POST', coverage, { as: who, json: { ...base, operators } });
      expect(answer.status).toBe(403);
      expect(answer.body.jobId).toBeUndefined();
      expect(answer.body.error?.message).toContain('city staff');
      expectNone(answer.body, [r.bOrg], 'the refusal');
    }
  });

  it(`refuses non-staff radii under ${COVERAGE_NON_STAFF_MIN_RADIUS_M} m, naming the limit`, async () => {
    for (const operators of [[r.aOrg], undefined]) {
      const answer = await call<Started>(r.app, 'POST', coverage, {
        as: r.a,
        json: { ...base, operators, radiusOverrides: { '4G': { urban: 60, rural: 60 } } },
      });
      expect(answer.status).toBe(403);
      expect(answer.body.error?.message).toContain(`${COVERAGE_NON_STAFF_MIN_RADIUS_M} m`);
      expect(answer.body.error?.details).toHaveLength(2);
    }
  });

  it('runs the own network as asked, and the total with no radius under the floor', async () => {
    const own = await call<Started>(r.app, 'POST', coverage, {
      as: r.a,
      json: { ...base, operators: [r.aOrg] },
    });
    expect(own.status).toBe(202);
    expect(own.body.radiusFloorM).toBeUndefined();
    const total = await call<Started>(r.app, 'POST', coverage, {
      as: r.a,
      json: { ...base, technology: '5G' },
    });
    expect(total.status).toBe(202);
    expect(total.body.radiusFloorM).toBe(COVERAGE_NON_STAFF_MIN_RADIUS_M);
    // The same run as a planner asking for the 5G radii raised to the floor: the same request,
    // so once the operator's total is done the planner gets its result at once (their own copy).
    const floor = COVERAGE_NON_STAFF_MIN_RADIUS_M;
    const raised = {
      '2G': { urban: 1500, suburban: 3000, rural: 6000 },
      '3G': { urban: 1000, suburban: 2000, rural: 4000 },
      '4G': { urban: 800, suburban: 1600, rural: 3500 },
      '5G-sub6': { urban: floor, suburban: 900, rural: 2000 },
      '5G-mmWave': { urban: floor, suburban: floor, rural: floor },
    };
    await finished(r.app, r.a, total.body.jobId);
    const staff = await call<Started>(r.app, 'POST', coverage, {
      as: r.staff.planner,
      json: { ...base, technology: '5G', radiusOverrides: raised },
    });
    expect(staff.status).toBe(202);
    expect(staff.body.jobId).not.toBe(total.body.jobId);
    expect(staff.body.status).toBe('done');
  });

  it('lets city staff restrict to any operator at any radius', async () => {
    for (const who of [r.staff.planner, r.staff.reviewer, r.staff.admin]) {
      const answer = await call<Started>(r.app, 'POST', coverage, {
        as: who,
        json: { ...base, operators: [r.bOrg], radiusOverrides: { '4G': { urban: 60 } } },
      });
      expect(answer.status).toBe(202);
    }
  });

  it(`bounds every radius at ${COVERAGE_MAX_RADIUS_M} m, for staff too`, async () => {
    for (const who of [r.a, r.staff.planner]) {
      const answer = await call<Started>(r.app, 'POST', coverage, {
        as: who,
        json: { ...base, radiusOverrides: { '2G': { rural: 50_000 } } },
      });
      expect(answer.status).toBe(400);
      expectAll(answer.body, ['radiusOverrides', 'at most 15,000 m'], 'the validation error');
    }
  });

  it("shows an operator its own uploaded coverage polygons, not a rival's; staff see both", async () => {
    const square = (dx: number) => {
      const [x, y] = at(dx);
      return {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + 0.001, y],
            [x + 0.001, y + 0.001],
            [x, y + 0.001],
            [x, y],
          ],
        ],
      };
    };
    const put = (who: Session, org: string, dx: number) =>
      call<{ id: string }>(r.app, 'PUT', `/api/v1/analysis/coverage-polygons/${org}/4G`, {
        as: who,
        json: { type: 'Feature', geometry: square(dx), properties: { source: `drive test ${org}` } },
      });
    const mine = await put(r.a, r.aOrg, 0);
    const theirs = await put(r.b, r.bOrg, 0.01);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    const listed = await call(r.app, 'GET', '/api/v1/analysis/coverage-polygons', { as: r.a });
    expect(listed.status).toBe(200);
    expectAll(listed.body, [mine.body.id], "the operator's list");
    expectNone(listed.body, [theirs.body.id, r.bOrg, `drive test ${r.bOrg}`], "the operator's list");
    const staff = await call(r.app, 'GET', '/api/v1/analysis/coverage-polygons', { as: r.staff.reviewer });
    expectAll(staff.body, [mine.body.id, theirs.body.id], 'the staff list');
  });
});
