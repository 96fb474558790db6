/**
 * Failed-login counters in the `login_throttle` table, so every API instance sees the same
 * counts: per account (`email:…`, default 5 failures in 15 min lock it for 15 min) and per client
 * (`ip:…`, default 20 failures in 15 min block it for 15 min). Unknown e-mails are counted too,
 * so a lock does not reveal whether an account exists.
 */
import type { Sql } from '@hatang/db';
import { toPgTextArray } from '../sql/columns.js';
import type { ResolvedAuthOptions } from './options.js';

export const emailKey = (email: string) => `email:${email.toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** The latest lock among `keys` still in force at `now`, or undefined. */
export async function lockedUntil(sql: Sql, keys: readonly string[], now: Date): Promise<Date | undefined> {
  const rows = await sql.query<{ until_ms: number | null }>(
    `SELECT (extract(epoch FROM max(locked_until)) * 1000)::float8 AS until_ms FROM login_throttle
     WHERE key = ANY($1::text[]) AND locked_until > $2::timestamptz`,
    [toPgTextArray(keys), now.toISOString()],
  );
  const ms = rows[0]?.until_ms;
  return ms ? new Date(ms) : undefined;
}

/**
 * Counts one failure for `key`; a new window starts when the old one is over or its lock has
 * ended. Returns the lock's end when this failure reached `limit`.
 */
export async function recordFailure(
  sql: Sql,
  key: string,
  limit: number,
  options: ResolvedAuthOptions,
): Promise<Date | undefined> {
  const now = options.now();
  const windowStart = new Date(now.getTime() - options.throttleWindowMs).toISOString();
  const lockEnd = new Date(now.getTime() + options.throttleWindowMs).toISOString();
  const rows = await sql.query<{ until_ms: number | null }>(
    `INSERT INTO login_throttle AS t (key, failures, window_started_at, locked_until)
     VALUES ($1, 1, $2::timestamptz, CASE WHEN $5::int <= 1 THEN $4::timestamptz END)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN t.window_started_at <= $3::timestamptz OR t.locked_until <= $2::timestamptz
                       THEN 1 ELSE t.failures + 1 END,
       window_started_at = CASE WHEN t.window_started_at <= $3::timestamptz OR t.locked_until <= $2::timestamptz
                       THEN $2::timestamptz ELSE t.window_started_at END,
       locked_until = CASE
         WHEN t.window_started_at <= $3::timestamptz OR t.locked_until <= $2::timestamptz
           THEN CASE WHEN $5::int <= 1 THEN $4::timestamptz END
         WHEN t.failures + 1 >= $5::int THEN $4::timestamptz
         ELSE t.locked_until END
     RETURNING (extract(epoch FROM t.locked_until) * 1000)::float8 AS until_ms`,
    [key, now.toISOString(), windowStart, lockEnd, limit],
  );
  const ms = rows[0]?.until_ms;
  return ms && ms > now.getTime() ? new Date(ms) : undefined;
}

/** Forgets the failures of `key` (a successful sign-in, or an admin's password reset). */
export async function resetFailures(sql: Sql, key: string): Promise<void> {
  await sql.query('DELETE FROM login_throttle WHERE key = $1', [key]);
}
