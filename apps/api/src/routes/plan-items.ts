import type { LandIndex } from '@hatang/analysis';
import {
  type Issue,
  listQuery,
  planItemKind,
  planItemStatus,
  planPhase,
  restoreRequest,
  toIssues,
  validatePlanItem,
} from '@hatang/contracts';
import type { Database, Sql } from '@hatang/db';
import { type Context, Hono } from 'hono';
import { actorsVisibleTo, auditFeature, historyBody, listHistory } from '../audit/audit-log.js';
import type { AppEnv } from '../context.js';
import { ApiError, notFound, validationFailed } from '../errors.js';
import { answerFeature, isUuid, readIfMatch, readJsonBody } from '../http/body.js';
import { asObject, parseBody, userOf } from '../http/request-input.js';
import { compareItems } from '../plans/compare-versions.js';
import { rejectionsFor, warningsFor } from '../plans/item-checks.js';
import {
  findItem,
  insertItem,
  listItems,
  type PlanItemFeature,
  updateItem,
  writableItemProperties,
} from '../plans/item-store.js';
import { assertMayReadVersion, mayReadDrafts } from '../plans/plan-access.js';
import { claimDraft, findVersion } from '../plans/version-store.js';

function staleItem(current: PlanItemFeature, expected: number): ApiError {
  return new ApiError(
    409,
    'VERSION_CONFLICT',
    `This plan item is at version ${current.properties.version}, not ${expected}: someone changed it since you read it`,
    undefined,
    current,
  );
}

export interface PlanItemRouteOptions {
  /** Land polygons for "landing stations must be on land near the coast". */
  land: () => Promise<LandIndex>;
}

async function referenceIssues(sql: Sql, responsibleOrgId: string | null): Promise<Issue[]> {
  if (!responsibleOrgId) return [];
  const rows = await sql.query('SELECT 1 FROM organisations WHERE id = $1', [responsibleOrgId]);
  return rows.length
    ? []
    : [{ path: ['properties', 'responsibleOrgId'], message: `unknown organisation ${responsibleOrgId}` }];
}

const FILTERS = { kind: planItemKind, phase: planPhase, status: planItemStatus } as const;

/** `?kind=&phase=&status=` (comma-separated values) and `bbox` → SQL conditions on `i`. */
function itemFilters(c: Context<AppEnv>): { where: string[]; params: unknown[] } {
  const query = c.req.query();
  const issues: Issue[] = [];
  const where: string[] = [];
  const params: unknown[] = [];
  for (const key of Object.keys(query)) {
    if (!['kind', 'phase', 'status', 'bbox'].includes(key))
      issues.push({ path: [key], message: 'unknown parameter; use kind, phase, status or bbox' });
  }
  for (const [key, schema] of Object.entries(FILTERS)) {
    const raw = query[key];
    if (raw === undefined) continue;
    const values = raw.split(',').map((v) => v.trim());
    values.forEach((v, i) => {
      if (!schema.safeParse(v).success)
        issues.push({ path: [key, i], message: `"${v}" is not a valid ${key}` });
    });
    params.push(`{${values.join(',')}}`);
    where.push(`i.${key} = ANY($${params.length + 1}::text[])`);
  }
  const bbox = listQuery.safeParse({ bbox: query.bbox });
  if (!bbox.success) issues.push(...toIssues(bbox.error));
  else if (bbox.data.bbox) {
    params.push(...bbox.data.bbox);
    const n = params.length + 1;
    where.push(`i.geom && ST_MakeEnvelope($${n - 3}, $${n - 2}, $${n - 1}, $${n}, 4326)`);
  }
  if (issues.length) throw validationFailed(issues);
  return { where, params };
}

/** `/plan-versions/:id/items` (list, create) and `/plan-versions/:id/compare?base=<versionId>`. */
export function versionItemRoutes(db: Database, options: PlanItemRouteOptions) {
  const app = new Hono<AppEnv>();

  app.get('/:id/items', async (c) => {
    const version = await findVersion(db, c.req.param('id'));
    assertMayReadVersion(version, c.get('principal'));
    const { where, params } = itemFilters(c);
    return c.json({
      type: 'FeatureCollection',
      features: await listItems(db, c.req.param('id'), where, params),
    });
  });

  app.post('/:id/items', async (c) => {
    const versionId = c.req.param('id');
    const body = asObject(await readJsonBody(c), 'a GeoJSON Feature');
    const issues: Issue[] = [];
    if (body.type !== 'Feature') issues.push({ path: ['type'], message: 'must be "Feature"' });
    const item = validatePlanItem(body.geometry, body.properties ?? {});
    if (!item.ok) issues.push(...item.issues);
    else {
      issues.push(...rejectionsFor(item.geometry, item.properties, await options.land()));
      issues.push(...(await referenceIssues(db, item.properties.responsibleOrgId)));
    }
    if (issues.length > 0 || !item.ok) throw validationFailed(issues);
    const land = await options.land();

    const created = await db.transaction(async (tx) => {
      await claimDraft(tx, versionId);
      const checks = await warningsFor(tx, versionId, item.geometry, item.properties, land);
      const feature = await insertItem(tx, versionId, item.geometry, item.properties, checks, userOf(c));
      await auditFeature(tx, c, 'plan-items', null, feature);
      return feature;
    });
    return answerFeature(c, created, `/api/v1/plan-items/${created.id}`);
  });

  app.get('/:id/compare', async (c) => {
    const baseId = c.req.query('base') ?? '';
    if (!isUuid(baseId))
      throw validationFailed([
        { path: ['base'], message: 'give the version to compare with: ?base=<version id>' },
      ]);
    const target = await findVersion(db, c.req.param('id'));
    assertMayReadVersion(target, c.get('principal'));
    const base = await findVersion(db, baseId);
    assertMayReadVersion(base, c.get('principal'), 'Base plan version');
    const [before, after] = await Promise.all([listItems(db, baseId), listItems(db, c.req.param('id'))]);
    const describe = (v: typeof target) => ({ id: v.id, name: v.name, kind: v.kind, planId: v.planId });
    return c.json({ base: describe(base), target: describe(target), ...compareItems(before, after) });
  });

  return app;
}

/** `/plan-items/:id`: read, patch (If-Match), delete, history. Writes only in drafts. */
export function planItemRoutes(db: Database, options: PlanItemRouteOptions) {
  const app = new Hono<AppEnv>();
  const readable = async (c: Context<AppEnv>, id: string): Promise<PlanItemFeature> => {
    const found = await findItem(db, id);
    if (!found) throw notFound('Plan item');
    assertMayReadVersion({ kind: found.versionKind }, c.get('principal'), 'Plan item');
    return found.feature;
  };

  app.get('/:id', async (c) => {
    const item = await readable(c, c.req.param('id'));
    return answerFeature(c, item);
  });

  app.get('/:id/history', async (c) => {
    const id = c.req.param('id');
    const exists = await findItem(db, id);
    if (exists) assertMayReadVersion({ kind: exists.versionKind }, c.get('principal'), 'Plan item');
    // A deleted item was in a draft: its history is for those who may read drafts.
    else if (!mayReadDrafts(c.get('principal'))) throw notFound('Plan item');
    const rows = isUuid(id) ? await listHistory(db, 'plan-items', id) : [];
    if (rows.length === 0) throw notFound('Plan item');
    return c.json(historyBody(rows, actorsVisibleTo(c.get('principal'))));
  });

  app.patch('/:id', async (c) => {
    const id = c.req.param('id');
    const expected = readIfMatch(c);
    const body = asObject(await readJsonBody(c), 'an object with "geometry" and/or "properties"');
    const issues: Issue[] = [];
    for (const key of Object.keys(body)) {
      if (!['type', 'id', 'geometry', 'properties'].includes(key))
        issues.push({ path: [key], message: 'unknown field' });
    }
    const patch = body.properties === undefined ? {} : asObject(body.properties, 'an object of properties');
    if (issues.length) throw validationFailed(issues);
    const land = await options.land();

    const updated = await db.transaction(async (tx) => {
      const found = await findItem(tx, id);
      if (!found) throw notFound('Plan item');
      await claimDraft(tx, found.feature.properties.planVersionId);
      const current = (await findItem(tx, id, true))?.feature;
      if (!current) throw notFound('Plan item');
      if (current.properties.version !== expected) {
        throw staleItem(current, expected);
      }
      if ('kind' in patch && patch.kind !== current.properties.kind) {
        throw validationFailed([
          {
            path: ['properties', 'kind'],
            message: 'the kind of an item cannot change; delete it and draw a new one',
          },
        ]);
      }
      const merged = { ...writableItemProperties(current), ...patch };
      const item = validatePlanItem(body.geometry ?? current.geometry, merged);
      if (!item.ok) throw validationFailed(item.issues);
      const rejections = [
        ...rejectionsFor(item.geometry, item.properties, land),
        ...(await referenceIssues(tx, item.properties.responsibleOrgId)),
      ];
      if (rejections.length) throw validationFailed(rejections);
      const versionId = current.properties.planVersionId;
      const checks = await warningsFor(tx, versionId, item.geometry, item.properties, land);
      const after = await updateItem(tx, id, item.geometry, item.properties, checks, userOf(c));
      await auditFeature(tx, c, 'plan-items', current, after);
      return after;
    });
    return answerFeature(c, updated);
  });

  /** Brings back an earlier version (also of a deleted item) as a new, audited write: undo and redo. */
  app.post('/:id/restore', async (c) => {
    const id = c.req.param('id');
    const { version: wanted } = await parseBody(c, restoreRequest);
    const land = await options.land();
    const restored = await db.transaction(async (tx) => {
      const history = isUuid(id) ? await listHistory(tx, 'plan-items', id) : [];
      const target = history.find((row) => row.version === wanted && row.after)?.after as
        | PlanItemFeature
        | undefined;
      if (!target) throw notFound(`Version ${wanted} of plan item ${id}`);
      await claimDraft(tx, target.properties.planVersionId);
      const current = (await findItem(tx, id, true))?.feature;
      if (current) {
        const expected = readIfMatch(c);
        if (current.properties.version !== expected) throw staleItem(current, expected);
      }
      // The contract may have tightened since: an old version must still be valid today.
      const item = validatePlanItem(target.geometry, writableItemProperties(target));
      if (!item.ok) throw validationFailed(item.issues);
      const rejections = rejectionsFor(item.geometry, item.properties, land);
      if (rejections.length) throw validationFailed(rejections);
      const versionId = target.properties.planVersionId;
      const checks = await warningsFor(tx, versionId, item.geometry, item.properties, land);
      const latest = Math.max(...history.map((row) => row.version));
      const after = current
        ? await updateItem(tx, id, item.geometry, item.properties, checks, userOf(c))
        : await insertItem(tx, versionId, item.geometry, item.properties, checks, userOf(c), {
            id,
            originId: target.properties.originId,
            version: latest + 1,
          });
      await auditFeature(tx, c, 'plan-items', current ?? null, after, 'restore');
      return after;
    });
    return answerFeature(c, restored);
  });

  app.delete('/:id', async (c) => {
    const id = c.req.param('id');
    const expected = c.req.header('if-match') ? readIfMatch(c) : undefined;
    await db.transaction(async (tx) => {
      const found = await findItem(tx, id);
      if (!found) throw notFound('Plan item');
      await claimDraft(tx, found.feature.properties.planVersionId);
      const current = (await findItem(tx, id, true))?.feature;
      if (!current) throw notFound('Plan item');
      if (expected !== undefined && current.properties.version !== expected) {
        throw staleItem(current, expected);
      }
      await tx.query('DELETE FROM plan_items WHERE id = $1', [id]);
      await auditFeature(tx, c, 'plan-items', current, null);
    });
    return c.body(null, 204);
  });

  return app;
}
