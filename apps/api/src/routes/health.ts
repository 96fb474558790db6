import type { Health } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { Hono } from 'hono';

export function healthRoutes(db: Database) {
  const app = new Hono();
  app.get('/', async (c) => {
    const rows = await db.query<{ postgis: string }>('SELECT postgis_lib_version() AS postgis');
    const health: Health = {
      status: 'ok',
      database: { kind: db.kind, postgis: rows[0]?.postgis ?? 'unknown' },
    };
    return c.json(health);
  });
  return app;
}
