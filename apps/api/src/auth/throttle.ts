/**
 * Failed-login counters in the `login_throttle` table, so every API instance sees the same
 * counts. Two kinds of key:
 * - per account × client (`pair:<email>|<ip>`): a few failures are free, then each further one
 *   makes that client wait twice as long as the last (1 s, 2 s, 4 s … up to 15 min). It slows a
 *   guesser without locking the account: the real user on another client signs in as usual.
 *   The count is remembered for a day after the last failure.
 * - per client (`ip:<ip>`, default 20 failures in 15 min block it for 15 min): a looser cap on
 *   one client spraying many accounts.
 * Unknown e-mails are counted like real ones, so a wait does not reveal whether an account exists.
 */
import type { Sql } from '@hatang/db';
import { toPgTextArray } from '../sql/columns.js';
import type { ResolvedAuthOptions } from './options.js';

export const pairKey = (email: string, ip: string) => `pair:${email.toLowerCase()}|${ip}`;
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
 * Counts one failure for `key` and returns the failures counted so far. The count starts again
 * when the last failure is `memoryMs` ago or more (`window_started_at` holds the last one).
 */
async function countFailure(
  sql: Sql,
  key: string,
  memoryMs: number,
  options: ResolvedAuthOptions,
): Promise<number> {
  const now = options.now();
  const forgetBefore = new Date(now.getTime() - memoryMs).toISOString();
  const rows = await sql.query<{ failures: number }>(
    `INSERT INTO login_throttle AS t (key, failures, window_started_at) VALUES ($1, 1, $2::timestamptz)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN t.window_started_at <= $3::timestamptz THEN 1 ELSE t.failures + 1 END,
       window_started_at = $2::timestamptz
     RETURNING failures`,
    [key, now.toISOString(), forgetBefore],
  );
  return rows[0]?.failures ?? 1;
}

async function lock(sql: Sql, key: string, until: Date): Promise<Date> {
  await sql.query('UPDATE login_throttle SET locked_until = $2::timestamptz WHERE key = $1', [
    key,
    until.toISOString(),
  ]);
  return until;
}

/**
 * The wait after the `failures`-th failure of one account from one client, ms: none for the
 * free ones, then the base doubling with each failure, at most the cap.
 */
export function backoffMs(failures: number, options: ResolvedAuthOptions): number {
  const over = failures - options.freeFailures;
  if (over <= 0) return 0;
  return Math.min(options.maxBackoffMs, options.backoffBaseMs * 2 ** Math.min(over - 1, 40));
}

/** Records a failed sign-in of `email` from `ip`; returns when that client may try again, if it must wait. */
export async function recordLoginFailure(
  sql: Sql,
  email: string,
  ip: string,
  options: ResolvedAuthOptions,
): Promise<Date | undefined> {
  const now = options.now().getTime();
  const ipFailures = await countFailure(sql, ipKey(ip), options.throttleWindowMs, options);
  const ipLock =
    ipFailures >= options.maxIpFailures
      ? await lock(sql, ipKey(ip), new Date(now + options.throttleWindowMs))
      : undefined;
  const wait = backoffMs(
    await countFailure(sql, pairKey(email, ip), options.failureMemoryMs, options),
    options,
  );
  const pairLock = wait > 0 ? await lock(sql, pairKey(email, ip), new Date(now + wait)) : undefined;
  if (!ipLock) return pairLock;
  return pairLock && pairLock > ipLock ? pairLock : ipLock;
}

/** Forgets the failures of `email` from `ip` (a successful sign-in from that client). */
export async function resetLoginFailures(sql: Sql, email: string, ip: string): Promise<void> {
  await sql.query('DELETE FROM login_throttle WHERE key = $1', [pairKey(email, ip)]);
}

/** Forgets the failures of `email` from every client (an admin's password reset). */
export async function resetAccountFailures(sql: Sql, email: string): Promise<void> {
  const prefix = pairKey(email, '');
  await sql.query('DELETE FROM login_throttle WHERE left(key, length($1)) = $1', [prefix]);
}
