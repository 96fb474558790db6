import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import { notFound } from '../errors.js';
import { type CachedBody, cacheBody, sendCached } from '../http/cached-body.js';

const SELECT = `SELECT a.code, a.name, a.unit_type AS "unitType", a.former_district AS "formerDistrict",
  a.area_km2 AS "areaKm2", a.population, ST_AsGeoJSON(a.geom, 6)::json AS geometry,
  ST_AsGeoJSON(a.label_point, 6)::json AS "labelPoint"
  FROM admin_units a`;

type AdminUnitRow = { code: string; geometry: unknown; [key: string]: unknown };

const toFeature = ({ geometry, ...properties }: AdminUnitRow) => ({
  type: 'Feature' as const,
  id: properties.code,
  geometry,
  properties,
});

/**
 * What the list depends on, from one cheap read: the row count and the newest row version (any
 * insert or update gives its row a new xmin; a delete changes the count).
 */
const VERSION = `SELECT count(*)::text || '-' || coalesce(max(xmin::text::bigint), 0)::text AS version FROM admin_units`;

/** The 114 communes, wards and special zones (read-only, real boundaries and populations). */
export function adminUnitRoutes(db: Database) {
  const app = new Hono();
  // Every map asks for the city's boundaries (1.9 MB): they are built once per data version and
  // served from memory, gzipped, with an ETag (issue 15: 200 clients asking must not stall the
  // server, and it must recover at once when they stop).
  // One build per version, shared by every request that arrives while it runs.
  let cached: { version: string; body: Promise<CachedBody> } | undefined;
  const build = async (version: string) => {
    const rows = await db.query<AdminUnitRow>(`${SELECT} ORDER BY a.code`);
    return cacheBody(version, { type: 'FeatureCollection', features: rows.map(toFeature), next: null });
  };
  app.get('/', async (c) => {
    const [row] = await db.query<{ version: string }>(VERSION);
    const version = `admin-units-${row?.version ?? '0'}`;
    if (cached?.version !== version) {
      const entry = { version, body: build(version) };
      cached = entry;
      entry.body.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return sendCached(c, await cached.body);
  });
  app.get('/:code', async (c) => {
    const code = c.req.param('code');
    if (!/^\d{5}$/.test(code)) throw notFound(`Administrative unit ${code}`);
    const rows = await db.query<AdminUnitRow>(
      `SELECT u.*, (SELECT coalesce(sum(p.population), 0)::int FROM population_cells p WHERE p.admin_unit_code = u.code)
         AS "gridPopulation"
       FROM (${SELECT} WHERE a.code = $1) u`,
      [code],
    );
    const row = rows[0];
    if (!row) throw notFound(`Administrative unit ${code}`);
    return c.json(toFeature(row));
  });
  return app;
}
