/**
 * Planning assumptions (issue #17 item 5): Plan 317 sets its targets for 2030 only, so the city's
 * planners set interim targets for the 2027 milestone themselves, and the Department of Science
 * and Technology sets tasks' due dates — each labelled as an assumption, refused to others,
 * checked, and audited in one transaction. Over the real HTTP app.
 */
import type { IndicatorReport, InterimTarget, PlanTask, PlanTaskDetail } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { syncPlanTasks } from '../../apps/api/src/features/tasks/task-seed.js';
import { createOrganisation, insertTestUnit, squareWkt } from '../support/fixtures.js';
import { client } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

type ErrorBody = { error: { code: string; message: string; details?: { path: (string | number)[] }[] } };
type Listed = { milestoneYear: number; keys: string[]; items: InterimTarget[] };
type SetAnswer = { key: string; interimTarget: InterimTarget | null };

let db: Database;
let app: App;
let planner: Session;
let operator: Session;
let viewer: Session;
let dost: Session;
let otherDepartment: Session;
let cityName: string;
let dostName: string;

const auditOf = (resource: string, recordId: string) =>
  db.query<{ action: string; version: number; before: unknown; after: unknown }>(
    'SELECT action, version, before, after FROM audit_log WHERE resource = $1 AND record_id = $2 ORDER BY id',
    [resource, recordId],
  );

beforeAll(async () => {
  db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  await syncPlanTasks(db);
  const city = await createOrganisation(db, 'city_department');
  planner = await sessionFor(app, db, city, ['planner']);
  operator = await sessionFor(app, db, await createOrganisation(db, 'operator'), ['operator_editor']);
  viewer = await sessionFor(app, db, await createOrganisation(db, 'public'), ['viewer']);
  const department = await createOrganisation(db, 'city_department');
  await db.query(`UPDATE organisations SET plan_agency = 'dost' WHERE id = $1`, [department]);
  dost = await sessionFor(app, db, department, ['planner']);
  otherDepartment = planner;
  const names = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM organisations WHERE id IN ($1, $2)',
    [city, department],
  );
  cityName = names.find((n) => n.id === city)!.name;
  dostName = names.find((n) => n.id === department)!.name;
});

describe('interim targets for 2027', () => {
  const KEY = 'population5gPercent';
  const path = `/api/v1/interim-targets/${KEY}`;

  it('lets a planner set one, with the reason, and audits it', async () => {
    const set = await client(app, planner)<SetAnswer>('PUT', path, {
      json: { value: 60, note: 'Nửa chặng đường tới mục tiêu 2030' },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.interimTarget).toMatchObject({
      key: KEY,
      year: 2027,
      value: 60,
      max: null,
      note: 'Nửa chặng đường tới mục tiêu 2030',
      assumption: true,
      setBy: cityName,
      version: 1,
    });
    const listed = await client(app, viewer)<Listed>('GET', '/api/v1/interim-targets');
    expect(listed.status).toBe(200);
    expect(listed.body.milestoneYear).toBe(2027);
    expect(listed.body.keys).toContain(KEY);
    expect(listed.body.items.find((t) => t.key === KEY)).toMatchObject({ value: 60, assumption: true });
    // No user name in what every signed-in user reads.
    expect(JSON.stringify(listed.body)).not.toMatch(/displayName|setByUser/);

    const changed = await client(app, planner)<SetAnswer>('PUT', path, {
      json: { value: 55, max: 65, note: 'Điều chỉnh theo tiến độ 2026' },
    });
    expect(changed.body.interimTarget).toMatchObject({ value: 55, max: 65, version: 2 });
    const [row] = await db.query<{ id: string }>(
      `SELECT id FROM indicator_interim_targets WHERE indicator_key = $1`,
      [KEY],
    );
    const audit = await auditOf('interim-targets', row!.id);
    expect(audit.map((a) => [a.action, a.version])).toEqual([
      ['create', 1],
      ['update', 2],
    ]);
    expect(audit[1]!.before).toMatchObject({ value: 60 });
    expect(audit[1]!.after).toMatchObject({ value: 55, max: 65, note: 'Điều chỉnh theo tiến độ 2026' });
  });

  it('is carried by the indicators report beside the plan’s own 2030 target', async () => {
    const unit = await insertTestUnit(db, {
      geomWkt: squareWkt([61.5, -6.5], 0.01),
      labelPoint: [61.5, -6.5],
      name: 'Phường Giả Định',
      unitType: 'ward',
      areaKm2: 1,
      population: 0,
    });
    const report = await client(app, viewer)<IndicatorReport>('GET', `/api/v1/indicators?commune=${unit}`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const fiveG = report.body.indicators.find((i) => i.key === KEY);
    expect(fiveG?.target).toMatchObject({ value: 100, year: 2030, assumption: false });
    expect(fiveG?.interimTarget).toMatchObject({
      year: 2027,
      value: 55,
      max: 65,
      assumption: true,
      setBy: cityName,
    });
    expect(typeof fiveG?.interimTarget?.setAt).toBe('string');
    // An indicator without one says so (null), and so does one the plan sets no target for.
    expect(
      report.body.indicators.find((i) => i.key === 'keySitesFiberPercent')?.interimTarget ?? null,
    ).toBeNull();
    expect(report.body.indicators.find((i) => i.key === 'ductKm')?.interimTarget).toBeNull();
  });

  it('is cleared with a reason (and the history keeps both)', async () => {
    const cleared = await client(app, planner)<SetAnswer>('PUT', path, {
      json: { value: null, note: 'Chờ số liệu đo kiểm' },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.interimTarget).toBeNull();
    const listed = await client(app, planner)<Listed>('GET', '/api/v1/interim-targets');
    expect(listed.body.items.find((t) => t.key === KEY)).toBeUndefined();
    const [row] = await db.query<{ id: string; value: number | null; version: number }>(
      `SELECT id, value, version FROM indicator_interim_targets WHERE indicator_key = $1`,
      [KEY],
    );
    expect(row).toMatchObject({ value: null, version: 3 });
    const audit = await auditOf('interim-targets', row!.id);
    expect(audit.at(-1)).toMatchObject({ action: 'update', version: 3, after: { value: null } });
  });

  it('is refused to an operator and the public, and nothing is written', async () => {
    const key = 'communeWifiPercent';
    for (const session of [operator, viewer]) {
      const refused = await client(app, session)<ErrorBody>('PUT', `/api/v1/interim-targets/${key}`, {
        json: { value: 50, note: 'Không được phép' },
      });
      expect(refused.status).toBe(403);
    }
    expect((await client(app)<ErrorBody>('GET', '/api/v1/interim-targets')).status).toBe(401);
    const rows = await db.query('SELECT 1 FROM indicator_interim_targets WHERE indicator_key = $1', [key]);
    expect(rows).toHaveLength(0);
  });

  it('refuses bad values, listing every problem, and an indicator the plan sets no target for', async () => {
    const put = (key: string, json: unknown) =>
      client(app, planner)<ErrorBody>('PUT', `/api/v1/interim-targets/${key}`, { json });
    const negative = await put('greenDataCentres', { value: -1, max: -2, note: 'x' });
    expect(negative.status).toBe(400);
    expect(negative.body.error.details?.map((d) => d.path.join('.')).sort()).toEqual([
      'max',
      'note',
      'value',
    ]);
    const text = await put('greenDataCentres', { value: 'nhiều', note: 'Giả định' });
    expect(text.status).toBe(400);
    const over = await put('keySites5gPercent', { value: 120, note: 'Quá 100 %' });
    expect(over.status).toBe(400);
    expect(over.body.error.details?.map((d) => d.path.join('.'))).toEqual(['value']);
    const unknown = await put('ductKm', { value: 10, note: 'Kế hoạch không đặt con số' });
    expect(unknown.status).toBe(404);
    const rows = await db.query(
      `SELECT 1 FROM indicator_interim_targets WHERE indicator_key IN ('keySites5gPercent', 'ductKm')`,
    );
    expect(rows).toHaveLength(0);
  });
});

describe('task due dates', () => {
  let task: PlanTask;
  beforeAll(async () => {
    const listed = await client(app, dost)<{ tasks: PlanTask[] }>('GET', '/api/v1/plan-tasks');
    task = listed.body.tasks.find((t) => t.code === 'V.3.1')!;
  });

  it('start as Hatang’s assumption (the plan’s end), set by no one', () => {
    expect(task).toMatchObject({
      due: '2030-12-31',
      dueIsAssumption: true,
      dueSetBy: null,
      dueSetAt: null,
      dueNote: null,
      overdue: false,
    });
  });

  it('are changed by the Department, with a reason; overdue follows the new date; audited', async () => {
    const changed = await client(app, dost)<PlanTaskDetail>('PUT', `/api/v1/plan-tasks/${task.id}/due`, {
      json: { due: '2026-01-15', note: 'Sở KH&CN giao hoàn thành trong quý I/2026' },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({
      due: '2026-01-15',
      dueIsAssumption: true,
      dueSetBy: dostName,
      dueNote: 'Sở KH&CN giao hoàn thành trong quý I/2026',
      // Past (the tests run after 15/01/2026) and not done.
      overdue: new Date().toISOString().slice(0, 10) > '2026-01-15',
    });
    const overdue = await client(app, operator)<{ tasks: PlanTask[] }>(
      'GET',
      '/api/v1/plan-tasks?overdue=true',
    );
    expect(overdue.body.tasks.some((t) => t.id === task.id)).toBe(
      new Date().toISOString().slice(0, 10) > '2026-01-15',
    );

    const later = await client(app, dost)<PlanTaskDetail>('PUT', `/api/v1/plan-tasks/${task.id}/due`, {
      json: { due: '2039-12-31', note: 'Lùi theo tầm nhìn' },
    });
    expect(later.body).toMatchObject({ due: '2039-12-31', overdue: false });
    const audit = await auditOf('plan-tasks', task.id);
    expect(audit.map((a) => [a.action, a.version])).toEqual([
      ['update', 2],
      ['update', 3],
    ]);
    expect(audit[0]).toMatchObject({
      before: { due: '2030-12-31', dueNote: null },
      after: { due: '2026-01-15' },
    });
  });

  it('are refused to any other department, operators and the public, and nothing changes', async () => {
    for (const session of [otherDepartment, operator, viewer]) {
      const refused = await client(app, session)<ErrorBody>('PUT', `/api/v1/plan-tasks/${task.id}/due`, {
        json: { due: '2027-06-30', note: 'Không được phép' },
      });
      expect(refused.status).toBe(403);
    }
    const now = await client(app, dost)<PlanTaskDetail>('GET', `/api/v1/plan-tasks/${task.id}`);
    expect(now.body.due).toBe('2039-12-31');
  });

  it('refuses a date outside the plan’s period and a change without a reason', async () => {
    const bad = await client(app, dost)<ErrorBody>('PUT', `/api/v1/plan-tasks/${task.id}/due`, {
      json: { due: '2050-01-01', note: '' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.map((d) => d.path.join('.')).sort()).toEqual(['due', 'note']);
    const missing = await client(app, dost)<ErrorBody>(
      'PUT',
      `/api/v1/plan-tasks/${crypto.randomUUID()}/due`,
      { json: { due: '2027-06-30', note: 'Không có nhiệm vụ' } },
    );
    expect(missing.status).toBe(404);
  });
});
