/**
 * The public page's answers (issue #17, item 4) over the real HTTP app, without a session: the
 * approved plan's own items and never a draft's, the communes' indicators as the signed-in
 * register gives them, the campaign's kilometres by commune, the tasks' progress without an
 * operator's own report — and no confidential key or value anywhere in them.
 */
import type {
  PlanTask,
  PublicIndicators,
  PublicPlan,
  PublicTasks,
  PublicUndergrounding,
} from '@hatang/contracts';
import { PUBLIC_INDICATOR_KEYS } from '@hatang/contracts';
import { orm } from '@hatang/db';
import { undergroundingCampaignSegments } from '@hatang/db/schema';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { insertCampaignSegment } from '../../apps/api/src/features/sharing/campaign-repository.js';
import { syncPlanTasks } from '../../apps/api/src/features/tasks/task-seed.js';
import { createOrganisation, farAway, insertTestUnit, sampleFeature } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { CONFIDENTIAL_KEYS, keysOf } from './public-support.js';

const PUBLIC_PATHS = [
  '/api/v1/public/plan',
  '/api/v1/public/indicators',
  '/api/v1/public/undergrounding',
  '/api/v1/public/tasks',
];
const stamp = crypto.randomUUID().slice(0, 8);
const SECRET_NOTE = `ghi chú nội bộ ${stamp}`;
const DRAFT_NAME = `Chỉ có trong dự thảo ${stamp}`;
const APPROVED_NAME = `Cột quy hoạch đã duyệt ${stamp}`;
const OPERATOR_NOTE = `Báo cáo riêng của doanh nghiệp ${stamp}`;
const CITY_NOTE = `Báo cáo của Sở ${stamp}`;

let app: App;
let db: Awaited<ReturnType<typeof testDatabase>>;
let admin: Session;
let planner: Session;
let dost: Session;
let operatorA: Session;
let operatorB: Session;
let operatorOrg: string;
let unitCode: string;
let approvedItemId: string;
let draftItemId: string;
/** Every public answer, for the leak checks. */
const answers = new Map<string, string>();

const at = (n: number) => farAway(7400 + n);

async function expectStatus<T>(r: Promise<{ status: number; body: T }>, status: number): Promise<T> {
  const answer = await r;
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body;
}

beforeAll(async () => {
  db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  await syncPlanTasks(db);
  const city = await createOrganisation(db, 'city_department');
  admin = await sessionFor(app, db, city, ['admin']);
  planner = await sessionFor(app, db, city, ['planner']);
  const department = await createOrganisation(db, 'city_department');
  await db.query(`UPDATE organisations SET plan_agency = 'dost' WHERE id = $1`, [department]);
  dost = await sessionFor(app, db, department, ['planner']);
  operatorOrg = await createOrganisation(db, 'operator');
  operatorA = await sessionFor(app, db, operatorOrg, ['operator_editor']);
  operatorB = await sessionFor(app, db, await createOrganisation(db, 'operator'), ['operator_editor']);

  // A ward around the test's corner of the map, for the campaign and the indicators.
  const [x, y] = at(0);
  unitCode = await insertTestUnit(db, {
    geomWkt: `POLYGON((${x - 0.01} ${y - 0.01}, ${x + 0.05} ${y - 0.01}, ${x + 0.05} ${y + 0.05}, ${x - 0.01} ${y + 0.05}, ${x - 0.01} ${y - 0.01}))`,
    labelPoint: [x, y],
    name: `Phường Công Khai ${stamp}`,
    unitType: 'ward',
  });

  // A plan: baseline, a draft approved with two items, then a new draft with one more.
  const plan = await expectStatus(
    call<{ id: string }>(app, 'POST', '/api/v1/plans', { as: planner, json: { name: `Quy hoạch ${stamp}` } }),
    201,
  );
  const base = await expectStatus(
    call<{ id: string }>(app, 'POST', `/api/v1/plans/${plan.id}/baseline`, {
      as: planner,
      json: { name: 'Hiện trạng' },
    }),
    201,
  );
  const fork = async (from: string, name: string) =>
    expectStatus(
      call<{ id: string; version: number }>(app, 'POST', `/api/v1/plan-versions/${from}/fork`, {
        as: planner,
        json: { name },
      }),
      201,
    );
  const addItem = async (versionId: string, feature: unknown) =>
    (
      await expectStatus(
        call<{ id: string }>(app, 'POST', `/api/v1/plan-versions/${versionId}/items`, {
          as: planner,
          json: feature,
        }),
        201,
      )
    ).id;
  const approved = await fork(base.id, `Phương án duyệt ${stamp}`);
  approvedItemId = await addItem(approved.id, {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: at(1) },
    properties: {
      kind: 'tower_site',
      name: APPROVED_NAME,
      phase: '2026-2027',
      responsibleOrgId: operatorOrg,
      notes: SECRET_NOTE,
      attributes: { towerClass: 'A2b', heightM: 42 },
    },
  });
  await addItem(approved.id, {
    type: 'Feature',
    geometry: {
      type: 'LineString',
      coordinates: [at(2), at(30)],
    },
    properties: { kind: 'submarine_corridor', attributes: { protectionWidthM: 500, fiberPairs: 8 } },
  });
  const current = await expectStatus(
    call<{ version: number }>(app, 'GET', `/api/v1/plan-versions/${approved.id}`, { as: admin }),
    200,
  );
  await expectStatus(
    call(app, 'POST', `/api/v1/plan-versions/${approved.id}/approve`, {
      as: admin,
      headers: { 'if-match': String(current.version) },
    }),
    200,
  );
  const draft = await fork(approved.id, `Dự thảo ${stamp}`);
  draftItemId = await addItem(draft.id, {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: at(3) },
    properties: { kind: 'data_centre', name: DRAFT_NAME, phase: '2028-2030' },
  });

  // The campaign: 2 stretches in the ward, one done; their notes stay inside.
  const cable = sampleFeature('cable-routes', operatorOrg, `pub-${stamp}`, at(5));
  const route = await expectStatus(
    call<{ id: string }>(app, 'POST', '/api/v1/cable-routes', { as: admin, json: cable }),
    201,
  );
  const stretch = (from: number, to: number) =>
    insertCampaignSegment(
      db,
      {
        cableRouteId: route.id,
        coordinates: [at(from), at(to)],
        streetName: `Phố ${stamp}`,
        streetClass: 'local',
        plannedYear: 2027,
        note: SECRET_NOTE,
      },
      null,
    );
  const done = await stretch(5, 6);
  await stretch(7, 9);
  await orm(db)
    .update(undergroundingCampaignSegments)
    .set({ status: 'done' })
    .where(eq(undergroundingCampaignSegments.id, done));

  // Progress: the Department reports on V.1.2, an operator on an operators' task.
  await expectStatus(
    call(app, 'POST', `/api/v1/plan-tasks/${await taskId('V.1.2')}/reports`, {
      as: dost,
      json: { status: 'in_progress', progressPct: 35, note: CITY_NOTE },
    }),
    201,
  );
  await expectStatus(
    call(app, 'POST', `/api/v1/plan-tasks/${await taskId('V.10.2')}/reports`, {
      as: operatorA,
      json: { status: 'blocked', progressPct: 77, note: OPERATOR_NOTE },
    }),
    201,
  );

  for (const path of PUBLIC_PATHS) {
    const response = await app.request(path);
    expect(response.status, path).toBe(200);
    answers.set(path, await response.text());
  }
});

async function taskId(code: string): Promise<string> {
  const listed = await call<{ tasks: PlanTask[] }>(app, 'GET', '/api/v1/plan-tasks', { as: dost });
  const task = listed.body.tasks.find((t) => t.code === code);
  if (!task) throw new Error(`no task ${code}`);
  return task.id;
}

const answer = <T>(path: string): T => JSON.parse(answers.get(path) ?? 'null') as T;

describe('the public answers', () => {
  it('answer without a session, gzipped on request, with an ETag that gives 304', async () => {
    for (const path of PUBLIC_PATHS) {
      const gz = await app.request(path, { headers: { 'accept-encoding': 'gzip' } });
      expect(gz.status).toBe(200);
      expect(gz.headers.get('content-encoding')).toBe('gzip');
      const etag = gz.headers.get('etag');
      expect(etag).toMatch(/^"[a-z]+-[A-Za-z0-9_-]+"$/);
      await gz.arrayBuffer();
      const again = await app.request(path, { headers: { 'if-none-match': etag ?? '' } });
      expect(again.status, path).toBe(304);
    }
  });

  it("give the approved version's own items, public properties only, and never a draft's", () => {
    const plan = answer<PublicPlan>('/api/v1/public/plan');
    expect(plan.version?.name).toBe(`Phương án duyệt ${stamp}`);
    expect(plan.plan?.name).toBe(`Quy hoạch ${stamp}`);
    const ids = plan.items.features.map((f) => f.id);
    expect(ids).toContain(approvedItemId);
    expect(ids).not.toContain(draftItemId);
    expect(plan.itemsTotal).toBe(2);
    expect(plan.countsByKind).toEqual({ tower_site: 1, submarine_corridor: 1 });
    const tower = plan.items.features.find((f) => f.id === approvedItemId);
    expect(tower?.properties).toEqual({
      kind: 'tower_site',
      name: APPROVED_NAME,
      phase: '2026-2027',
      status: 'planned',
    });
    const text = answers.get('/api/v1/public/plan') ?? '';
    for (const secret of [DRAFT_NAME, SECRET_NOTE, operatorOrg, 'fiberPairs', 'responsibleOrgId'])
      expect(text).not.toContain(secret);
  });

  it("give every commune the register's figures for the public indicators, as signed-in users read them", async () => {
    const indicators = answer<PublicIndicators>('/api/v1/public/indicators');
    expect(indicators.indicators.map((i) => i.key)).toEqual([...PUBLIC_INDICATOR_KEYS]);
    expect(indicators.indicators.find((i) => i.key === 'population5gPercent')?.target?.value).toBe(100);
    const ward = indicators.communes.find((c) => c.code === unitCode);
    expect(ward?.name).toBe(`Phường Công Khai ${stamp}`);
    const register = await call<{ indicators: { key: string; actual: number | null }[] }>(
      app,
      'GET',
      `/api/v1/indicators?commune=${unitCode}`,
      { as: planner },
    );
    const expected = Object.fromEntries(
      PUBLIC_INDICATOR_KEYS.map((k) => [
        k,
        register.body.indicators.find((i) => i.key === k)?.actual ?? null,
      ]),
    );
    expect(ward?.values).toEqual(expected);
    // The approved plan's 2030 figures city-wide.
    expect(indicators.city.planned2030).not.toBeNull();
  });

  it("count the campaign's kilometres in the ward by status, without its streets or notes", () => {
    const campaign = answer<PublicUndergrounding>('/api/v1/public/undergrounding');
    const ward = campaign.communes.find((c) => c.code === unitCode);
    expect(ward?.segments).toBe(2);
    // at(5)→at(6) is one step of 0.001° in both directions, at(7)→at(9) two: ~0.157 and ~0.313 km.
    expect(ward?.doneKm).toBeCloseTo(0.157, 2);
    expect(ward?.plannedKm).toBeCloseTo(0.313, 2);
    expect(ward?.donePercent).toBeCloseTo(33.3, 0);
    expect(campaign.years.find((y) => y.year === 2027)?.segments).toBeGreaterThanOrEqual(2);
    const text = answers.get('/api/v1/public/undergrounding') ?? '';
    expect(text).not.toContain(`Phố ${stamp}`);
    expect(text).not.toContain(SECRET_NOTE);
  });

  it("show the Department's progress but not an operator's own report", async () => {
    const tasks = answer<PublicTasks>('/api/v1/public/tasks');
    const all = tasks.sections.flatMap((s) => s.tasks);
    expect(all.find((t) => t.code === 'V.1.2')).toMatchObject({ status: 'in_progress', progressPct: 35 });
    // The public sees V.10.2 as a rival operator does: without operator A's report.
    const rival = await call<{ tasks: PlanTask[] }>(app, 'GET', '/api/v1/plan-tasks', { as: operatorB });
    const seenByRival = rival.body.tasks.find((t) => t.code === 'V.10.2');
    expect(all.find((t) => t.code === 'V.10.2')).toMatchObject({
      status: seenByRival?.status,
      progressPct: seenByRival?.progressPct,
    });
    expect(seenByRival?.progressPct).not.toBe(77);
    const section = tasks.sections.find((s) => s.section === 'V.1');
    expect(section?.lead).toBe('dost');
    expect(section?.total).toBe(section?.tasks.length);
    expect(Object.values(section?.byStatus ?? {}).reduce((s, n) => s + n, 0)).toBe(section?.total);
    expect(tasks.totals.total).toBe(all.length);
    const text = answers.get('/api/v1/public/tasks') ?? '';
    for (const secret of [CITY_NOTE, OPERATOR_NOTE]) expect(text).not.toContain(secret);
  });

  it('hold no confidential key, user, organisation id or note', () => {
    for (const [path, text] of answers) {
      const keys = keysOf(JSON.parse(text));
      expect(
        [...keys].filter((k) => CONFIDENTIAL_KEYS.has(k)),
        path,
      ).toEqual([]);
      for (const session of [admin, planner, dost, operatorA]) {
        expect(text, path).not.toContain(session.user.id);
        expect(text, path).not.toContain(session.user.email);
      }
      expect(text, path).not.toContain(operatorOrg);
      expect(text, path).not.toContain(SECRET_NOTE);
    }
  });

  it('build an answer once for readers arriving together', async () => {
    const fresh = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
    const tags = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const r = await fresh.request('/api/v1/public/tasks');
        await r.arrayBuffer();
        return r.headers.get('etag');
      }),
    );
    expect(new Set(tags).size).toBe(1);
  });
});
