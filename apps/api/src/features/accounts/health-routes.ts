import type { Health } from '@hatang/contracts';
import { type Database, orm } from '@hatang/db';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';

/**
 * How long the health check waits for the database, ms. A load balancer probing /api/health must
 * get an answer at once even while a long statement (an import commit on the one embedded
 * connection) holds the database; it is then told the database is busy.
 */
const PING_BUDGET_MS = 50;

/** `GET /api/health` (outside /api/v1: no policy, no load shedding): the API and its database. */
export function healthRoutes(db: Database) {
  const app = new Hono();
  let postgis: string | undefined;
  app.get('/', async (c) => {
    const ping = orm(db)
      .execute<{ postgis: string }>(sql`SELECT postgis_lib_version() AS postgis`)
      .then((rows) => (postgis = rows[0]?.postgis ?? 'unknown'));
    // Answered late, its failure has no one to tell; answered in time, the race below throws it.
    ping.catch(() => {});
    let timer: ReturnType<typeof setTimeout> | undefined;
    const budget = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), PING_BUDGET_MS);
    });
    // A database that fails (rather than is slow) still fails the health check.
    const answered = await Promise.race([ping, budget]);
    clearTimeout(timer);
    const health: Health = {
      status: 'ok',
      database: {
        kind: db.kind,
        postgis: answered ?? postgis ?? 'unknown',
        ...(answered === undefined ? { busy: true } : {}),
      },
    };
    return c.json(health);
  });
  return app;
}
