import { planCreate, planVersionCreate } from '@hatang/contracts';
import type { Database, Sql } from '@hatang/db';
import { type Context, Hono } from 'hono';
import { recordAudit } from '../audit/audit-log.js';
import type { AppEnv } from '../context.js';
import { notFound, validationFailed } from '../errors.js';
import { etag, isUuid } from '../http/body.js';
import { parseBody, userOf } from '../http/request-input.js';
import { basemapLand } from '../plans/land.js';
import { isPublishedKind, mayReadDrafts, versionFor } from '../plans/plan-access.js';
import {
  findVersion,
  insertVersion,
  listVersions,
  type PlanVersion,
  snapshotRegister,
} from '../plans/version-store.js';
import { type PlanItemRouteOptions, planItemRoutes } from './plan-items.js';
import { planVersionRoutes } from './plan-versions.js';
import { planZoneRoutes } from './plan-zones.js';

const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

interface PlanRow {
  id: string;
  name: string;
  horizonYear: number;
  visionYear: number;
  description: string | null;
  createdAt: string;
}

const SELECT_PLAN = `SELECT p.id::text AS id, p.name, p.horizon_year AS "horizonYear", p.vision_year AS "visionYear",
  p.description, ${ts('p.created_at')} AS "createdAt" FROM plans p`;

async function findPlan(sql: Sql, id: string): Promise<PlanRow | undefined> {
  if (!isUuid(id)) return undefined;
  return (await sql.query<PlanRow>(`${SELECT_PLAN} WHERE p.id = $1`, [id]))[0];
}

/** `/plans`: the plans and their versions (drafts and baselines only for those who may read them). */
function plansApp(db: Database) {
  const app = new Hono<AppEnv>();
  const visible = (c: Context<AppEnv>, versions: PlanVersion[]) =>
    mayReadDrafts(c.get('principal'))
      ? versions
      : versions.filter((v) => isPublishedKind(v.kind)).map((v) => versionFor(c.get('principal'), v));
  const withVersions = async (c: Context<AppEnv>, plan: PlanRow) => {
    const versions = visible(c, await listVersions(db, plan.id));
    return { ...plan, approvedVersionId: versions.find((v) => v.kind === 'approved')?.id ?? null, versions };
  };

  app.get('/', async (c) => {
    const plans = await db.query<PlanRow>(`${SELECT_PLAN} ORDER BY p.created_at, p.id`);
    return c.json({ items: await Promise.all(plans.map((p) => withVersions(c, p))) });
  });

  app.post('/', async (c) => {
    const input = await parseBody(c, planCreate);
    if (input.visionYear < input.horizonYear)
      throw validationFailed([
        { path: ['visionYear'], message: 'the vision year must not be before the horizon year' },
      ]);
    const plan = await db.transaction(async (tx) => {
      const id = crypto.randomUUID();
      await tx.query(
        'INSERT INTO plans (id, name, horizon_year, vision_year, description, created_by) VALUES ($1, $2, $3, $4, $5, $6)',
        [id, input.name, input.horizonYear, input.visionYear, input.description, userOf(c)],
      );
      const created = await findPlan(tx, id);
      await recordAudit(tx, c, {
        resource: 'plans',
        recordId: id,
        action: 'create',
        version: 1,
        before: null,
        after: created,
      });
      return created;
    });
    if (!plan) throw new Error('plan vanished after insert');
    c.header('Location', `/api/v1/plans/${plan.id}`);
    return c.json({ ...plan, approvedVersionId: null, versions: [] }, 201);
  });

  app.get('/:id', async (c) => {
    const plan = await findPlan(db, c.req.param('id'));
    if (!plan) throw notFound('Plan');
    return c.json(await withVersions(c, plan));
  });

  /** Snapshot of the register as a new baseline version (INSERT … SELECT per asset table). */
  app.post('/:id/baseline', async (c) => {
    const plan = await findPlan(db, c.req.param('id'));
    if (!plan) throw notFound('Plan');
    const input = await parseBody(c, planVersionCreate);
    const version = await db.transaction(async (tx) => {
      const id = await insertVersion(tx, {
        planId: plan.id,
        kind: 'baseline',
        name: input.name,
        notes: input.notes,
        parentVersionId: null,
        createdBy: userOf(c),
      });
      await snapshotRegister(tx, id, userOf(c));
      const created = await findVersion(tx, id);
      await recordAudit(tx, c, {
        resource: 'plan-versions',
        recordId: id,
        action: 'create',
        version: 1,
        before: null,
        after: created,
      });
      return created;
    });
    if (!version) throw new Error('baseline vanished after insert');
    c.header('Location', `/api/v1/plan-versions/${version.id}`);
    c.header('ETag', etag(version.version));
    return c.json(version, 201);
  });

  return app;
}

/**
 * Every plan route, to mount at `/api/v1`: `/plans`, `/plan-versions`, `/plan-items`, `/plan-zones`.
 * `land` gives the land polygons for the landing-station rule (default: data/basemap-land.geojson,
 * read on first use).
 */
export function planRoutes(db: Database, options: Partial<PlanItemRouteOptions> = {}) {
  const resolved: PlanItemRouteOptions = { land: options.land ?? basemapLand() };
  const app = new Hono<AppEnv>();
  app.route('/plans', plansApp(db));
  app.route('/plan-versions', planVersionRoutes(db, resolved));
  app.route('/plan-items', planItemRoutes(db, resolved));
  app.route('/plan-zones', planZoneRoutes(db));
  return app;
}
