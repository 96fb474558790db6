import type { Obstacle, Organisation, PlanTask, SessionUser } from '@hatang/contracts';
import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../lib/api-client';
import { formatDay } from '../../lib/format';
import {
  buildDue,
  buildReport,
  canUseTasks,
  emptyEvidence,
  groupBySection,
  isLongUnanswered,
  mayAnswer,
  mayCompileReport,
  mayReport,
  mayResolve,
  mayScheduleTasks,
  reportPeriods,
  serverErrors,
  sortObstacles,
  taskViewerOf,
} from './task-model';
import { translateTasks } from './tasks-i18n';

const vi = (key: Parameters<typeof translateTasks>[1], params?: Record<string, string | number>) =>
  translateTasks('vi', key, params);

const user = (patch: Partial<SessionUser>): SessionUser => ({
  id: 'u1',
  email: 'x@hatang.demo',
  displayName: 'X',
  orgId: 'org-1',
  orgName: 'Org',
  orgKind: 'operator',
  adminUnitCode: null,
  roles: ['operator_editor'],
  ...patch,
});

const task = (code: string, patch: Partial<PlanTask> = {}): PlanTask => ({
  id: code,
  code,
  section: code.split('.').slice(0, 2).join('.'),
  lead: 'dost',
  supporting: [],
  title: { vi: `Nhiệm vụ ${code}`, en: `Task ${code}` },
  text: 'Nội dung',
  indicator: null,
  cadence: 'once',
  due: '2030-12-31',
  dueIsAssumption: true,
  dueSetBy: null,
  dueSetAt: null,
  dueNote: null,
  status: 'not_started',
  progressPct: 0,
  overdue: false,
  lastReportAt: null,
  reportCount: 0,
  openObstacles: 0,
  ...patch,
});

const obstacle = (patch: Partial<Obstacle>): Obstacle => ({
  id: 'o',
  taskId: null,
  taskCode: null,
  location: null,
  addressedTo: 'construction',
  title: 'Vướng',
  body: 'Chi tiết',
  status: 'open',
  raisedByOrg: 'Sông Telecom (demo)',
  raisedAt: '2026-11-01T08:00:00Z',
  daysUnanswered: 0,
  answers: [],
  ...patch,
});

describe('who uses the register', () => {
  it('refuses the public viewer role and admits staff', () => {
    expect(canUseTasks(null)).toBe(false);
    expect(canUseTasks(user({ roles: ['viewer'] }))).toBe(false);
    expect(canUseTasks(user({ roles: ['planner'] }))).toBe(true);
  });

  it("takes the organisation's own agency before its kind's", () => {
    const orgs = [{ id: 'org-1', planAgency: 'dost' } as Organisation];
    const planner = user({ orgKind: 'city_department', roles: ['planner'] });
    expect(taskViewerOf(planner, orgs)).toEqual({ agency: 'dost', coordinates: true });
    expect(taskViewerOf(planner, [])).toEqual({ agency: 'departments', coordinates: false });
    expect(taskViewerOf(user({ orgKind: 'construction_department', roles: ['reviewer'] }), [])).toEqual({
      agency: 'construction',
      coordinates: false,
    });
    expect(taskViewerOf(user({ orgKind: 'other_sector', roles: ['admin'] }), []).coordinates).toBe(true);
  });

  it('lets an agency report on the tasks it leads or supports only', () => {
    const operators = { agency: 'operators' as const, coordinates: false };
    expect(mayReport(operators, { lead: 'operators', supporting: [] })).toBe(true);
    expect(mayReport(operators, { lead: 'construction', supporting: ['operators'] })).toBe(true);
    expect(mayReport(operators, { lead: 'construction', supporting: ['communes'] })).toBe(false);
    expect(mayReport({ agency: 'dost', coordinates: true }, { lead: 'police', supporting: [] })).toBe(true);
  });

  it('lets the agency addressed answer, and the raiser too close, an obstacle not yet resolved', () => {
    const raiser = user({ orgName: 'Sông Telecom (demo)' });
    const operators = { agency: 'operators' as const, coordinates: false };
    const construction = { agency: 'construction' as const, coordinates: false };
    const o = obstacle({});
    expect(mayAnswer(operators, o)).toBe(false);
    expect(mayResolve(operators, raiser, o)).toBe(true);
    expect(mayAnswer(construction, o)).toBe(true);
    expect(mayAnswer(construction, obstacle({ status: 'resolved' }))).toBe(false);
    expect(mayResolve(operators, user({ orgName: 'Biển Mobile (demo)' }), o)).toBe(false);
  });
});

describe('the register by section', () => {
  it('orders sections and tasks numerically (V.2 before V.10), the lead as the section agency', () => {
    const sections = groupBySection([
      task('V.10.1', { lead: 'operators' }),
      task('V.1.10'),
      task('V.1.2'),
      task('V.2.1', { lead: 'finance' }),
    ]);
    expect(sections.map((s) => [s.section, s.agency])).toEqual([
      ['V.1', 'dost'],
      ['V.2', 'finance'],
      ['V.10', 'operators'],
    ]);
    expect(sections[0]?.tasks.map((x) => x.code)).toEqual(['V.1.2', 'V.1.10']);
  });

  it('puts open obstacles first, the longest unanswered first, and flags those over a week', () => {
    const sorted = sortObstacles([
      obstacle({ id: 'a', status: 'answered' }),
      obstacle({ id: 'b', daysUnanswered: 3 }),
      obstacle({ id: 'c', status: 'resolved' }),
      obstacle({ id: 'd', daysUnanswered: 9 }),
    ]);
    expect(sorted.map((o) => o.id)).toEqual(['d', 'b', 'a', 'c']);
    expect(isLongUnanswered(obstacle({ daysUnanswered: 8 }))).toBe(true);
    expect(isLongUnanswered(obstacle({ daysUnanswered: 7 }))).toBe(false);
    expect(isLongUnanswered(obstacle({ daysUnanswered: 30, status: 'answered' }))).toBe(false);
  });

  it('writes dates as dd/mm/yyyy', () => {
    expect(formatDay('2030-12-31')).toBe('31/12/2030');
    expect(formatDay('2026-01-05')).toBe('05/01/2026');
    expect(formatDay('2026-03-04T03:07:00Z', true)).toBe('04/03/2026 10:07');
  });
});

describe('the progress report', () => {
  const values = { status: 'in_progress' as const, percent: '30', note: 'Đã khảo sát', evidence: [] };

  it('builds the body the contract accepts, an asset as kind/id', () => {
    const id = '0b9f7c1e-2a3b-4c5d-8e9f-0123456789ab';
    const built = buildReport(
      {
        ...values,
        evidence: [
          { ...emptyEvidence(), ref: ' https://haiphong.gov.vn/bao-cao ' },
          { kind: 'asset', assetKind: 'poles', ref: id, label: 'Cột' },
        ],
      },
      vi,
    );
    expect(built).toEqual({
      ok: true,
      body: {
        status: 'in_progress',
        progressPct: 30,
        note: 'Đã khảo sát',
        evidence: [
          { kind: 'url', ref: 'https://haiphong.gov.vn/bao-cao' },
          { kind: 'asset', ref: `poles/${id}`, label: 'Cột' },
        ],
      },
    });
  });

  it('names every problem at once, in Vietnamese', () => {
    const built = buildReport(
      {
        ...values,
        percent: '130',
        note: '  ',
        evidence: [
          { ...emptyEvidence(), ref: 'http://insecure.example' },
          { kind: 'plan_item', assetKind: 'towers', ref: 'abc', label: '' },
          { kind: 'indicator', assetKind: 'towers', ref: '', label: '' },
        ],
      },
      vi,
    );
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors).toEqual({
      progressPct: 'Nhập số nguyên từ 0 đến 100',
      note: 'Không được để trống',
      'evidence.0.ref': 'Phải là địa chỉ bắt đầu bằng https://',
      'evidence.1.ref': 'Phải là mã định danh (UUID) của bản ghi',
      'evidence.2.ref': 'Không được để trống',
    });
    expect(buildReport({ ...values, percent: '12.5' }, vi).ok).toBe(false);
    expect(buildReport({ ...values, percent: '' }, vi).ok).toBe(false);
  });

  it("says a 403 in the UI language and keys the server's 400 problems as the form's", () => {
    const forbidden = new ApiRequestError(403, 'FORBIDDEN', 'This task is not assigned to your agency', '/x');
    expect(serverErrors(forbidden, vi, 'errForbiddenReport')['']).toMatch(/không giao cho đơn vị bạn/);
    const invalid = new ApiRequestError(400, 'VALIDATION_FAILED', 'invalid', '/x', undefined, [
      { path: ['evidence', 0, 'ref'], message: 'no plan item has this id' },
    ]);
    expect(serverErrors(invalid, vi, 'errForbiddenReport')).toEqual({
      '': 'Máy chủ từ chối báo cáo: xem các ô được đánh dấu.',
      'evidence.0.ref': 'Không tìm thấy bản ghi hoặc địa chỉ này',
    });
  });
});

describe('the periodic report', () => {
  it('is offered to the city’s staff only, as the API allows it', () => {
    expect(mayCompileReport(user({ orgKind: 'city_department', roles: ['planner'] }))).toBe(true);
    expect(mayCompileReport(user({ orgKind: 'commune', roles: ['inspector'] }))).toBe(true);
    expect(mayCompileReport(user({}))).toBe(false);
    expect(mayCompileReport(user({ orgKind: 'operator', roles: ['admin'] }))).toBe(true);
    expect(mayCompileReport(user({ orgKind: 'public', roles: ['viewer'] }))).toBe(false);
  });

  it('offers this quarter, the previous one and this year, in Vietnam time', () => {
    // 31 December 2026, 18:00 UTC is already 1 January 2027 in Hai Phong.
    expect(reportPeriods(new Date('2026-12-31T18:00:00Z')).map((p) => p.period)).toEqual([
      '2027-Q1',
      '2026-Q4',
      '2027',
    ]);
    expect(reportPeriods(new Date('2026-08-10T00:00:00Z')).map((p) => p.period)).toEqual([
      '2026-Q3',
      '2026-Q2',
      '2026',
    ]);
  });
});

describe('due dates', () => {
  const dostUser = user({ orgKind: 'city_department', roles: ['planner'] });
  it('are changed by the Department’s planners and administrators only', () => {
    expect(mayScheduleTasks(dostUser, { agency: 'dost', coordinates: true })).toBe(true);
    expect(mayScheduleTasks(user({ roles: ['admin'] }), { agency: null, coordinates: true })).toBe(true);
    expect(mayScheduleTasks(dostUser, { agency: 'departments', coordinates: false })).toBe(false);
    // A Department reviewer coordinates obstacles but the route is for planners and admins.
    expect(mayScheduleTasks(user({ roles: ['reviewer'] }), { agency: 'dost', coordinates: true })).toBe(
      false,
    );
  });

  it('need a date within 2026–2040 and a reason, said in the UI language', () => {
    expect(buildDue({ due: '2027-06-30', note: ' Theo chỉ đạo ' }, vi)).toEqual({
      ok: true,
      body: { due: '2027-06-30', note: 'Theo chỉ đạo' },
    });
    const bad = buildDue({ due: '2050-01-01', note: '' }, vi);
    expect(bad).toEqual({
      ok: false,
      errors: { due: vi('errDueRange'), note: vi('errTooShort', { min: 3 }) },
    });
  });
});
