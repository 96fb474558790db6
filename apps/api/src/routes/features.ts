import {
  geometryOf,
  type Issue,
  listQuery,
  type ResourceDefinition,
  toIssues,
  validateProperties,
  validatePropertiesPatch,
} from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { type Context, Hono } from 'hono';
import { recordAudit } from '../audit/audit-log.js';
import type { AppEnv } from '../context.js';
import { notFound, validationFailed } from '../errors.js';
import { etag, isUuid, readIfMatch, readJsonBody } from '../http/body.js';
import { versionConflict } from '../http/version-conflict.js';
import { assertMayTouch } from '../policy/authorize.js';
import { redactFeature } from '../policy/confidentiality.js';
import { featureFilters } from '../sql/feature-filters.js';
import { type FeatureRow, selectFeatureSql, toFeature } from '../sql/feature-sql.js';
import {
  checkReferences,
  findFeature,
  insertFeature,
  type StoredFeature,
  updateFeature,
  writableProperties,
} from '../sql/feature-store.js';
import { featureHistoryRoutes } from './feature-history.js';

const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!isUuid(id))
    throw validationFailed([{ path: ['cursor'], message: 'cursor is not one this API gave out' }]);
  return id;
}

function parseListQuery(c: Context<AppEnv>, definition: ResourceDefinition) {
  const query = c.req.query();
  const { where, params, issues } = featureFilters(definition, query, c.get('principal'), [
    'limit',
    'cursor',
  ]);
  const paging = listQuery.safeParse({ limit: query.limit, cursor: query.cursor });
  if (!paging.success) issues.push(...toIssues(paging.error));
  if (issues.length > 0 || !paging.success) throw validationFailed(issues);
  const { limit, cursor } = paging.data;
  if (cursor) {
    params.push(decodeCursor(cursor));
    where.push(`r.id > $${params.length}::uuid`);
  }
  return { where, params, limit };
}

function validateGeometry(definition: ResourceDefinition, geometry: unknown): Issue[] {
  const parsed = geometryOf(definition.geometryType).safeParse(geometry);
  return parsed.success ? [] : toIssues(parsed.error, ['geometry']);
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw validationFailed([{ path: [], message: `the body must be ${what}` }]);
  }
  return value as Record<string, unknown>;
}

export interface FeatureRouteOptions {
  readOnly?: boolean;
  /** Told after every committed write (null before = created, null after = deleted), e.g. to update analyses. */
  onChange?: (before: StoredFeature | null, after: StoredFeature | null) => void;
}

/**
 * The REST routes of one spatial resource: list (bbox, filters, cursor), read, history, and for
 * editable resources create, patch with If-Match, restore, delete. Every write is one transaction
 * with its audit row; every answer is redacted to what the viewer may see.
 */
export function featureRoutes(
  db: Database,
  definition: ResourceDefinition,
  options: FeatureRouteOptions = {},
) {
  const app = new Hono<AppEnv>();
  const label = definition.labels.en.replace(/s$/, '');
  const redact = (c: Context<AppEnv>, feature: StoredFeature) =>
    redactFeature(definition.path, feature, c.get('principal'));

  app.get('/', async (c) => {
    const { where, params, limit } = parseListQuery(c, definition);
    params.push(limit + 1);
    const rows = await db.query<FeatureRow>(
      `${selectFeatureSql(definition)} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.id LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return c.json({
      type: 'FeatureCollection',
      features: page.map((row) => redact(c, toFeature(row))),
      next: rows.length > limit && last ? encodeCursor(last.id) : null,
    });
  });

  app.get('/:id', async (c) => {
    const feature = await findFeature(db, definition, c.req.param('id'));
    if (!feature) throw notFound(label);
    const visible = redact(c, feature);
    if (typeof visible.properties.version === 'number') c.header('ETag', etag(visible.properties.version));
    return c.json(visible);
  });

  if (options.readOnly) return app;

  app.route('/', featureHistoryRoutes(db, definition, options.onChange));
  const changed = (before: StoredFeature | null, after: StoredFeature | null) =>
    options.onChange?.(before, after);

  app.post('/', async (c) => {
    const body = asObject(await readJsonBody(c), 'a GeoJSON Feature');
    const issues: Issue[] = [];
    if (body.type !== 'Feature') issues.push({ path: ['type'], message: 'must be "Feature"' });
    issues.push(...validateGeometry(definition, body.geometry));
    const properties = validateProperties(definition, body.properties ?? {});
    if (!properties.ok) issues.push(...properties.issues);
    if (properties.ok) issues.push(...(await checkReferences(db, properties.value)));
    if (issues.length > 0 || !properties.ok) throw validationFailed(issues);
    assertMayTouch(c.get('grant'), properties.value.ownerOrgId);

    const feature = await db.transaction(async (tx) => {
      const created = await insertFeature(
        tx,
        definition,
        crypto.randomUUID(),
        body.geometry,
        properties.value,
      );
      await recordAudit(tx, c, {
        resource: definition.path,
        recordId: created.id,
        action: 'create',
        version: 1,
        before: null,
        after: created,
      });
      return created;
    });
    changed(null, feature);
    c.header('Location', `/api/v1/${definition.path}/${feature.id}`);
    c.header('ETag', etag(1));
    return c.json(redact(c, feature), 201);
  });

  app.patch('/:id', async (c) => {
    const id = c.req.param('id');
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

    const feature = await db.transaction(async (tx) => {
      const current = await findFeature(tx, definition, id, true);
      if (!current) throw notFound(label);
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
      return { current, updated };
    });
    changed(feature.current, feature.updated);
    c.header('ETag', etag(feature.updated.properties.version as number));
    return c.json(redact(c, feature.updated));
  });

  app.delete('/:id', async (c) => {
    const id = c.req.param('id');
    const expectedVersion = c.req.header('if-match') ? readIfMatch(c) : undefined;
    const deleted = await db.transaction(async (tx) => {
      const current = await findFeature(tx, definition, id, true);
      if (!current) throw notFound(label);
      assertMayTouch(c.get('grant'), current.properties.ownerOrgId);
      if (expectedVersion !== undefined && current.properties.version !== expectedVersion) {
        throw versionConflict(c, definition, current, expectedVersion);
      }
      await tx.query(`DELETE FROM ${definition.table} WHERE id = $1`, [id]);
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
    changed(deleted, null);
    return c.body(null, 204);
  });

  return app;
}
