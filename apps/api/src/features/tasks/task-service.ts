/**
 * Plan 317's task register: the tasks in the plan's order with the progress each caller may read,
 * progress reports with evidence checked to exist, and obstacles raised, answered and resolved —
 * each write one audited transaction. Who reads and acts is task-access.ts's.
 */
import {
  type Obstacle,
  type ObstacleCreate,
  type obstacleCreate,
  type PlanTask,
  type PlanTaskDetail,
  type PlanTaskReport,
  type PlanTaskReportCreate,
  type PlanTaskStatus,
  type ProgressReportFormat,
  type TaskEvidenceLink,
  taskEvidenceLink,
} from '@hatang/contracts';
import { ASSET_TABLES, orm, type Sql } from '@hatang/db';
import { planItems } from '@hatang/db/schema';
import { eq, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { z } from 'zod';
import { auditCreated, recordAudit } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { ApiError, notFound, validationFailed } from '../../errors.js';
import { userOf } from '../../http/request-input.js';
import { columnOf } from '../assets/sql/feature-sql.js';
import {
  assertMayAnswer,
  assertMayReport,
  assertMayScheduleTasks,
  mayReadObstacle,
  type TaskViewer,
  taskViewerOf,
} from './task-access.js';
import type { ReportPeriod } from './task-report.js';
import {
  findTaskRow,
  insertAnswer,
  insertObstacle,
  insertReport,
  listAnswers,
  listObstacleRows,
  listReports,
  listTaskRows,
  markResolved,
  type ObstacleFilter,
  type ObstacleRow,
  planAgencyOfOrg,
  type ReportRow,
  type TaskRow,
  updateTaskDue,
} from './task-repository.js';

export const PLAN_TASKS = 'plan-tasks';
export const OBSTACLES = 'obstacles';

/** The signed-in caller as the register sees them (the policy admits only signed-in staff). */
export async function viewerOf(c: Context<AppEnv>, db: Sql): Promise<TaskViewer> {
  const principal = c.get('principal');
  if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in to use the task register');
  return taskViewerOf(principal, await planAgencyOfOrg(db, principal.orgId));
}

/** `V.2.10` after `V.2.9`: codes compared part by part (roman section, then numbers). */
const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10 };
const romanValue = (r: string) =>
  [...r].reduce((sum, ch, i) => {
    const v = ROMAN[ch] ?? 0;
    const next = ROMAN[r[i + 1] ?? ''] ?? 0;
    return sum + (v < next ? -v : v);
  }, 0);
export function compareCodes(a: string, b: string): number {
  const [ra = '', ...na] = a.split('.');
  const [rb = '', ...nb] = b.split('.');
  if (ra !== rb) return romanValue(ra) - romanValue(rb);
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    const d = Number(na[i] ?? 0) - Number(nb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const today = () => new Date().toISOString().slice(0, 10);

function reportOf(row: ReportRow): PlanTaskReport {
  const evidence = taskEvidenceLink.array().safeParse(row.evidence);
  return { ...row, evidence: evidence.success ? evidence.data : [] };
}

function taskOf(row: TaskRow, reports: readonly ReportRow[], openObstacles: number): PlanTask {
  const latest = reports[0];
  const status: PlanTaskStatus = latest?.status ?? 'not_started';
  return {
    id: row.id,
    code: row.code,
    section: row.section,
    lead: row.lead,
    supporting: row.supporting,
    title: { vi: row.titleVi, en: row.titleEn },
    text: row.text,
    indicator: row.indicator,
    cadence: row.cadence,
    due: row.due,
    dueIsAssumption: row.dueIsAssumption,
    dueSetBy: row.dueSetAt ? (row.dueSetBy ?? '') : null,
    dueSetAt: row.dueSetAt,
    dueNote: row.dueNote,
    status,
    progressPct: latest?.progressPct ?? 0,
    overdue: status !== 'done' && row.due < today(),
    lastReportAt: latest?.reportedAt ?? null,
    reportCount: reports.length,
    openObstacles,
  };
}

const groupBy = <T, K>(items: readonly T[], key: (item: T) => K) => {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
};

export interface TaskListFilter {
  lead?: PlanTask['lead'];
  status?: PlanTaskStatus;
  overdue?: 'true' | 'false';
}

/** Every task in the plan's order with the reports (newest first) and open obstacles `viewer` reads. */
export async function taskDetails(db: Sql, viewer: TaskViewer): Promise<PlanTaskDetail[]> {
  const [rows, reports, open] = await Promise.all([
    listTaskRows(db),
    listReports(db, viewer),
    listObstacleRows(db, viewer, {}),
  ]);
  const reportsByTask = groupBy(reports, (r) => r.taskId);
  const openByTask = groupBy(
    open.filter((o) => o.status !== 'resolved'),
    (o) => o.taskId,
  );
  return rows
    .sort((a, b) => compareCodes(a.code, b.code))
    .map((row) => {
      const taskReports = reportsByTask.get(row.id) ?? [];
      const task = taskOf(row, taskReports, openByTask.get(row.id)?.length ?? 0);
      return { ...task, reports: taskReports.map(reportOf) };
    });
}

/** The tasks in the plan's order, each with the latest progress and open obstacles `viewer` reads. */
export async function listTasks(
  db: Sql,
  viewer: TaskViewer,
  filter: TaskListFilter = {},
): Promise<PlanTask[]> {
  return (await taskDetails(db, viewer))
    .map(({ reports: _, ...task }) => task)
    .filter(
      (task) =>
        (!filter.lead || task.lead === filter.lead) &&
        (!filter.status || task.status === filter.status) &&
        (!filter.overdue || String(task.overdue) === filter.overdue),
    );
}

export async function taskDetail(db: Sql, viewer: TaskViewer, id: string): Promise<PlanTaskDetail> {
  const row = await findTaskRow(db, id);
  if (!row) throw notFound('Task');
  const [reports, open] = await Promise.all([
    listReports(db, viewer, id),
    listObstacleRows(db, viewer, { taskId: id }),
  ]);
  const openCount = open.filter((o) => o.status !== 'resolved').length;
  return { ...taskOf(row, reports, openCount), reports: reports.map(reportOf) };
}

/** Each evidence link names something that exists: a plan item, an asset, an https page. */
async function checkEvidence(tx: Sql, evidence: readonly TaskEvidenceLink[]) {
  const issues: { path: (string | number)[]; message: string }[] = [];
  for (const [i, link] of evidence.entries()) {
    const path = ['evidence', i, 'ref'];
    if (link.kind === 'url') {
      if (!/^https:\/\/[^\s/]+\.[^\s]+$/.test(link.ref))
        issues.push({ path, message: 'must be an https:// address' });
    } else if (link.kind === 'plan_item') {
      const found = /^[0-9a-f-]{36}$/i.test(link.ref)
        ? await orm(tx).select({ id: planItems.id }).from(planItems).where(eq(planItems.id, link.ref))
        : [];
      if (found.length === 0) issues.push({ path, message: 'no plan item has this id' });
    } else if (link.kind === 'asset') {
      const [kind = '', id = ''] = link.ref.split('/');
      const table = Object.hasOwn(ASSET_TABLES, kind)
        ? ASSET_TABLES[kind as keyof typeof ASSET_TABLES]
        : undefined;
      const found =
        table && /^[0-9a-f-]{36}$/i.test(id)
          ? await orm(tx).execute(sql`SELECT 1 FROM ${table} WHERE ${columnOf(table, 'id')} = ${id}`)
          : [];
      if (found.length === 0)
        issues.push({
          path,
          message: 'name an asset as <kind>/<id>, e.g. towers/… , of a record that exists',
        });
    } else if (!/^[a-z0-9_.-]{2,64}$/i.test(link.ref)) {
      issues.push({ path, message: 'must be an indicator key' });
    }
  }
  if (issues.length) throw validationFailed(issues);
}

export async function reportProgress(
  c: Context<AppEnv>,
  id: string,
  body: Required<PlanTaskReportCreate>,
): Promise<PlanTaskDetail> {
  const db = c.var.services.db;
  const viewer = await viewerOf(c, db);
  return db.transaction(async (tx) => {
    const row = await findTaskRow(tx, id);
    if (!row) throw notFound('Task');
    assertMayReport(viewer, row);
    await checkEvidence(tx, body.evidence);
    const reportId = await insertReport(tx, id, viewer.orgId, userOf(c), body);
    const report = { id: reportId, taskId: id, ...body };
    await auditCreated(tx, c, `${PLAN_TASKS}-reports`, report);
    return taskDetail(tx, viewer, id);
  });
}

/**
 * The Department's due date for a task, and why (the plan gives none per task: 31/12/2030 was
 * Hatang's assumption). One audited transaction; overdue follows the new date.
 */
export async function setTaskDue(
  c: Context<AppEnv>,
  id: string,
  body: { due: string; note: string },
): Promise<PlanTaskDetail> {
  const db = c.var.services.db;
  const viewer = await viewerOf(c, db);
  assertMayScheduleTasks(viewer);
  return db.transaction(async (tx) => {
    const row = await findTaskRow(tx, id, true);
    if (!row) throw notFound('Task');
    await updateTaskDue(tx, id, { ...body, orgId: viewer.orgId, userId: userOf(c) });
    await recordAudit(tx, c, {
      resource: PLAN_TASKS,
      recordId: id,
      action: 'update',
      version: row.version + 1,
      before: { due: row.due, dueNote: row.dueNote },
      after: { due: body.due, dueNote: body.note },
    });
    return taskDetail(tx, viewer, id);
  });
}

function obstacleOf(row: ObstacleRow, answers: Awaited<ReturnType<typeof listAnswers>>): Obstacle {
  const since = Date.parse(row.raisedAt);
  return {
    id: row.id,
    taskId: row.taskId,
    taskCode: row.taskCode,
    location: row.location,
    addressedTo: row.addressedTo,
    title: row.title,
    body: row.body,
    status: row.status,
    raisedByOrg: row.raisedByOrg,
    raisedAt: row.raisedAt,
    daysUnanswered: row.firstAnsweredAt ? 0 : Math.max(0, Math.floor((Date.now() - since) / 86_400_000)),
    answers: answers.filter((a) => a.obstacleId === row.id).map(({ obstacleId: _, ...answer }) => answer),
  };
}

export async function listObstacles(
  db: Sql,
  viewer: TaskViewer,
  filter: ObstacleFilter,
): Promise<Obstacle[]> {
  const rows = await listObstacleRows(db, viewer, filter);
  const answers = await listAnswers(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => obstacleOf(row, answers));
}

/** The obstacle `viewer` reads (404 otherwise, like one that does not exist). */
async function readableObstacle(db: Sql, viewer: TaskViewer, id: string, lock = false) {
  const [row] = await listObstacleRows(db, viewer, { id }, lock);
  if (!row || !mayReadObstacle(viewer, row)) throw notFound('Obstacle');
  return row;
}

export async function obstacleDetail(db: Sql, viewer: TaskViewer, id: string): Promise<Obstacle> {
  const row = await readableObstacle(db, viewer, id);
  return obstacleOf(row, await listAnswers(db, [id]));
}

export async function raiseObstacle(
  c: Context<AppEnv>,
  body: z.output<typeof obstacleCreate>,
): Promise<Obstacle> {
  const db = c.var.services.db;
  const viewer = await viewerOf(c, db);
  return db.transaction(async (tx) => {
    if (body.taskId && !(await findTaskRow(tx, body.taskId)))
      throw validationFailed([{ path: ['taskId'], message: 'no task has this id' }]);
    const id = await insertObstacle(tx, viewer.orgId, userOf(c), body);
    const raised = { id, ...body };
    await auditCreated(tx, c, OBSTACLES, raised);
    return obstacleDetail(tx, viewer, id);
  });
}

export async function answerObstacle(
  c: Context<AppEnv>,
  id: string,
  answer: { body: string; resolve: boolean },
): Promise<Obstacle> {
  const db = c.var.services.db;
  const viewer = await viewerOf(c, db);
  return db.transaction(async (tx) => {
    const row = await readableObstacle(tx, viewer, id, true);
    assertMayAnswer(viewer, row);
    if (row.status === 'resolved')
      throw new ApiError(409, 'CONFLICT', 'This obstacle is resolved: raise a new one if it comes back');
    await insertAnswer(tx, id, viewer.orgId, userOf(c), answer.body, answer.resolve);
    await recordAudit(tx, c, {
      resource: OBSTACLES,
      recordId: id,
      action: 'update',
      version: row.version + 1,
      before: { status: row.status },
      after: { status: answer.resolve ? 'resolved' : 'answered', answer: answer.body },
    });
    return obstacleDetail(tx, viewer, id);
  });
}

export async function resolveObstacle(c: Context<AppEnv>, id: string): Promise<Obstacle> {
  const db = c.var.services.db;
  const viewer = await viewerOf(c, db);
  return db.transaction(async (tx) => {
    const row = await readableObstacle(tx, viewer, id, true);
    if (row.raisedByOrgId !== viewer.orgId) assertMayAnswer(viewer, row);
    if (row.status === 'resolved') throw new ApiError(409, 'CONFLICT', 'This obstacle is already resolved');
    await markResolved(tx, id);
    await recordAudit(tx, c, {
      resource: OBSTACLES,
      recordId: id,
      action: 'update',
      version: row.version + 1,
      before: { status: row.status },
      after: { status: 'resolved' },
    });
    return obstacleDetail(tx, viewer, id);
  });
}

export type { ObstacleCreate };

/**
 * The period's progress report (PDF or DOCX), for the city's staff (it holds every agency's
 * reports). Read here, rendered in the compute pool like the plan's PDF exports: a year's report
 * with every agency's reports runs to many pages, which is seconds of layout off the request thread.
 */
export async function progressReport(
  c: Context<AppEnv>,
  period: ReportPeriod,
  format: ProgressReportFormat,
): Promise<Uint8Array> {
  const db = c.var.services.db;
  const viewer = await viewerOf(c, db);
  if (!viewer.government)
    throw new ApiError(
      403,
      'FORBIDDEN',
      'The progress report is for the city’s staff: it holds every agency’s reports',
    );
  const [tasks, obstacles] = await Promise.all([taskDetails(db, viewer), listObstacles(db, viewer, {})]);
  const input = { period, tasks, obstacles, issuedAt: new Date().toISOString() };
  const compute = c.var.services.compute;
  if (!compute) throw new Error('the progress report needs the compute pool (app.ts sets it)');
  return compute.run({ kind: 'progress-report', format, input }, c.req.raw.signal);
}
