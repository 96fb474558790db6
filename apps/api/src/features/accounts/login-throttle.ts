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
import { orm, type Sql } from '@hatang/db';
import { loginThrottle } from '@hatang/db/schema';
import { and, eq, gt, inArray, max, sql } from 'drizzle-orm';
import type { ResolvedAuthOptions } from '../../auth/options.js';

export const pairKey = (email: string, ip: string) => `pair:${email.toLowerCase()}|${ip}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** The latest lock among `keys` still in force at `now`, or undefined. */
export async function lockedUntil(db: Sql, keys: readonly string[], now: Date): Promise<Date | undefined> {
  const [row] = await orm(db)
    .select({ until: max(loginThrottle.lockedUntil) })
    .from(loginThrottle)
    .where(and(inArray(loginThrottle.key, [...keys]), gt(loginThrottle.lockedUntil, now.toISOString())));
  return row?.until ? new Date(row.until) : undefined;
}

/**
 * Counts one failure for `key` and returns the failures counted so far. The count starts again
 * when the last failure is `memoryMs` ago or more (`window_started_at` holds the last one).
 */
async function countFailure(
  db: Sql,
  key: string,
  memoryMs: number,
  options: ResolvedAuthOptions,
): Promise<number> {
  const now = options.now();
  const forgetBefore = new Date(now.getTime() - memoryMs).toISOString();
  const [row] = await orm(db)
    .insert(loginThrottle)
    .values({ key, failures: 1, windowStartedAt: now.toISOString() })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`CASE WHEN ${loginThrottle.windowStartedAt} <= ${forgetBefore}::timestamptz THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
        windowStartedAt: now.toISOString(),
      },
    })
    .returning({ failures: loginThrottle.failures });
  return row?.failures ?? 1;
}

async function lock(db: Sql, key: string, until: Date): Promise<Date> {
  await orm(db)
    .update(loginThrottle)
    .set({ lockedUntil: until.toISOString() })
    .where(eq(loginThrottle.key, key));
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
  db: Sql,
  email: string,
  ip: string,
  options: ResolvedAuthOptions,
): Promise<Date | undefined> {
  const now = options.now().getTime();
  const ipFailures = await countFailure(db, ipKey(ip), options.throttleWindowMs, options);
  const ipLock =
    ipFailures >= options.maxIpFailures
      ? await lock(db, ipKey(ip), new Date(now + options.throttleWindowMs))
      : undefined;
  const wait = backoffMs(
    await countFailure(db, pairKey(email, ip), options.failureMemoryMs, options),
    options,
  );
  const pairLock = wait > 0 ? await lock(db, pairKey(email, ip), new Date(now + wait)) : undefined;
  if (!ipLock) return pairLock;
  return pairLock && pairLock > ipLock ? pairLock : ipLock;
}

/** Forgets the failures of `email` from `ip` (a successful sign-in from that client). */
export async function resetLoginFailures(db: Sql, email: string, ip: string): Promise<void> {
  await orm(db)
    .delete(loginThrottle)
    .where(eq(loginThrottle.key, pairKey(email, ip)));
}

/** Forgets the failures of `email` from every client (an admin's password reset). */
export async function resetAccountFailures(db: Sql, email: string): Promise<void> {
  const prefix = pairKey(email, '');
  await orm(db)
    .delete(loginThrottle)
    .where(sql`left(${loginThrottle.key}, length(${prefix}::text)) = ${prefix}::text`);
}
