import { planVersionCreate, planVersionPatch } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { type Context, Hono } from 'hono';
import { recordAudit } from '../audit/audit-log.js';
import type { AppEnv } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { etag, readIfMatch } from '../http/body.js';
import { parseBody, userOf } from '../http/request-input.js';
import { assertMayReadVersion, versionFor, versionLocked } from '../plans/plan-access.js';
import { copyContent, findVersion, insertVersion, type PlanVersion } from '../plans/version-store.js';
import { type PlanItemRouteOptions, versionItemRoutes } from './plan-items.js';

/** `/plan-versions`: read, rename, delete a draft, fork, approve, and compare versions. */
export function planVersionRoutes(db: Database, options: PlanItemRouteOptions) {
  const app = new Hono<AppEnv>();
  const readable = async (c: Context<AppEnv>, id: string) => {
    const version = await findVersion(db, id);
    assertMayReadVersion(version, c.get('principal'));
    return version as PlanVersion;
  };

  app.get('/:id', async (c) => {
    const version = await readable(c, c.req.param('id'));
    c.header('ETag', etag(version.version));
    return c.json(versionFor(c.get('principal'), version));
  });

  app.patch('/:id', async (c) => {
    const expected = readIfMatch(c);
    const input = await parseBody(c, planVersionPatch);
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
    const input = await parseBody(c, planVersionCreate);
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
