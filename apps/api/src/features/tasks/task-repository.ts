/**
 * Plan 317's task register and obstacles in the database (migrations/0021): the tasks as the plan
 * states them, the progress reports and obstacles each caller may read (task-access.ts), and
 * their writes. Each read filters in SQL, so nothing the caller may not read leaves the database.
 */
import {
  type PlanAgency,
  type PlanTaskReportCreate,
  type PlanTaskSource,
  type PointGeometry,
  pointGeometry,
} from '@hatang/contracts';
import { geoJson, orm, type Sql } from '@hatang/db';
import {
  obstacleAnswers,
  obstacles,
  organisations,
  planTaskReports,
  planTasks,
  users,
} from '@hatang/db/schema';
import { and, asc, desc, eq, inArray, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { COMMERCIAL_KINDS, type TaskViewer } from './task-access.js';

/** Adds the plan's tasks the register does not hold yet (by code); returns how many it added. */
export async function insertMissingTasks(db: Sql, sources: readonly PlanTaskSource[]): Promise<number> {
  if (sources.length === 0) return 0;
  const added = await orm(db)
    .insert(planTasks)
    .values(
      sources.map((task) => ({
        id: crypto.randomUUID(),
        code: task.code,
        section: task.section,
        leadAgency: task.lead,
        supportingAgencies: task.supporting,
        titleVi: task.title.vi,
        titleEn: task.title.en,
        body: task.text,
        indicator: task.indicator,
        cadence: task.cadence,
        dueDate: task.due,
        dueIsAssumption: task.dueIsAssumption,
      })),
    )
    .onConflictDoNothing({ target: planTasks.code })
    .returning({ id: planTasks.id });
  return added.length;
}

const TASK_FIELDS = {
  id: planTasks.id,
  code: planTasks.code,
  section: planTasks.section,
  lead: planTasks.leadAgency,
  supporting: planTasks.supportingAgencies,
  titleVi: planTasks.titleVi,
  titleEn: planTasks.titleEn,
  text: planTasks.body,
  indicator: planTasks.indicator,
  cadence: planTasks.cadence,
  due: planTasks.dueDate,
  dueIsAssumption: planTasks.dueIsAssumption,
  dueSetBy: organisations.name,
  dueSetAt: planTasks.dueSetAt,
  dueNote: planTasks.dueNote,
  version: planTasks.version,
};

/** The tasks with the name of the organisation that set each one's due date (if one did). */
const tasksWithDueSetter = (db: Sql) =>
  orm(db)
    .select(TASK_FIELDS)
    .from(planTasks)
    .leftJoin(organisations, eq(organisations.id, planTasks.dueSetByOrgId));

export const listTaskRows = (db: Sql) => tasksWithDueSetter(db);

export async function findTaskRow(db: Sql, id: string, lock = false) {
  const query = tasksWithDueSetter(db).where(eq(planTasks.id, id));
  const [row] = await (lock ? query.for('update', { of: planTasks }) : query);
  return row;
}
export type TaskRow = NonNullable<Awaited<ReturnType<typeof findTaskRow>>>;

/** Sets a task's due date as `orgId` decided it, and why; bumps the task's version. */
export async function updateTaskDue(
  tx: Sql,
  taskId: string,
  change: { due: string; note: string; orgId: string; userId: string | null },
): Promise<void> {
  await orm(tx)
    .update(planTasks)
    .set({
      dueDate: change.due,
      dueNote: change.note,
      dueSetBy: change.userId,
      dueSetByOrgId: change.orgId,
      dueSetAt: sql`now()`,
      version: sql`${planTasks.version} + 1`,
    })
    .where(eq(planTasks.id, taskId));
}

/** The reports `viewer` reads: all for city staff; else their own and non-commercial organisations'. */
function readableReports(viewer: TaskViewer): SQL | undefined {
  if (viewer.government) return undefined;
  return or(eq(planTaskReports.orgId, viewer.orgId), notInArray(organisations.kind, [...COMMERCIAL_KINDS]));
}

/** The progress reports `viewer` reads, newest first (of one task, or of all). */
export function listReports(db: Sql, viewer: TaskViewer, taskId?: string) {
  return orm(db)
    .select({
      id: planTaskReports.id,
      taskId: planTaskReports.taskId,
      orgId: planTaskReports.orgId,
      orgName: organisations.name,
      status: planTaskReports.status,
      progressPct: planTaskReports.progressPct,
      note: planTaskReports.note,
      evidence: planTaskReports.evidence,
      reportedBy: sql<string>`coalesce(${users.displayName}, '')`,
      reportedAt: planTaskReports.reportedAt,
    })
    .from(planTaskReports)
    .innerJoin(organisations, eq(organisations.id, planTaskReports.orgId))
    .leftJoin(users, eq(users.id, planTaskReports.reportedBy))
    .where(and(readableReports(viewer), taskId ? eq(planTaskReports.taskId, taskId) : undefined))
    .orderBy(desc(planTaskReports.reportedAt), desc(planTaskReports.id));
}
export type ReportRow = Awaited<ReturnType<typeof listReports>>[number];

export async function insertReport(
  tx: Sql,
  taskId: string,
  orgId: string,
  userId: string | null,
  report: Required<PlanTaskReportCreate>,
): Promise<string> {
  const id = crypto.randomUUID();
  await orm(tx).insert(planTaskReports).values({
    id,
    taskId,
    orgId,
    reportedBy: userId,
    status: report.status,
    progressPct: report.progressPct,
    note: report.note,
    evidence: report.evidence,
  });
  return id;
}

/** The obstacles `viewer` reads: all when coordinating; else those they raised or must answer. */
function readableObstacles(viewer: TaskViewer): SQL | undefined {
  if (viewer.coordinates) return undefined;
  return or(
    eq(obstacles.raisedByOrgId, viewer.orgId),
    viewer.agency ? eq(obstacles.addressedTo, viewer.agency) : undefined,
  );
}

export interface ObstacleFilter {
  status?: 'open' | 'answered' | 'resolved';
  addressedTo?: PlanAgency;
  taskId?: string;
  id?: string;
}

/** The obstacles `viewer` reads, open ones first, then oldest first. */
export function listObstacleRows(db: Sql, viewer: TaskViewer, filter: ObstacleFilter, lock = false) {
  const query = orm(db)
    .select({
      id: obstacles.id,
      taskId: obstacles.taskId,
      taskCode: planTasks.code,
      // 7 decimals (~1 cm); NULL for an obstacle about a task only.
      location: geoJson(obstacles.geom, 7).mapWith((value: unknown) =>
        pointGeometry.nullable().parse(typeof value === 'string' ? JSON.parse(value) : value),
      ),
      addressedTo: obstacles.addressedTo,
      title: obstacles.title,
      body: obstacles.body,
      status: obstacles.status,
      raisedByOrgId: obstacles.raisedByOrgId,
      raisedByOrg: organisations.name,
      raisedAt: obstacles.raisedAt,
      firstAnsweredAt: obstacles.firstAnsweredAt,
      version: obstacles.version,
    })
    .from(obstacles)
    .innerJoin(organisations, eq(organisations.id, obstacles.raisedByOrgId))
    .leftJoin(planTasks, eq(planTasks.id, obstacles.taskId))
    .where(
      and(
        readableObstacles(viewer),
        filter.id ? eq(obstacles.id, filter.id) : undefined,
        filter.status ? eq(obstacles.status, filter.status) : undefined,
        filter.addressedTo ? eq(obstacles.addressedTo, filter.addressedTo) : undefined,
        filter.taskId ? eq(obstacles.taskId, filter.taskId) : undefined,
      ),
    )
    .orderBy(sql`${obstacles.status} = 'resolved'`, asc(obstacles.raisedAt), asc(obstacles.id));
  return lock ? query.for('update', { of: obstacles }) : query;
}
export type ObstacleRow = Awaited<ReturnType<typeof listObstacleRows>>[number];

/** The answers to these obstacles, oldest first. */
export function listAnswers(db: Sql, obstacleIds: readonly string[]) {
  if (obstacleIds.length === 0) return Promise.resolve([]);
  return orm(db)
    .select({
      id: obstacleAnswers.id,
      obstacleId: obstacleAnswers.obstacleId,
      orgName: organisations.name,
      body: obstacleAnswers.body,
      answeredBy: sql<string>`coalesce(${users.displayName}, '')`,
      answeredAt: obstacleAnswers.answeredAt,
    })
    .from(obstacleAnswers)
    .innerJoin(organisations, eq(organisations.id, obstacleAnswers.orgId))
    .leftJoin(users, eq(users.id, obstacleAnswers.answeredBy))
    .where(inArray(obstacleAnswers.obstacleId, [...obstacleIds]))
    .orderBy(asc(obstacleAnswers.answeredAt), asc(obstacleAnswers.id));
}

export interface NewObstacle {
  taskId: string | null;
  location: PointGeometry | null;
  addressedTo: PlanAgency;
  title: string;
  body: string;
}

export async function insertObstacle(
  tx: Sql,
  orgId: string,
  userId: string | null,
  o: NewObstacle,
): Promise<string> {
  const id = crypto.randomUUID();
  await orm(tx)
    .insert(obstacles)
    .values({
      id,
      taskId: o.taskId,
      geom: o.location && sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(o.location)}), 4326)`,
      addressedTo: o.addressedTo,
      title: o.title,
      body: o.body,
      raisedByOrgId: orgId,
      raisedBy: userId,
    });
  return id;
}

/** Records an answer; the first one moves an open obstacle to answered, `resolve` closes it. */
export async function insertAnswer(
  tx: Sql,
  obstacleId: string,
  orgId: string,
  userId: string | null,
  body: string,
  resolve: boolean,
): Promise<void> {
  await orm(tx)
    .insert(obstacleAnswers)
    .values({ id: crypto.randomUUID(), obstacleId, orgId, answeredBy: userId, body });
  await orm(tx)
    .update(obstacles)
    .set({
      status: resolve ? 'resolved' : 'answered',
      version: sql`${obstacles.version} + 1`,
      firstAnsweredAt: sql`coalesce(${obstacles.firstAnsweredAt}, now())`,
      ...(resolve ? { resolvedAt: sql`now()` } : {}),
    })
    .where(eq(obstacles.id, obstacleId));
}

export async function markResolved(tx: Sql, obstacleId: string): Promise<void> {
  await orm(tx)
    .update(obstacles)
    .set({ status: 'resolved', resolvedAt: sql`now()`, version: sql`${obstacles.version} + 1` })
    .where(eq(obstacles.id, obstacleId));
}

/** The organisation's own plan agency setting (NULL: derived from its kind). */
export async function planAgencyOfOrg(db: Sql, orgId: string): Promise<PlanAgency | null> {
  const [row] = await orm(db)
    .select({ planAgency: organisations.planAgency })
    .from(organisations)
    .where(eq(organisations.id, orgId));
  return row?.planAgency ?? null;
}
