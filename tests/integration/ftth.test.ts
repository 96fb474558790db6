/**
 * Fibre to the home (issue #17, item 2) over the real HTTP app: operators' uploads (all rows or
 * none, every bad row reported), who reads whose figures, the per-commune aggregation without
 * double counting, and the proxy (households within reach of fibre) on a fixture whose answer is
 * worked out by hand.
 */

import { tmpdir } from 'node:os';
import type { FtthSummary, FtthUploadResult, IndicatorReport } from '@hatang/contracts';
import { FTTH_MAX_CSV_CHARS, FTTH_MAX_ROWS } from '@hatang/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { MAX_COLUMNS, MAX_LINE_CHARS } from '../../apps/api/src/features/ftth/ftth-csv.js';
import { ParsePool } from '../../apps/api/src/jobs/parse-pool.js';
import { defaultUploadLimits } from '../../apps/api/src/jobs/upload-limits.js';
import { createOrganisation, createUnitWithCells } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

type ErrorBody = { error: { code: string; details?: { path: (string | number)[]; message: string }[] } };

let db: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
/** The parse pool (one worker, no queue) the app reads CSVs in. */
let pool: ParsePool;
/** The same API with a JSON body limit of 64 KiB. */
let smallBodyApp: App;
let unit: string;
let opA: string;
let opB: string;
let editorA: Session;
let viewerA: Session;
let editorB: Session;
let planner: Session;
let reviewer: Session;
let admin: Session;
let inspector: Session;
let publicViewer: Session;

/** The fixture commune's centre: its 3×3 cells (100 people each, 0.001° apart) sit around it. */
const CENTRE: [number, number] = [31.5, 31.5];

beforeAll(async () => {
  db = await testDatabase();
  pool = new ParsePool({ ...defaultUploadLimits(tmpdir()), poolSize: 1, queueSize: 0 });
  // Household size 4 and reach 60 m: the assumptions under test (the defaults are 3.5 and 300).
  const deps = { db, auth: { scryptN: TEST_SCRYPT_N }, uploads: pool };
  app = createApp({ ...deps, ftthProxy: { householdSize: 4, reachM: 60 } });
  smallBodyApp = createApp({ ...deps, maxBodyBytes: 64 * 1024 });
  unit = await createUnitWithCells(db, CENTRE, 'Xã Cáp Quang');
  opA = await createOrganisation(db, 'operator');
  opB = await createOrganisation(db, 'operator');
  const city = await createOrganisation(db, 'city_department');
  const construction = await createOrganisation(db, 'construction_department');
  const commune = await createOrganisation(db, 'commune');
  const pub = await createOrganisation(db, 'public');
  editorA = await sessionFor(app, db, opA, ['operator_editor']);
  viewerA = await sessionFor(app, db, opA, ['operator_viewer']);
  editorB = await sessionFor(app, db, opB, ['operator_editor']);
  planner = await sessionFor(app, db, city, ['planner']);
  admin = await sessionFor(app, db, city, ['admin']);
  reviewer = await sessionFor(app, db, construction, ['reviewer']);
  inspector = await sessionFor(app, db, commune, ['inspector']);
  publicViewer = await sessionFor(app, db, pub, ['viewer']);
  // An existing fibre route along the middle row of cells (west to east across the block), and a
  // copper one along the north row, which the proxy must ignore.
  const [x, y] = CENTRE;
  for (const [type, lat] of [
    ['fiber', y],
    ['copper', y + 0.001],
  ] as const) {
    const route = await call(app, 'POST', '/api/v1/cable-routes', {
      as: admin,
      json: {
        type: 'Feature',
        geometry: {
          type: 'LineString',
          coordinates: [
            [x - 0.002, lat],
            [x + 0.002, lat],
          ],
        },
        properties: {
          code: `FTTH-${type}-${unit}`,
          ownerOrgId: opA,
          status: 'existing',
          cableType: type,
          coreCount: 24,
          placement: 'aerial',
        },
      },
    });
    expect(route.status, JSON.stringify(route.body)).toBe(201);
  }
});

afterAll(() => pool.close());

const upload = (as: Session | undefined, json: unknown, on: App = app) =>
  call<FtthUploadResult & ErrorBody>(on, 'POST', '/api/v1/ftth-reports', { as, json });
const storedRows = async () =>
  (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ftth_reports'))[0]?.n ?? 0;

describe('uploading FTTH figures', () => {
  it('stores an operator’s JSON rows for its own organisation', async () => {
    const res = await upload(editorA, {
      rows: [
        { adminUnitCode: unit, homesPassed: 150, homes1Gbps: 120, subscriptions: 60, asOf: '2026-06-30' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ orgId: opA, created: 1, replaced: 0 });
    expect(res.body.reports[0]).toMatchObject({
      adminUnitCode: unit,
      homesPassed: 150,
      homes1Gbps: 120,
      version: 1,
    });
  });

  it('takes a CSV, and a row for the same commune and date replaces the figures', async () => {
    const csv = `adminUnitCode,homesPassed,homes1Gbps,subscriptions,asOf\n${unit},200,160,,2026-06-30\n${unit},100,50,20,2026-03-31\n`;
    const res = await upload(editorA, { csv });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ created: 1, replaced: 1 });
    const june = res.body.reports.find((r) => r.asOf === '2026-06-30');
    expect(june).toMatchObject({ homesPassed: 200, homes1Gbps: 160, subscriptions: null, version: 2 });
  });

  it('rejects the whole upload, reporting every bad row, and stores nothing', async () => {
    const before = await call<{ reports: unknown[] }>(app, 'GET', '/api/v1/ftth-reports', { as: editorA });
    const csv = [
      'adminUnitCode,homesPassed,homes1Gbps,asOf',
      `${unit},10,5,2025-12-31`, // good
      `00000,10,5,2025-12-31`, // unknown commune
      `${unit},10,11,2025-11-30`, // 1 Gbps > passed
      `${unit},ten,5,2025-10-31`, // not a number
      `${unit},10,5,2025-12-31`, // duplicate of row 1
      `${unit},10,5,2999-01-01`, // in the future
    ].join('\n');
    const res = await upload(editorA, { csv });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const rows = (res.body.error.details ?? []).map((d) => `${d.path[1]}:${d.path[2]}`);
    expect(rows).toEqual(['2:adminUnitCode', '3:homes1Gbps', '4:homesPassed', '5:adminUnitCode', '6:asOf']);
    const after = await call<{ reports: unknown[] }>(app, 'GET', '/api/v1/ftth-reports', { as: editorA });
    expect(after.body.reports).toHaveLength(before.body.reports.length);
  });

  it('rejects a CSV with a missing or unknown column, and an upload with both rows and csv', async () => {
    const header = await upload(editorA, {
      csv: `adminUnitCode,homesPassed,speed,asOf\n${unit},1,1,2026-01-01`,
    });
    expect(header.status).toBe(400);
    expect(header.body.error.details?.map((d) => d.message)).toEqual([
      'the column homes1Gbps is missing',
      'unknown column speed',
    ]);
    const both = await upload(editorA, { csv: 'a', rows: [{}] });
    expect(both.status).toBe(400);
  });

  it('bounds an upload’s rows', async () => {
    const rows = Array.from({ length: 2001 }, () => ({
      adminUnitCode: unit,
      homesPassed: 1,
      homes1Gbps: 1,
      asOf: '2026-01-01',
    }));
    expect((await upload(editorA, { rows })).status).toBe(400);
  });

  it('refuses an operator writing for another operator, a viewer, staff without the admin role, and the public', async () => {
    const row = { adminUnitCode: unit, homesPassed: 1, homes1Gbps: 1, asOf: '2026-01-01' };
    expect((await upload(editorA, { orgId: opB, rows: [row] })).status).toBe(403);
    expect((await upload(viewerA, { rows: [row] })).status).toBe(403);
    expect((await upload(planner, { orgId: opA, rows: [row] })).status).toBe(403);
    expect((await upload(publicViewer, { rows: [row] })).status).toBe(403);
    expect((await upload(undefined, { rows: [row] })).status).toBe(401);
  });

  it('lets an admin upload for a named operator, not for a non-operator', async () => {
    const res = await upload(admin, {
      orgId: opB,
      rows: [
        { adminUnitCode: unit, homesPassed: 250, homes1Gbps: 90, subscriptions: 70, asOf: '2026-05-31' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const notOperator = await upload(admin, {
      orgId: (await call<{ orgId: string }>(app, 'GET', '/api/v1/auth/me', { as: planner })).body.orgId,
      rows: [{ adminUnitCode: unit, homesPassed: 1, homes1Gbps: 1, asOf: '2026-05-31' }],
    });
    expect(notOperator.status).toBe(400);
  });
});

describe('hostile CSVs', () => {
  const HEADER = 'adminUnitCode,homesPassed,homes1Gbps,asOf';

  it('reads a CSV in the parse pool, not on the request thread: a full pool answers 503', async () => {
    const csv = `${HEADER}\n${unit},30,20,2026-02-28\n`;
    const held = pool.reserve();
    try {
      const busy = await upload(editorA, { csv });
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toBeTruthy();
    } finally {
      held.release();
    }
    const res = await upload(editorA, { csv });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.reports).toMatchObject([{ asOf: '2026-02-28', homesPassed: 30 }]);
  });

  const hostile: [string, () => string, (body: ErrorBody) => void][] = [
    [
      'longer than FTTH_MAX_CSV_CHARS',
      () => `${HEADER}\n${`${unit},1,1,2026-01-01\n`.repeat(FTTH_MAX_CSV_CHARS / 10)}`,
      (b) => expect(b.error.details?.[0]?.path).toEqual(['csv']),
    ],
    [
      'with an unclosed quote',
      () => `${HEADER}\n"${unit},1,1,2026-01-01\n${unit},2,2,2026-01-02`,
      (b) => expect(b.error.details?.[0]?.message).toMatch(/^not a CSV table/),
    ],
    [
      `with a line longer than ${MAX_LINE_CHARS} characters`,
      () => `${HEADER}\n${unit},"${'9'.repeat(100_000)}",1,2026-01-01`,
      (b) => expect(b.error.details?.[0]?.message).toMatch(/^not a CSV table/),
    ],
    [
      `with more than ${MAX_COLUMNS} columns, as one problem`,
      () => `${HEADER},${Array.from({ length: 100 }, (_, i) => `c${i}`).join(',')}\n`,
      (b) =>
        expect(b.error.details).toEqual([
          { path: ['csv', 'header'], message: expect.stringContaining(`${MAX_COLUMNS} columns`) },
        ]),
    ],
    [
      `with more than ${FTTH_MAX_ROWS} rows`,
      () => `${HEADER}\n${'0,0,0,2026-01-01\n'.repeat(FTTH_MAX_ROWS * 5)}`,
      (b) =>
        expect(b.error.details?.map((d) => d.message)).toContain(`at most ${FTTH_MAX_ROWS} rows per upload`),
    ],
    [
      'of binary garbage',
      () => String.fromCharCode(...Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)),
      (b) => expect(b.error.details?.length).toBeGreaterThan(0),
    ],
    ['with a header and no rows', () => `${HEADER}\n\n\n`, (b) => expect(b.error.details).toHaveLength(1)],
  ];
  for (const [name, csv, check] of hostile)
    it(`answers 400 for a CSV ${name}, writing nothing`, async () => {
      const before = await storedRows();
      const res = await upload(editorA, { csv: csv() });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      check(res.body);
      expect(await storedRows()).toBe(before);
      expect((await app.request('/api/health')).status).toBe(200);
    });

  it('answers 413 for a body past the JSON body limit, writing nothing', async () => {
    const before = await storedRows();
    const res = await upload(editorA, { csv: `${HEADER}\n${'x'.repeat(100 * 1024)}` }, smallBodyApp);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await storedRows()).toBe(before);
  });
});

describe('who reads whose figures', () => {
  it('shows an operator only its own rows, and refuses it another operator’s', async () => {
    const own = await call<{ reports: { orgId: string }[] }>(app, 'GET', '/api/v1/ftth-reports', {
      as: editorB,
    });
    expect(own.status).toBe(200);
    expect(own.body.reports.length).toBeGreaterThan(0);
    expect(new Set(own.body.reports.map((r) => r.orgId))).toEqual(new Set([opB]));
    expect(JSON.stringify(own.body)).not.toContain(opA);
    const rival = await call(app, 'GET', `/api/v1/ftth-reports?orgId=${opA}`, { as: editorB });
    expect(rival.status).toBe(403);
  });

  it('shows the city’s staff every operator’s rows', async () => {
    for (const staff of [planner, reviewer, admin]) {
      const all = await call<{ reports: { orgId: string }[] }>(
        app,
        'GET',
        `/api/v1/ftth-reports?adminUnitCode=${unit}`,
        {
          as: staff,
        },
      );
      expect(all.status).toBe(200);
      expect(new Set(all.body.reports.map((r) => r.orgId))).toEqual(new Set([opA, opB]));
    }
  });

  it('keeps the rows and the summary from communes, the public and anonymous callers', async () => {
    for (const [as, status] of [
      [inspector, 403],
      [publicViewer, 403],
      [undefined, 401],
    ] as const) {
      expect((await call(app, 'GET', '/api/v1/ftth-reports', { as })).status).toBe(status);
      expect((await call(app, 'GET', '/api/v1/ftth/communes', { as })).status).toBe(status);
    }
    for (const as of [editorA, viewerA])
      expect((await call(app, 'GET', '/api/v1/ftth/communes', { as })).status).toBe(403);
  });
});

describe('the per-commune summary', () => {
  it('aggregates the latest figure of each operator without double counting, beside the proxy', async () => {
    const res = await call<FtthSummary>(app, 'GET', '/api/v1/ftth/communes', { as: planner });
    expect(res.status).toBe(200);
    expect(res.body.params).toEqual({ householdSize: 4, reachM: 60 });
    expect(res.body.proxyIsEstimate).toBe(true);
    const row = res.body.communes.find((c) => c.adminUnitCode === unit);
    // 9 cells × 100 people = 900 people; ÷ 4 = 225 households.
    // A's latest (2026-06-30): 200 passed, 160 at 1 Gbps; B's (2026-05-31): 250 and 90, 70 subs.
    // Reported = the largest operator's (250; 160); upper = min(sum, households) = min(450, 225) → 250
    // (never below the reported figure); 1 Gbps upper = min(250, 225) = 225. Subscriptions: A's latest
    // has none, B's 70 → 70. Percent: 250/225 capped at 100; 160/225 = 71.11 %.
    // Proxy: the fibre runs along the middle row; the rows above and below are 0.001° of latitude
    // (≈ 110 m) away, beyond 60 m: 3 cells = 300 people = 75 households = 33.33 %.
    expect(row).toMatchObject({
      populationCount: 900,
      households: 225,
      operatorCount: 2,
      latestAsOf: '2026-06-30',
      homesPassedReported: 250,
      homesPassedUpper: 250,
      homes1GbpsReported: 160,
      homes1GbpsUpper: 225,
      subscriptions: 70,
      homesPassedPercent: 100,
      homes1GbpsPercent: 71.11,
      proxyPopulationInReach: 300,
      proxyHouseholdsInReach: 75,
      proxyHouseholdsInReachPercent: 33.33,
    });
  });

  it('takes the reach and household size as parameters', async () => {
    const res = await call<FtthSummary>(app, 'GET', '/api/v1/ftth/communes?reachM=150&householdSize=3', {
      as: planner,
    });
    expect(res.status).toBe(200);
    const row = res.body.communes.find((c) => c.adminUnitCode === unit);
    // 150 m takes the rows 110 m away too: 900 people = 300 households, 100 %.
    expect(row).toMatchObject({
      households: 300,
      proxyHouseholdsInReach: 300,
      proxyHouseholdsInReachPercent: 100,
    });
    const bad = await call(app, 'GET', '/api/v1/ftth/communes?reachM=-1', { as: planner });
    expect(bad.status).toBe(400);
  });
});

describe('the indicator report’s FTTH lines', () => {
  const lines = async (as: Session) => {
    const res = await call<IndicatorReport>(app, 'GET', `/api/v1/indicators?commune=${unit}`, { as });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  it('gives the staff the reported percentages against Plan 317’s 1 Gbps target, and the proxy beside them', async () => {
    const report = await lines(planner);
    const byKey = new Map(report.indicators.map((v) => [v.key, v]));
    expect(byKey.get('fiberHomesPassedPercent')).toMatchObject({ group: 'fiber', actual: 100 });
    expect(byKey.get('fiber1GbpsHomesPercent')).toMatchObject({
      actual: 71.11,
      actualParts: { part: 160, whole: 225 },
      target: { value: 100, year: 2030 },
    });
    expect(byKey.get('fiberHouseholdsInReachProxyPercent')).toMatchObject({
      actual: 33.33,
      actualParts: { part: 75, whole: 225 },
      breakdown: { householdSize: 4, reachM: 60 },
    });
  });

  it('hides the operators’ figures from an operator and the public, keeping the proxy', async () => {
    for (const as of [editorB, publicViewer, inspector]) {
      const report = await lines(as);
      const byKey = new Map(report.indicators.map((v) => [v.key, v]));
      expect(byKey.get('fiberHomesPassedPercent')?.actual).toBeNull();
      expect(byKey.get('fiber1GbpsHomesPercent')?.actual).toBeNull();
      expect(byKey.get('fiber1GbpsHomesPercent')?.actualParts).toBeUndefined();
      expect(byKey.get('fiberHouseholdsInReachProxyPercent')?.actual).toBe(33.33);
      expect(byKey.get('fiber1GbpsHomesPercent')?.breakdown).toBeUndefined();
      expect(report.unavailable.map((u) => u.key)).not.toContain('fiber1GbpsHomesPercent');
    }
  });
});
