/**
 * Heavy jobs as rows of `jobs` (migration 0020): created by the request that asks for the work,
 * advanced by the worker that does it, read by their owner from any API instance.
 */
import type { Sql } from '@hatang/db';

export type JobKind = 'coverage';
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** Seconds without a heartbeat after which a queued or running job is taken for lost. */
export const JOB_HEARTBEAT_LOST_S = 60;
/** Seconds nobody asked about a queued job after which it is abandoned, not started. */
export const JOB_ABANDONED_S = 120;
/** Finished jobs are kept this long (their results are reused for the same data), hours. */
export const JOB_KEEP_H = 24;

export interface JobRecord {
  id: string;
  kind: JobKind;
  ownerUserId: string;
  requestKey: string;
  /** A queued or running job whose instance stopped reads `failed` (see `lost`). */
  status: JobState;
  progress: number;
  step: string;
  result: unknown;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Its heartbeat stopped: the instance running it went away. */
  lost: boolean;
}

const COLUMNS = `id::text AS id, kind, owner_user_id::text AS "ownerUserId", request_key AS "requestKey",
  status, progress, step, result, error,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "startedAt",
  to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "finishedAt",
  (status IN ('queued', 'running') AND heartbeat_at < now() - interval '${JOB_HEARTBEAT_LOST_S} seconds') AS lost`;

const ACTIVE = `status IN ('queued', 'running') AND heartbeat_at >= now() - interval '${JOB_HEARTBEAT_LOST_S} seconds'`;

export async function createJob(
  sql: Sql,
  job: { id: string; kind: JobKind; ownerUserId: string; request: unknown; requestKey: string },
): Promise<void> {
  await sql.query(
    `INSERT INTO jobs (id, kind, owner_user_id, request, request_key) VALUES ($1, $2, $3, $4::text::jsonb, $5)`,
    [job.id, job.kind, job.ownerUserId, JSON.stringify(job.request), job.requestKey],
  );
}

/** The job, for its owner only (anyone else: undefined, as for a job that does not exist). */
export async function readJob(sql: Sql, id: string, ownerUserId: string): Promise<JobRecord | undefined> {
  const rows = await sql.query<JobRecord>(
    `UPDATE jobs SET polled_at = now() WHERE id = $1 AND owner_user_id = $2 RETURNING ${COLUMNS}`,
    [id, ownerUserId],
  );
  return rows[0];
}

/**
 * A job for the same request key that can stand for a new one: the owner's own, queued, running
 * or done, or anyone's done one (copied for this owner, so that only they read their copy).
 */
export async function reusableJob(
  sql: Sql,
  kind: JobKind,
  requestKey: string,
  ownerUserId: string,
): Promise<JobRecord | undefined> {
  const own = await sql.query<JobRecord>(
    `SELECT ${COLUMNS} FROM jobs WHERE kind = $1 AND request_key = $2 AND owner_user_id = $3
       AND (status = 'done' OR (${ACTIVE})) ORDER BY created_at DESC LIMIT 1`,
    [kind, requestKey, ownerUserId],
  );
  if (own[0]) return own[0];
  const copied = await sql.query<JobRecord>(
    `INSERT INTO jobs (id, kind, owner_user_id, request, request_key, status, progress, step, result,
                       started_at, finished_at)
     SELECT gen_random_uuid(), kind, $3, request, request_key, status, progress, step, result,
            started_at, finished_at
       FROM (SELECT * FROM jobs WHERE kind = $1 AND request_key = $2 AND status = 'done'
              ORDER BY finished_at DESC LIMIT 1) AS done
     RETURNING ${COLUMNS}`,
    [kind, requestKey, ownerUserId],
  );
  return copied[0];
}

/** Queued and running jobs (with a live heartbeat): the owner's and everyone's. */
export async function activeJobs(sql: Sql, kind: JobKind, ownerUserId: string) {
  const rows = await sql.query<{ own: number; all: number }>(
    `SELECT count(*) FILTER (WHERE owner_user_id = $2)::int AS own, count(*)::int AS all
       FROM jobs WHERE kind = $1 AND ${ACTIVE}`,
    [kind, ownerUserId],
  );
  return rows[0] ?? { own: 0, all: 0 };
}

/** The instance running `ids` is alive: their heartbeat goes on. */
export async function beatJobs(sql: Sql, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await sql.query(
    `UPDATE jobs SET heartbeat_at = now() WHERE id = ANY($1::uuid[]) AND status IN ('queued', 'running')`,
    [ids],
  );
}

/**
 * Marks the job running if it may start: not cancelled, and asked about recently (a job nobody
 * polls any more was abandoned and becomes `cancelled`). Returns whether to run it.
 */
export async function startJob(sql: Sql, id: string): Promise<boolean> {
  const rows = await sql.query<{ started: boolean }>(
    `UPDATE jobs SET
       status = CASE WHEN polled_at >= now() - interval '${JOB_ABANDONED_S} seconds' THEN 'running' ELSE 'cancelled' END,
       error = CASE WHEN polled_at >= now() - interval '${JOB_ABANDONED_S} seconds' THEN NULL
                    ELSE 'Nobody asked for the result any more' END,
       finished_at = CASE WHEN polled_at >= now() - interval '${JOB_ABANDONED_S} seconds' THEN NULL ELSE now() END,
       started_at = now(), heartbeat_at = now()
     WHERE id = $1 AND status = 'queued'
     RETURNING status = 'running' AS started`,
    [id],
  );
  return rows[0]?.started ?? false;
}

/** Progress of a running job; false when it was cancelled meanwhile (stop working on it). */
export async function reportProgress(sql: Sql, id: string, progress: number, step: string): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE jobs SET progress = $2, step = $3, heartbeat_at = now() WHERE id = $1 AND status = 'running'
     RETURNING 1`,
    [id, Math.max(0, Math.min(1, progress)), step],
  );
  return rows.length > 0;
}

export async function finishJob(sql: Sql, id: string, result: unknown): Promise<void> {
  await sql.query(
    `UPDATE jobs SET status = 'done', progress = 1, step = 'done', result = $2::text::jsonb, finished_at = now()
     WHERE id = $1 AND status = 'running'`,
    [id, JSON.stringify(result)],
  );
}

/** Ends a queued or running job as failed with `error` (a text for people, no internals). */
export async function failJob(sql: Sql, id: string, error: string): Promise<void> {
  await sql.query(
    `UPDATE jobs SET status = 'failed', error = $2, finished_at = now()
     WHERE id = $1 AND status IN ('queued', 'running')`,
    [id, error],
  );
}

/** The owner cancels: a queued job never starts, a running one stops at its next step. */
export async function cancelJob(sql: Sql, id: string, ownerUserId: string): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE jobs SET status = 'cancelled', error = 'Cancelled by its requester', finished_at = now()
     WHERE id = $1 AND owner_user_id = $2 AND status IN ('queued', 'running') RETURNING 1`,
    [id, ownerUserId],
  );
  return rows.length > 0;
}

/** Removes finished jobs older than JOB_KEEP_H hours and lost ones; returns how many. */
export async function pruneJobs(sql: Sql): Promise<number> {
  const rows = await sql.query(
    `DELETE FROM jobs WHERE finished_at < now() - interval '${JOB_KEEP_H} hours'
        OR heartbeat_at < now() - interval '${JOB_KEEP_H} hours' RETURNING 1`,
  );
  return rows.length;
}
