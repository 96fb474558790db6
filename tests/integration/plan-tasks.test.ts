/**
 * Plan 317's task register and obstacles (issue #17, item 1), over the real HTTP app: the plan's
 * tasks in its order, progress reports by the agencies they are assigned to, obstacles addressed
 * to an agency — and what rival operators may not read of each other's.
 */
import type { Obstacle, PlanTask, PlanTaskDetail } from '@hatang/contracts';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { insertMissingTasks } from '../../apps/api/src/features/tasks/task-repository.js';
import { syncPlanTasks } from '../../apps/api/src/features/tasks/task-seed.js';
import { loadPlanTaskSources } from '../../apps/api/src/features/tasks/task-sources.js';
import { ComputePool } from '../../apps/api/src/jobs/compute-pool.js';
import { docxText } from '../support/docx-text.js';
import { createOrganisation } from '../support/fixtures.js';
import { client } from '../support/http.js';
import { pdfText } from '../support/pdf-text.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

type ErrorBody = { error: { code: string; message: string; details?: { path: (string | number)[] }[] } };

let app: App;
let db: Awaited<ReturnType<typeof testDatabase>>;
let dost: Session;
let construction: Session;
let operatorA: Session;
let operatorB: Session;
let publicViewer: Session;
let tasks: PlanTask[];
const byCode = (code: string) => {
  const task = tasks.find((t) => t.code === code);
  if (!task) throw new Error(`no task ${code}`);
  return task;
};

beforeAll(async () => {
  db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  await syncPlanTasks(db);
  const department = await createOrganisation(db, 'city_department');
  await db.query(`UPDATE organisations SET plan_agency = 'dost' WHERE id = $1`, [department]);
  dost = await sessionFor(app, db, department, ['planner']);
  construction = await sessionFor(app, db, await createOrganisation(db, 'construction_department'), [
    'reviewer',
  ]);
  operatorA = await sessionFor(app, db, await createOrganisation(db, 'operator'), ['operator_editor']);
  operatorB = await sessionFor(app, db, await createOrganisation(db, 'operator'), ['operator_editor']);
  publicViewer = await sessionFor(app, db, await createOrganisation(db, 'public'), ['viewer']);
  const listed = await client(app, dost)<{ tasks: PlanTask[] }>('GET', '/api/v1/plan-tasks');
  expect(listed.status).toBe(200);
  tasks = listed.body.tasks;
});

describe('the task register', () => {
  it('holds the plan’s section V tasks once, in the plan’s order', async () => {
    const { tasks: sources } = await loadPlanTaskSources();
    expect(await syncPlanTasks(db)).toBe(0);
    const seeded = tasks.filter((t) => sources.some((s) => s.code === t.code));
    expect(seeded.map((t) => t.code)).toEqual(sources.map((s) => s.code));
    const codes = seeded.map((t) => t.code);
    // Numeric, not text, order: V.2.1 after V.1.8, V.10.1 after V.9.1.
    expect(codes.indexOf('V.2.1')).toBe(codes.indexOf('V.1.8') + 1);
    expect(codes.indexOf('V.10.1')).toBeGreaterThan(codes.indexOf('V.9.1'));
    const construction = byCode('V.3.1');
    expect(construction).toMatchObject({ section: 'V.3', lead: 'construction', dueIsAssumption: true });
    expect(construction.title.vi.length).toBeGreaterThan(3);
  });

  it('is for staff, not the public', async () => {
    const refused = await client(app, publicViewer)<ErrorBody>('GET', '/api/v1/plan-tasks');
    expect(refused.status).toBe(403);
    expect((await client(app)<ErrorBody>('GET', '/api/v1/plan-tasks')).status).toBe(401);
  });

  it('takes progress from the agencies a task is assigned to, with evidence that exists', async () => {
    const sharing = byCode('V.10.2');
    const report = {
      status: 'in_progress',
      progressPct: 40,
      note: 'Đã chia sẻ 12 trạm BTS với doanh nghiệp khác',
      evidence: [{ kind: 'url', ref: 'https://example.vn/bao-cao-quy-3', label: 'Báo cáo quý 3' }],
    };
    const made = await client(app, operatorA)<PlanTaskDetail>(
      'POST',
      `/api/v1/plan-tasks/${sharing.id}/reports`,
      {
        json: report,
      },
    );
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ status: 'in_progress', progressPct: 40, reportCount: 1 });
    expect(made.body.reports[0]).toMatchObject({ note: report.note, evidence: report.evidence });

    // Not its agency's task: the Construction Department's.
    const notOurs = await client(app, operatorA)<ErrorBody>(
      'POST',
      `/api/v1/plan-tasks/${byCode('V.3.1').id}/reports`,
      {
        json: report,
      },
    );
    expect(notOurs.status).toBe(403);
    expect(notOurs.body.error.message).toContain('operators');

    const missing = await client(app, operatorA)<ErrorBody>(
      'POST',
      `/api/v1/plan-tasks/${sharing.id}/reports`,
      {
        json: {
          ...report,
          evidence: [
            { kind: 'plan_item', ref: crypto.randomUUID() },
            { kind: 'url', ref: 'javascript:alert(1)' },
          ],
        },
      },
    );
    expect(missing.status).toBe(400);
    expect(missing.body.error.details?.map((d) => d.path.join('.'))).toEqual([
      'evidence.0.ref',
      'evidence.1.ref',
    ]);
  });

  it('never shows an operator’s report to a rival; the city reads them all', async () => {
    const sharing = byCode('V.10.2');
    const rival = await client(app, operatorB)<PlanTaskDetail>('GET', `/api/v1/plan-tasks/${sharing.id}`);
    expect(rival.status).toBe(200);
    expect(rival.body.reports).toEqual([]);
    expect(rival.body).toMatchObject({ status: 'not_started', progressPct: 0, reportCount: 0 });
    const listed = await client(app, operatorB)<{ tasks: PlanTask[] }>(
      'GET',
      '/api/v1/plan-tasks?lead=operators',
    );
    expect(listed.body.tasks.find((t) => t.code === 'V.10.2')).toMatchObject({ reportCount: 0 });
    expect(listed.body.tasks.every((t) => t.lead === 'operators')).toBe(true);

    const city = await client(app, dost)<PlanTaskDetail>('GET', `/api/v1/plan-tasks/${sharing.id}`);
    expect(city.body.reports.some((r) => r.progressPct === 40)).toBe(true);
  });

  it('flags a task past its due date until it is done', async () => {
    const code = `V.99.${Math.floor(Math.random() * 1e6)}`;
    await insertMissingTasks(db, [
      {
        code,
        section: 'V.99',
        lead: 'dost',
        supporting: [],
        title: { vi: 'Nhiệm vụ thử', en: 'A test task' },
        text: 'Một nhiệm vụ đã quá hạn để kiểm tra.',
        ocrAnchor: 'not from the plan: a test task',
        indicator: null,
        cadence: 'once',
        due: '2020-01-01',
        dueIsAssumption: false,
      },
    ]);
    const overdue = await client(app, dost)<{ tasks: PlanTask[] }>('GET', '/api/v1/plan-tasks?overdue=true');
    const task = overdue.body.tasks.find((t) => t.code === code);
    expect(task).toMatchObject({ overdue: true, status: 'not_started' });
    if (!task) return;
    const done = await client(app, dost)<PlanTaskDetail>('POST', `/api/v1/plan-tasks/${task.id}/reports`, {
      json: { status: 'done', progressPct: 100, note: 'Hoàn thành' },
    });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ overdue: false, status: 'done', progressPct: 100 });
  });
});

describe('obstacles', () => {
  it('go to the agency that must act, which answers; a rival never sees them', async () => {
    const raised = await client(app, operatorA)<Obstacle>('POST', '/api/v1/obstacles', {
      json: {
        taskId: byCode('V.3.1').id,
        location: { type: 'Point', coordinates: [106.68, 20.86] },
        addressedTo: 'construction',
        title: 'Chậm cấp phép trạm BTS',
        body: 'Hồ sơ xin phép xây dựng trạm đã nộp 45 ngày chưa có kết quả.',
      },
    });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({ status: 'open', taskCode: 'V.3.1', answers: [], daysUnanswered: 0 });
    expect(raised.body.location?.coordinates).toEqual([106.68, 20.86]);
    const path = `/api/v1/obstacles/${raised.body.id}`;

    expect((await client(app, operatorB)<ErrorBody>('GET', path)).status).toBe(404);
    const rivalList = await client(app, operatorB)<{ obstacles: Obstacle[] }>('GET', '/api/v1/obstacles');
    expect(rivalList.body.obstacles.some((o) => o.id === raised.body.id)).toBe(false);
    // A rival cannot answer it either, nor learn that it exists.
    const rivalAnswer = await client(app, operatorB)<ErrorBody>('POST', `${path}/answers`, {
      json: { body: 'x' },
    });
    expect(rivalAnswer.status).toBe(404);
    // The task's open obstacles count only what the caller reads.
    const rivalTask = await client(app, operatorB)<PlanTaskDetail>(
      'GET',
      `/api/v1/plan-tasks/${byCode('V.3.1').id}`,
    );
    const cityTask = await client(app, dost)<PlanTaskDetail>(
      'GET',
      `/api/v1/plan-tasks/${byCode('V.3.1').id}`,
    );
    expect(cityTask.body.openObstacles).toBeGreaterThan(rivalTask.body.openObstacles);

    const answered = await client(app, construction)<Obstacle>('POST', `${path}/answers`, {
      json: { body: 'Sở đã tiếp nhận, sẽ trả kết quả trong 5 ngày làm việc.' },
    });
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ status: 'answered' });
    expect(answered.body.answers).toHaveLength(1);

    const inbox = await client(app, construction)<{ obstacles: Obstacle[] }>(
      'GET',
      '/api/v1/obstacles?addressedTo=construction',
    );
    expect(inbox.body.obstacles.some((o) => o.id === raised.body.id)).toBe(true);
    const collected = await client(app, dost)<Obstacle>('GET', path);
    expect(collected.status).toBe(200);

    const resolved = await client(app, operatorA)<Obstacle>('POST', `${path}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    const again = await client(app, construction)<ErrorBody>('POST', `${path}/answers`, {
      json: { body: 'thêm' },
    });
    expect(again.status).toBe(409);

    const audit = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE resource = 'obstacles' AND record_id = $1`,
      [raised.body.id],
    );
    expect(audit[0]?.n).toBe(3);
  });

  it('only the addressed agency (or the Department) answers', async () => {
    const raised = await client(app, operatorA)<Obstacle>('POST', '/api/v1/obstacles', {
      json: {
        taskId: byCode('V.10.3').id,
        addressedTo: 'communes',
        title: 'Điểm WiFi',
        body: 'Chưa có mặt bằng.',
      },
    });
    expect(raised.status).toBe(201);
    // The Construction Department is not the commune.
    const wrong = await client(app, construction)<ErrorBody>(
      'POST',
      `/api/v1/obstacles/${raised.body.id}/answers`,
      {
        json: { body: 'không phải việc của chúng tôi' },
      },
    );
    expect(wrong.status).toBe(404);
    const byDost = await client(app, dost)<Obstacle>('POST', `/api/v1/obstacles/${raised.body.id}/answers`, {
      json: { body: 'Sở KH&CN chuyển UBND xã xử lý.', resolve: true },
    });
    expect(byDost.body.status).toBe('resolved');
  });

  it('name a task or a place', async () => {
    const neither = await client(app, operatorA)<ErrorBody>('POST', '/api/v1/obstacles', {
      json: { addressedTo: 'construction', title: 'Không rõ', body: 'Không có nhiệm vụ, không có vị trí' },
    });
    expect(neither.status).toBe(400);
    expect(neither.body.error.details?.[0]?.path).toEqual(['taskId']);
    const unknownTask = await client(app, operatorA)<ErrorBody>('POST', '/api/v1/obstacles', {
      json: { taskId: crypto.randomUUID(), addressedTo: 'construction', title: 'Sai', body: 'Không có' },
    });
    expect(unknownTask.status).toBe(400);
  });
});

describe('the progress report', () => {
  /** This quarter in Vietnam's time, as the report names periods: `2026-Q4`. */
  const thisQuarter = () => {
    const local = new Date(Date.now() + 7 * 3600_000);
    return `${local.getUTCFullYear()}-Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
  };

  it('lists the period’s reports with their evidence and the open obstacles, for the Department', async () => {
    const task = byCode('V.1.2');
    const note = `Dự thảo quy hoạch đã trình thẩm định ${crypto.randomUUID().slice(0, 6)}`;
    const made = await client(app, dost)<PlanTaskDetail>('POST', `/api/v1/plan-tasks/${task.id}/reports`, {
      json: {
        status: 'in_progress',
        progressPct: 30,
        note,
        evidence: [
          { kind: 'url', ref: 'https://skhcn.haiphong.gov.vn/du-thao', label: 'Tờ trình thẩm định' },
        ],
      },
    });
    expect(made.status).toBe(201);
    const response = await app.request(`/api/v1/plan-task-report?period=${thisQuarter()}`, {
      headers: dost.headers,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const text = (await pdfText(new Uint8Array(await response.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
    expect(text).toContain('Kế hoạch số 317/KH-UBND');
    expect(text).toContain(note);
    expect(text).toContain('Tờ trình thẩm định');
    expect(text).toMatch(/V\.1\.2\. .*Đang thực hiện \(30 %\)/);
    // The overdue test task is done; the obstacle answered above is in the period.
    expect(text).toContain('Chậm cấp phép trạm BTS');

    // Not last year's: the report of a period holds only what was reported in it.
    const lastYear = await app.request(`/api/v1/plan-task-report?period=${new Date().getUTCFullYear() - 1}`, {
      headers: dost.headers,
    });
    const old = await pdfText(new Uint8Array(await lastYear.arrayBuffer()));
    expect(old.replace(/\s+/g, ' ')).not.toContain(note);
  });

  it('is rendered in the compute pool, not on the request thread', async () => {
    const run = vi.spyOn(ComputePool.prototype, 'run');
    try {
      for (const format of ['pdf', 'docx'] as const) {
        const response = await app.request(
          `/api/v1/plan-task-report?period=${thisQuarter()}&format=${format}`,
          {
            headers: dost.headers,
          },
        );
        expect(response.status).toBe(200);
        expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
        expect(run).toHaveBeenLastCalledWith(
          expect.objectContaining({ kind: 'progress-report', format }),
          expect.anything(),
        );
      }
    } finally {
      run.mockRestore();
    }
  });

  it('comes as DOCX too, with the same facts, in the administrative layout', async () => {
    const task = byCode('V.1.2');
    const note = `Hồ sơ quy hoạch đã gửi thẩm định ${crypto.randomUUID().slice(0, 6)}`;
    const made = await client(app, dost)<PlanTaskDetail>('POST', `/api/v1/plan-tasks/${task.id}/reports`, {
      json: { status: 'in_progress', progressPct: 40, note, evidence: [] },
    });
    expect(made.status).toBe(201);
    const period = thisQuarter();
    const response = await app.request(`/api/v1/plan-task-report?period=${period}&format=docx`, {
      headers: dost.headers,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="bao-cao-ke-hoach-317-${period}.docx"`,
    );
    const text = docxText(new Uint8Array(await response.arrayBuffer()));
    expect(text).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Kế hoạch số 317/KH-UBND');
    const quarter = Number(period.slice(-1));
    expect(text).toContain(`Quý ${['I', 'II', 'III', 'IV'][quarter - 1]} năm ${period.slice(0, 4)}`);
    expect(text).toContain(note);
    expect(text).toMatch(/V\.1\.2\. .*Đang thực hiện \(40 %\)/);
    expect(text).toContain('Chậm cấp phép trạm BTS');
    expect(text).toContain('IV. ĐỀ XUẤT, KIẾN NGHỊ');
    expect(text).toContain('Nơi nhận:');

    // The PDF is still the default, with the same note.
    const pdf = await app.request(`/api/v1/plan-task-report?period=${period}`, { headers: dost.headers });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect((await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/\s+/g, ' ')).toContain(note);

    const lastYear = await app.request(
      `/api/v1/plan-task-report?period=${new Date().getUTCFullYear() - 1}&format=docx`,
      { headers: dost.headers },
    );
    expect(docxText(new Uint8Array(await lastYear.arrayBuffer()))).not.toContain(note);
  });

  it('is for the city’s staff, not operators, and names its period', async () => {
    const operatorDocx = await client(app, operatorA)<ErrorBody>(
      'GET',
      `/api/v1/plan-task-report?period=${thisQuarter()}&format=docx`,
    );
    expect(operatorDocx.status).toBe(403);
    const anonymous = await app.request(`/api/v1/plan-task-report?period=${thisQuarter()}&format=docx`);
    expect([401, 403]).toContain(anonymous.status);
    const badFormat = await client(app, dost)<ErrorBody>(
      'GET',
      `/api/v1/plan-task-report?period=${thisQuarter()}&format=odt`,
    );
    expect(badFormat.status).toBe(400);
    expect(badFormat.body.error.details?.[0]?.path).toEqual(['format']);
    const operator = await client(app, operatorA)<ErrorBody>(
      'GET',
      `/api/v1/plan-task-report?period=${thisQuarter()}`,
    );
    expect(operator.status).toBe(403);
    const bad = await client(app, dost)<ErrorBody>('GET', '/api/v1/plan-task-report?period=2026-Q5');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.[0]?.path).toEqual(['period']);
  });
});
