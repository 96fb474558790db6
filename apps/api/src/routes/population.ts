import { bboxParam, type PopulationSummary, toIssues } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import { validationFailed } from '../errors.js';

/** Population of the 100 m grid: totals for an area. */
export function populationRoutes(db: Database) {
  const app = new Hono();
  app.get('/summary', async (c) => {
    const raw = c.req.query('bbox');
    if (raw === undefined) throw validationFailed([{ path: ['bbox'], message: 'bbox is required' }]);
    const parsed = bboxParam.safeParse(raw);
    if (!parsed.success) throw validationFailed(toIssues(parsed.error, ['bbox']));
    const rows = await db.query<{ populationCount: number; cellCount: number }>(
      `SELECT coalesce(sum(population), 0)::int AS "populationCount", count(*)::int AS "cellCount"
       FROM population_cells WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)`,
      parsed.data,
    );
    const summary: PopulationSummary = {
      bbox: parsed.data,
      ...(rows[0] ?? { populationCount: 0, cellCount: 0 }),
    };
    return c.json(summary);
  });
  return app;
}
