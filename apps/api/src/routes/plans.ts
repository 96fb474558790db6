import { planCreate, planVersionCreate, planVersionPatch, toIssues } from '@hatang/contracts';
import type { Database, Sql } from '@hatang/db';
import { type Context, Hono } from 'hono';
import { recordAudit } from '../audit/audit-log.js';
import type { AppEnv } from '../context.js';
import { ApiError, notFound, validationFailed } from '../errors.js';
import { etag, isUuid, readIfMatch, readJsonBody } from '../http/body.js';
import { basemapLand } from '../plans/land.js';
import { assertMayReadVersion, isPublishedKind, mayReadDrafts, versionLocked } from '../plans/plan-access.js';
import {
  copyContent,
  findVersion,
  insertVersion,
  listVersions,
  type PlanVersion,
  snapshotRegister,
} from '../plans/version-store.js';
import { type PlanItemRouteOptions, planItemRoutes, versionItemRoutes } from './plan-items.js';
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

const userOf = (c: Context<AppEnv>) => c.get('principal')?.userId ?? null;

async function parse<T>(
  c: Context<AppEnv>,
  schema: {
    safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError };
  },
): Promise<T> {
  const parsed = schema.safeParse(await readJsonBody(c));
  if (!parsed.success) throw validationFailed(toIssues(parsed.error));
  return parsed.data;
}

/** `/plans`: the plans and their versions (drafts and baselines only for those who may read them). */
function plansApp(db: Database) {
  const app = new Hono<AppEnv>();
  const visible = (c: Context<AppEnv>, versions: PlanVersion[]) =>
    mayReadDrafts(c.get('principal')) ? versions : versions.filter((v) => isPublishedKind(v.kind));
  const withVersions = async (c: Context<AppEnv>, plan: PlanRow) => {
    const versions = visible(c, await listVersions(db, plan.id));
    return { ...plan, approvedVersionId: versions.find((v) => v.kind === 'approved')?.id ?? null, versions };
  };

  app.get('/', async (c) => {
    const plans = await db.query<PlanRow>(`${SELECT_PLAN} ORDER BY p.created_at, p.id`);
    return c.json({ items: await Promise.all(plans.map((p) => withVersions(c, p))) });
  });

  app.post('/', async (c) => {
    const input = await parse(c, planCreate);
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
    const input = await parse(c, planVersionCreate);
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

/** `/plan-versions`: read, rename, delete a draft, fork, approve, and compare versions. */
function planVersionsApp(db: Database, options: PlanItemRouteOptions) {
  const app = new Hono<AppEnv>();
  const readable = async (c: Context<AppEnv>, id: string) => {
    const version = await findVersion(db, id);
    assertMayReadVersion(version, c.get('principal'));
    return version as PlanVersion;
  };

  app.get('/:id', async (c) => {
    const version = await readable(c, c.req.param('id'));
    c.header('ETag', etag(version.version));
    return c.json(version);
  });

  app.patch('/:id', async (c) => {
    const expected = readIfMatch(c);
    const input = await parse(c, planVersionPatch);
    const result = await db.transaction(async (tx) => {
      const current = await findVersion(tx, c.req.param('id'), true);
      if (!current) throw notFound('Plan version');
      if (current.kind !== 'draft') throw versionLocked(current.kind);
      if (current.version !== expected) throw staleVersion(current, expected);
      await tx.query(
        `UPDATE plan_versions SET name = coalesce($2, name), notes = CASE WHEN $3 THEN $4 ELSE notes END,
           version = version + 1, updated_at = now() WHERE id = $1`,
        [current.id, input.name ?? null, input.notes !== undefined, input.notes ?? null],
      );
      const after = await findVersion(tx, current.id);
      await recordAudit(tx, c, {
        resource: 'plan-versions',
        recordId: current.id,
        action: 'update',
        version: after?.version ?? 1,
        before: current,
        after,
      });
      return after;
    });
    if (!result) throw notFound('Plan version');
    c.header('ETag', etag(result.version));
    return c.json(result);
  });

  app.delete('/:id', async (c) => {
    const expected = c.req.header('if-match') ? readIfMatch(c) : undefined;
    await db.transaction(async (tx) => {
      const current = await findVersion(tx, c.req.param('id'), true);
      if (!current) throw notFound('Plan version');
      if (current.kind !== 'draft') throw versionLocked(current.kind);
      if (expected !== undefined && current.version !== expected) throw staleVersion(current, expected);
      await tx.query('DELETE FROM plan_versions WHERE id = $1', [current.id]);
      await recordAudit(tx, c, {
        resource: 'plan-versions',
        recordId: current.id,
        action: 'delete',
        version: current.version,
        before: current,
        after: null,
      });
    });
    return c.body(null, 204);
  });

  /** A new draft with copies of every item (origins kept) and version zone of the source. */
  app.post('/:id/fork', async (c) => {
    const source = await readable(c, c.req.param('id'));
    const input = await parse(c, planVersionCreate);
    const version = await db.transaction(async (tx) => {
      const id = await insertVersion(tx, {
        planId: source.planId,
        kind: 'draft',
        name: input.name,
        notes: input.notes,
        parentVersionId: source.id,
        createdBy: userOf(c),
      });
      await copyContent(tx, source.id, id, userOf(c));
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
    if (!version) throw new Error('fork vanished after insert');
    c.header('Location', `/api/v1/plan-versions/${version.id}`);
    c.header('ETag', etag(version.version));
    return c.json(version, 201);
  });

  /**
   * Approves a draft (If-Match: the version the approver reviewed) and supersedes the plan's
   * previously approved version, in one transaction serialised per plan by a lock on the plan row.
   */
  app.post('/:id/approve', async (c) => {
    const expected = readIfMatch(c);
    const result = await db.transaction(async (tx) => {
      const found = await findVersion(tx, c.req.param('id'));
      if (!found) throw notFound('Plan version');
      await tx.query('SELECT 1 FROM plans WHERE id = $1 FOR UPDATE', [found.planId]);
      const current = await findVersion(tx, found.id, true);
      if (!current) throw notFound('Plan version');
      if (current.kind !== 'draft') {
        throw new ApiError(
          409,
          'VERSION_LOCKED',
          `Only a draft can be approved; this version is ${current.kind}`,
        );
      }
      if (current.version !== expected) throw staleVersion(current, expected);
      const previous = await tx.query<{ id: string }>(
        `SELECT id::text AS id FROM plan_versions WHERE plan_id = $1 AND kind = 'approved' FOR UPDATE`,
        [current.planId],
      );
      const user = userOf(c);
      for (const { id } of previous) {
        const before = await findVersion(tx, id);
        await tx.query(
          `UPDATE plan_versions SET kind = 'superseded', superseded_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
          [id],
        );
        const after = await findVersion(tx, id);
        await recordAudit(tx, c, {
          resource: 'plan-versions',
          recordId: id,
          action: 'update',
          version: after?.version ?? 1,
          before,
          after,
        });
      }
      await tx.query(
        `UPDATE plan_versions SET kind = 'approved', approved_at = now(), approved_by = $2, version = version + 1,
           updated_at = now() WHERE id = $1`,
        [current.id, user],
      );
      const after = await findVersion(tx, current.id);
      await recordAudit(tx, c, {
        resource: 'plan-versions',
        recordId: current.id,
        action: 'update',
        version: after?.version ?? 1,
        before: current,
        after,
      });
      return { approved: after, superseded: previous.map((p) => p.id) };
    });
    if (!result.approved) throw notFound('Plan version');
    c.header('ETag', etag(result.approved.version));
    return c.json({ ...result.approved, supersededVersionIds: result.superseded });
  });

  app.route('/', versionItemRoutes(db, options));
  return app;
}

function staleVersion(current: PlanVersion, expected: number): ApiError {
  return new ApiError(
    409,
    'VERSION_CONFLICT',
    `This plan version is at version ${current.version}, not ${expected}: it changed since you read it`,
    undefined,
    current,
  );
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
  app.route('/plan-versions', planVersionsApp(db, resolved));
  app.route('/plan-items', planItemRoutes(db, resolved));
  app.route('/plan-zones', planZoneRoutes(db));
  return app;
}
