/**
 * Drawing, changing, restoring and deleting plan items, in drafts only: every problem of the
 * geometry and properties at once, the rules that reject an item (a landing station off land),
 * the warnings stored with it (a corridor through a sea zone), each write audited in its
 * transaction.
 */
import { type Issue, validatePlanItem } from '@hatang/contracts';
import { type Database, orm, type Sql } from '@hatang/db';
import { organisations } from '@hatang/db/schema';
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { auditFeature, listHistory } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { ApiError, notFound, validationFailed } from '../../errors.js';
import { isUuid, readIfMatch } from '../../http/body.js';
import { userOf } from '../../http/request-input.js';
import { rejectionsFor, warningsFor } from './item-checks.js';
import {
  deleteItem,
  findItem,
  insertItem,
  type PlanItemFeature,
  updateItem,
  writableItemProperties,
} from './item-repository.js';
import { basemapLand } from './land.js';
import { claimDraft } from './version-repository.js';

/** Land polygons for "landing stations must be on land near the coast" (read on first use). */
const land = basemapLand();

function staleItem(current: PlanItemFeature, expected: number): ApiError {
  return new ApiError(
    409,
    'VERSION_CONFLICT',
    `This plan item is at version ${current.properties.version}, not ${expected}: someone changed it since you read it`,
    undefined,
    current,
  );
}

async function referenceIssues(sql: Sql, responsibleOrgId: string | null): Promise<Issue[]> {
  if (!responsibleOrgId) return [];
  const rows = await orm(sql)
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, responsibleOrgId));
  return rows.length
    ? []
    : [{ path: ['properties', 'responsibleOrgId'], message: `unknown organisation ${responsibleOrgId}` }];
}

/** A new item in a draft from a request body (a Feature), every problem of it at once. */
export async function createItem(
  c: Context<AppEnv>,
  db: Database,
  versionId: string,
  body: Record<string, unknown>,
): Promise<PlanItemFeature> {
  const issues: Issue[] = [];
  if (body.type !== 'Feature') issues.push({ path: ['type'], message: 'must be "Feature"' });
  const item = validatePlanItem(body.geometry, body.properties ?? {});
  const landIndex = await land();
  if (!item.ok) issues.push(...item.issues);
  else {
    issues.push(...rejectionsFor(item.geometry, item.properties, landIndex));
    issues.push(...(await referenceIssues(db, item.properties.responsibleOrgId)));
  }
  if (issues.length > 0 || !item.ok) throw validationFailed(issues);
  return db.transaction(async (tx) => {
    await claimDraft(tx, versionId);
    const checks = await warningsFor(tx, versionId, item.geometry, item.properties, landIndex);
    const feature = await insertItem(tx, versionId, item.geometry, item.properties, checks, userOf(c));
    await auditFeature(tx, c, 'plan-items', null, feature);
    return feature;
  });
}

/** Merges `patch` into the item (If-Match `expected`) and checks the result whole. */
export async function patchItem(
  c: Context<AppEnv>,
  db: Database,
  id: string,
  expected: number,
  geometry: unknown,
  patch: Record<string, unknown>,
): Promise<PlanItemFeature> {
  const landIndex = await land();
  return db.transaction(async (tx) => {
    const found = await findItem(tx, id);
    if (!found) throw notFound('Plan item');
    await claimDraft(tx, found.feature.properties.planVersionId);
    const current = (await findItem(tx, id, true))?.feature;
    if (!current) throw notFound('Plan item');
    if (current.properties.version !== expected) throw staleItem(current, expected);
    if ('kind' in patch && patch.kind !== current.properties.kind) {
      throw validationFailed([
        {
          path: ['properties', 'kind'],
          message: 'the kind of an item cannot change; delete it and draw a new one',
        },
      ]);
    }
    const merged = { ...writableItemProperties(current), ...patch };
    const item = validatePlanItem(geometry ?? current.geometry, merged);
    if (!item.ok) throw validationFailed(item.issues);
    const rejections = [
      ...rejectionsFor(item.geometry, item.properties, landIndex),
      ...(await referenceIssues(tx, item.properties.responsibleOrgId)),
    ];
    if (rejections.length) throw validationFailed(rejections);
    const versionId = current.properties.planVersionId;
    const checks = await warningsFor(tx, versionId, item.geometry, item.properties, landIndex);
    const after = await updateItem(tx, id, item.geometry, item.properties, checks, userOf(c));
    await auditFeature(tx, c, 'plan-items', current, after);
    return after;
  });
}

/** Brings back an earlier version (also of a deleted item) as a new, audited write: undo and redo. */
export async function restoreItem(
  c: Context<AppEnv>,
  db: Database,
  id: string,
  wanted: number,
): Promise<PlanItemFeature> {
  const landIndex = await land();
  return db.transaction(async (tx) => {
    const history = isUuid(id) ? await listHistory(tx, 'plan-items', id) : [];
    // Audit rows hold the item as the API answered it.
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
    const rejections = rejectionsFor(item.geometry, item.properties, landIndex);
    if (rejections.length) throw validationFailed(rejections);
    const versionId = target.properties.planVersionId;
    const checks = await warningsFor(tx, versionId, item.geometry, item.properties, landIndex);
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
}

export async function removeItem(
  c: Context<AppEnv>,
  db: Database,
  id: string,
  expected: number | undefined,
): Promise<void> {
  await db.transaction(async (tx) => {
    const found = await findItem(tx, id);
    if (!found) throw notFound('Plan item');
    await claimDraft(tx, found.feature.properties.planVersionId);
    const current = (await findItem(tx, id, true))?.feature;
    if (!current) throw notFound('Plan item');
    if (expected !== undefined && current.properties.version !== expected) throw staleItem(current, expected);
    await deleteItem(tx, id);
    await auditFeature(tx, c, 'plan-items', current, null);
  });
}
