/**
 * Heavy jobs as rows of `jobs` (migration 0020): created by the request that asks for the work,
 * advanced by the worker that does it, read by their owner from any API instance.
 */
import { orm, type RowOf, type Sql } from '@hatang/db';
import { type JOB_KINDS, type JOB_STATES, jobs } from '@hatang/db/schema';
import { and, count, desc, eq, getTableColumns, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';

export type JobKind = (typeof JOB_KINDS)[number];
export type JobState = (typeof JOB_STATES)[number];

/** Seconds without a heartbeat after which a queued or running job is taken for lost. */
export const JOB_HEARTBEAT_LOST_S = 60;
/** Seconds nobody asked about a queued job after which it is abandoned, not started. */
export const JOB_ABANDONED_S = 120;
/** Finished jobs are kept this long (their results are reused for the same data), hours. */
export const JOB_KEEP_H = 24;

/** `now()` minus a constant of this module (written into the statement, not a parameter). */
const ago = (amount: number, unit: 'seconds' | 'hours'): SQL =>
  sql.raw(`now() - interval '${amount} ${unit}'`);
const now = sql`now()`;

const unfinished = inArray(jobs.status, ['queued', 'running']);
const heartbeatLive = gte(jobs.heartbeatAt, ago(JOB_HEARTBEAT_LOST_S, 'seconds'));
const active = and(unfinished, heartbeatLive);

/** What a job's owner reads. */
const record = {
  id: jobs.id,
  kind: jobs.kind,
  ownerUserId: jobs.ownerUserId,
  requestKey: jobs.requestKey,
  /** A queued or running job whose instance stopped reads `failed` (see `lost`). */
  status: jobs.status,
  progress: jobs.progress,
  step: jobs.step,
  result: jobs.result,
  error: jobs.error,
  createdAt: jobs.createdAt,
  startedAt: jobs.startedAt,
  finishedAt: jobs.finishedAt,
  /** Its heartbeat stopped: the instance running it went away. */
  lost: sql<boolean>`(${unfinished} AND ${jobs.heartbeatAt} < ${ago(JOB_HEARTBEAT_LOST_S, 'seconds')})`,
};

export type JobRecord = RowOf<typeof record>;

export async function createJob(
  on: Sql,
  job: { id: string; kind: JobKind; ownerUserId: string; request: unknown; requestKey: string },
): Promise<void> {
  await orm(on).insert(jobs).values(job);
}

/** The job, for its owner only (anyone else: undefined, as for a job that does not exist). */
export async function readJob(on: Sql, id: string, ownerUserId: string): Promise<JobRecord | undefined> {
  const [row] = await orm(on)
    .update(jobs)
    .set({ polledAt: now })
    .where(and(eq(jobs.id, id), eq(jobs.ownerUserId, ownerUserId)))
    .returning(record);
  return row;
}

/**
 * A job for the same request key that can stand for a new one: the owner's own, queued, running
 * or done, or anyone's done one (copied for this owner, so that only they read their copy).
 */
export async function reusableJob(
  on: Sql,
  kind: JobKind,
  requestKey: string,
  ownerUserId: string,
): Promise<JobRecord | undefined> {
  const db = orm(on);
  const sameRequest = and(eq(jobs.kind, kind), eq(jobs.requestKey, requestKey));
  const [own] = await db
    .select(record)
    .from(jobs)
    .where(and(sameRequest, eq(jobs.ownerUserId, ownerUserId), or(eq(jobs.status, 'done'), active)))
    .orderBy(desc(jobs.createdAt))
    .limit(1);
  if (own) return own;
  const [copied] = await db
    .insert(jobs)
    .select(
      db
        // Every column in the table's order (insert … select needs it): the done job's, with
        // a new id and owner, and its times of creation and polling now.
        .select({
          ...getTableColumns(jobs),
          id: sql<string>`gen_random_uuid()`.as('id'),
          ownerUserId: sql<string>`${ownerUserId}::uuid`.as('owner_user_id'),
          createdAt: now.as('created_at'),
          heartbeatAt: now.as('heartbeat_at'),
          polledAt: now.as('polled_at'),
        })
        .from(jobs)
        .where(and(sameRequest, eq(jobs.status, 'done')))
        .orderBy(desc(jobs.finishedAt))
        .limit(1),
    )
    .returning(record);
  return copied;
}

/** Queued and running jobs (with a live heartbeat): the owner's and everyone's. */
export async function activeJobs(on: Sql, kind: JobKind, ownerUserId: string) {
  const [row] = await orm(on)
    .select({
      own: sql<number>`count(*) FILTER (WHERE ${eq(jobs.ownerUserId, ownerUserId)})`.mapWith(Number),
      all: count(),
    })
    .from(jobs)
    .where(and(eq(jobs.kind, kind), active));
  return row ?? { own: 0, all: 0 };
}

/** The instance running `ids` is alive: their heartbeat goes on. */
export async function beatJobs(on: Sql, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await orm(on)
    .update(jobs)
    .set({ heartbeatAt: now })
    .where(and(inArray(jobs.id, [...ids]), unfinished));
}

/**
 * Marks the job running if it may start: not cancelled, and asked about recently (a job nobody
 * polls any more was abandoned and becomes `cancelled`). Returns whether to run it.
 */
export async function startJob(on: Sql, id: string): Promise<boolean> {
  const wanted = sql`${jobs.polledAt} >= ${ago(JOB_ABANDONED_S, 'seconds')}`;
  const [row] = await orm(on)
    .update(jobs)
    .set({
      status: sql`CASE WHEN ${wanted} THEN 'running' ELSE 'cancelled' END`,
      error: sql`CASE WHEN ${wanted} THEN NULL ELSE 'Nobody asked for the result any more' END`,
      finishedAt: sql`CASE WHEN ${wanted} THEN NULL ELSE now() END`,
      startedAt: now,
      heartbeatAt: now,
    })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'queued')))
    .returning({ started: sql<boolean>`${jobs.status} = 'running'` });
  return row?.started ?? false;
}

/** Progress of a running job; false when it was cancelled meanwhile (stop working on it). */
export async function reportProgress(on: Sql, id: string, progress: number, step: string): Promise<boolean> {
  const rows = await orm(on)
    .update(jobs)
    .set({ progress: Math.max(0, Math.min(1, progress)), step, heartbeatAt: now })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'running')))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function finishJob(on: Sql, id: string, result: unknown): Promise<void> {
  await orm(on)
    .update(jobs)
    .set({ status: 'done', progress: 1, step: 'done', result, finishedAt: now })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'running')));
}

/** Ends a queued or running job as failed with `error` (a text for people, no internals). */
export async function failJob(on: Sql, id: string, error: string): Promise<void> {
  await orm(on)
    .update(jobs)
    .set({ status: 'failed', error, finishedAt: now })
    .where(and(eq(jobs.id, id), unfinished));
}

/** The owner cancels: a queued job never starts, a running one stops at its next step. */
export async function cancelJob(on: Sql, id: string, ownerUserId: string): Promise<boolean> {
  const rows = await orm(on)
    .update(jobs)
    .set({ status: 'cancelled', error: 'Cancelled by its requester', finishedAt: now })
    .where(and(eq(jobs.id, id), eq(jobs.ownerUserId, ownerUserId), unfinished))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Removes finished jobs older than JOB_KEEP_H hours and lost ones; returns how many. */
export async function pruneJobs(on: Sql): Promise<number> {
  const rows = await orm(on)
    .delete(jobs)
    .where(or(lt(jobs.finishedAt, ago(JOB_KEEP_H, 'hours')), lt(jobs.heartbeatAt, ago(JOB_KEEP_H, 'hours'))))
    .returning({ id: jobs.id });
  return rows.length;
}
