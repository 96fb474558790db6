import type { Organisation } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import { notFound } from '../errors.js';
import { isUuid } from '../http/body.js';

const SELECT = `SELECT id::text AS id, code, name, kind, admin_unit_code AS "adminUnitCode" FROM organisations`;

/** Organisations (operators, tower companies, departments, communes…): read-only for now. */
export function organisationRoutes(db: Database) {
  const app = new Hono();
  app.get('/', async (c) => c.json({ items: await db.query<Organisation>(`${SELECT} ORDER BY code`) }));
  app.get('/:id', async (c) => {
    const id = c.req.param('id');
    const rows = isUuid(id) ? await db.query<Organisation>(`${SELECT} WHERE id = $1`, [id]) : [];
    if (!rows[0]) throw notFound(`Organisation ${id}`);
    return c.json(rows[0]);
  });
  return app;
}
