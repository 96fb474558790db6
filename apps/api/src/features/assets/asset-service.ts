/**
 * The asset engine's writes: create, patch under If-Match, restore and delete of one record of
 * any kind. Each is one transaction with its audit row; each returns the record before and after
 * (null before = created, null after = deleted) for the kind's change hook.
 */
import {
  geometryOf,
  type Issue,
  type ResourceDefinition,
  toIssues,
  validateProperties,
  validatePropertiesPatch,
} from '@hatang/contracts';
import type { Context } from 'hono';
import { auditCreated, listHistory, recordAudit } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { notFound, validationFailed } from '../../errors.js';
import { isUuid, readIfMatch, readJsonBody } from '../../http/body.js';
import { asObject } from '../../http/request-input.js';
import { versionConflict } from '../../http/version-conflict.js';
import { assertMayTouch } from '../../policy/grant.js';
import {
  checkReferences,
  deleteFeature,
  findFeature,
  insertFeature,
  type StoredFeature,
  updateFeature,
  writableProperties,
} from './sql/feature-store.js';

export interface AssetChange {
  before: StoredFeature | null;
  after: StoredFeature | null;
}

/** "Antenna towers (BTS)" → "Antenna tower (BTS)": the noun of error messages. */
export const labelOf = (definition: ResourceDefinition) => definition.labels.en.replace(/s$/, '');

function validateGeometry(definition: ResourceDefinition, geometry: unknown): Issue[] {
  const parsed = geometryOf(definition.geometryType).safeParse(geometry);
  return parsed.success ? [] : toIssues(parsed.error, ['geometry']);
}

/** Adds a record from the request's GeoJSON Feature body, checked whole (every problem at once). */
export async function createAsset(
  c: Context<AppEnv>,
  definition: ResourceDefinition,
): Promise<StoredFeature> {
  const { db } = c.var.services;
  const body = asObject(await readJsonBody(c), 'a GeoJSON Feature');
  const issues: Issue[] = [];
  if (body.type !== 'Feature') issues.push({ path: ['type'], message: 'must be "Feature"' });
  issues.push(...validateGeometry(definition, body.geometry));
  const properties = validateProperties(definition, body.properties ?? {});
  if (!properties.ok) issues.push(...properties.issues);
  if (properties.ok) issues.push(...(await checkReferences(db, properties.value)));
  if (issues.length > 0 || !properties.ok) throw validationFailed(issues);
  assertMayTouch(c.get('grant'), properties.value.ownerOrgId);

  return db.transaction(async (tx) => {
    const created = await insertFeature(tx, definition, crypto.randomUUID(), body.geometry, properties.value);
    await auditCreated(tx, c, definition.path, created);
    return created;
  });
}

/** Merges the request's patch of `geometry` and/or some `properties` into a record at its If-Match version. */
export async function updateAsset(
  c: Context<AppEnv>,
  definition: ResourceDefinition,
  id: string,
): Promise<{ before: StoredFeature; after: StoredFeature }> {
  const expectedVersion = readIfMatch(c);
  const body = asObject(await readJsonBody(c), 'an object with "geometry" and/or "properties"');
  const issues: Issue[] = [];
  for (const key of Object.keys(body)) {
    if (!['type', 'geometry', 'properties', 'id'].includes(key))
      issues.push({ path: [key], message: 'unknown field' });
  }
  if (body.geometry !== undefined) issues.push(...validateGeometry(definition, body.geometry));
  const patch = validatePropertiesPatch(definition, body.properties ?? {});
  if (!patch.ok) issues.push(...patch.issues);
  if (issues.length > 0 || !patch.ok) throw validationFailed(issues);

  return c.var.services.db.transaction(async (tx) => {
    const current = await findFeature(tx, definition, id, true);
    if (!current) throw notFound(labelOf(definition));
    const grant = c.get('grant');
    assertMayTouch(grant, current.properties.ownerOrgId);
    if (current.properties.version !== expectedVersion)
      throw versionConflict(c, definition, current, expectedVersion);
    const merged = { ...writableProperties(definition, current), ...patch.value };
    const full = validateProperties(definition, merged);
    if (!full.ok) throw validationFailed(full.issues);
    // An operator cannot hand its asset to another organisation.
    assertMayTouch(grant, full.value.ownerOrgId);
    const referenceIssues = await checkReferences(tx, patch.value);
    if (referenceIssues.length) throw validationFailed(referenceIssues);
    const changed = Object.fromEntries(Object.keys(patch.value).map((k) => [k, full.value[k]]));
    const updated = await updateFeature(tx, definition, id, body.geometry, changed);
    await recordAudit(tx, c, {
      resource: definition.path,
      recordId: id,
      action: 'update',
      version: updated.properties.version as number,
      before: current,
      after: updated,
    });
    return { before: current, after: updated };
  });
}

/** Deletes a record (at the If-Match version when one is sent); its history keeps it. */
export async function deleteAsset(
  c: Context<AppEnv>,
  definition: ResourceDefinition,
  id: string,
): Promise<StoredFeature> {
  const expectedVersion = c.req.header('if-match') ? readIfMatch(c) : undefined;
  return c.var.services.db.transaction(async (tx) => {
    const current = await findFeature(tx, definition, id, true);
    if (!current) throw notFound(labelOf(definition));
    assertMayTouch(c.get('grant'), current.properties.ownerOrgId);
    if (expectedVersion !== undefined && current.properties.version !== expectedVersion) {
      throw versionConflict(c, definition, current, expectedVersion);
    }
    await deleteFeature(tx, definition, id);
    await recordAudit(tx, c, {
      resource: definition.path,
      recordId: id,
      action: 'delete',
      version: current.properties.version as number,
      before: current,
      after: null,
    });
    return current;
  });
}

/**
 * Brings back the record as it was at `wanted` — also a deleted one — as a new, audited write
 * (If-Match unless deleted). The old version must still pass today's contract.
 */
export async function restoreAsset(
  c: Context<AppEnv>,
  definition: ResourceDefinition,
  id: string,
  wanted: number,
): Promise<{ before: StoredFeature | null; after: StoredFeature }> {
  return c.var.services.db.transaction(async (tx) => {
    const current = await findFeature(tx, definition, id, true);
    const history = isUuid(id) ? await listHistory(tx, definition.path, id) : [];
    const target = history.find((row) => row.version === wanted && row.after)?.after as
      | StoredFeature
      | undefined;
    if (!target) throw notFound(`Version ${wanted} of ${labelOf(definition)} ${id}`);
    const grant = c.get('grant');
    assertMayTouch(grant, target.properties.ownerOrgId);
    if (current) {
      assertMayTouch(grant, current.properties.ownerOrgId);
      const expected = readIfMatch(c);
      if (current.properties.version !== expected) throw versionConflict(c, definition, current, expected);
    }
    // The contract may have tightened since: an old version must still be valid today.
    const properties = validateProperties(definition, writableProperties(definition, target));
    if (!properties.ok) throw validationFailed(properties.issues);
    const latest = Math.max(...history.map((row) => row.version));
    const after = current
      ? await updateFeature(tx, definition, id, target.geometry, properties.value)
      : await insertFeature(tx, definition, id, target.geometry, properties.value, latest + 1);
    await recordAudit(tx, c, {
      resource: definition.path,
      recordId: id,
      action: 'restore',
      version: after.properties.version as number,
      before: current ?? null,
      after,
    });
    return { before: current ?? null, after };
  });
}
