import {
  geometryOf,
  type Issue,
  listQuery,
  type ResourceDefinition,
  toIssues,
  validateProperties,
  validatePropertiesPatch,
} from '@hatang/contracts';
import type { Database, Sql } from '@hatang/db';
import { Hono } from 'hono';
import { ApiError, notFound, validationFailed } from '../errors.js';
import { etag, isUuid, readIfMatch, readJsonBody } from '../http/body.js';
import { columnsOf, placeholder, propertySchema, snakeCase, toParam, toPgTextArray } from '../sql/columns.js';
import { type FeatureRow, RESOURCE_EXTRAS, selectFeatureSql, toFeature } from '../sql/feature-sql.js';

/** Properties that refer to another table: checked up front so every bad reference is reported. */
const REFERENCES: Record<string, { table: string; what: string }> = {
  ownerOrgId: { table: 'organisations', what: 'organisation' },
  fromManholeId: { table: 'manholes', what: 'manhole' },
  toManholeId: { table: 'manholes', what: 'manhole' },
  landingStationId: { table: 'landing_stations', what: 'landing station' },
};

const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!isUuid(id))
    throw validationFailed([{ path: ['cursor'], message: 'cursor is not one this API gave out' }]);
  return id;
}

interface ParsedList {
  where: string[];
  params: unknown[];
  limit: number;
}

function parseListQuery(definition: ResourceDefinition, query: Record<string, string>): ParsedList {
  const issues: Issue[] = [];
  const known = new Set(['bbox', 'limit', 'cursor', ...definition.filters]);
  for (const key of Object.keys(query)) {
    if (!known.has(key)) {
      issues.push({ path: [key], message: `unknown parameter; use one of ${[...known].join(', ')}` });
    }
  }
  const paging = listQuery.safeParse({ bbox: query.bbox, limit: query.limit, cursor: query.cursor });
  if (!paging.success) issues.push(...toIssues(paging.error));

  const where: string[] = [];
  const params: unknown[] = [];
  for (const filter of definition.filters) {
    const raw = query[filter];
    if (raw === undefined) continue;
    const schema = propertySchema(definition, filter);
    const values = raw.split(',').map((v) => v.trim());
    values.forEach((value, i) => {
      const result = schema?.safeParse(value);
      if (!result?.success)
        issues.push({ path: [filter, i], message: `"${value}" is not a valid ${filter}` });
    });
    params.push(toPgTextArray(values));
    where.push(`r.${snakeCase(filter)}::text = ANY($${params.length}::text[])`);
  }
  if (issues.length > 0 || !paging.success) throw validationFailed(issues);

  const { bbox, limit, cursor } = paging.data;
  if (bbox) {
    params.push(...bbox);
    const n = params.length;
    const envelope = `ST_MakeEnvelope($${n - 3}, $${n - 2}, $${n - 1}, $${n}, 4326)`;
    where.push(`r.geom && ${envelope} AND ST_Intersects(r.geom, ${envelope})`);
  }
  if (cursor) {
    params.push(decodeCursor(cursor));
    where.push(`r.id > $${params.length}::uuid`);
  }
  return { where, params, limit };
}

async function findFeature(sql: Sql, definition: ResourceDefinition, id: string, lock = false) {
  if (!isUuid(id)) return undefined;
  const rows = await sql.query<FeatureRow>(
    `${selectFeatureSql(definition)} WHERE r.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? toFeature(rows[0]) : undefined;
}

/** Every property that names another record must name one that exists. */
async function checkReferences(sql: Sql, properties: Record<string, unknown>): Promise<Issue[]> {
  const issues: Issue[] = [];
  for (const [property, value] of Object.entries(properties)) {
    const reference = REFERENCES[property];
    if (!reference || typeof value !== 'string') continue;
    const rows = await sql.query(`SELECT 1 FROM ${reference.table} WHERE id = $1`, [value]);
    if (rows.length === 0)
      issues.push({ path: ['properties', property], message: `unknown ${reference.what} ${value}` });
  }
  return issues;
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

/** Columns the server derives from the geometry (e.g. the commune a tower stands in). */
function derivedAssignments(definition: ResourceDefinition, geomSql: string): string[] {
  const derived = RESOURCE_EXTRAS[definition.path]?.derived ?? {};
  return Object.entries(derived).map(
    ([column, expression]) => `${column} = ${expression.replaceAll('$geom', geomSql)}`,
  );
}

const GEOMETRY_PARAM = (n: number) => `ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($${n}), 4326))`;

/**
 * The REST routes of one spatial resource: list (bbox, filters, cursor), read, and for
 * editable resources create, patch with If-Match, delete. Every write is one transaction.
 */
export function featureRoutes(
  db: Database,
  definition: ResourceDefinition,
  options: { readOnly?: boolean } = {},
) {
  const app = new Hono();
  const columns = columnsOf(definition);
  const label = definition.labels.en.replace(/s$/, '');

  app.get('/', async (c) => {
    const { where, params, limit } = parseListQuery(definition, c.req.query());
    params.push(limit + 1);
    const rows = await db.query<FeatureRow>(
      `${selectFeatureSql(definition)} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.id LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return c.json({
      type: 'FeatureCollection',
      features: page.map(toFeature),
      next: rows.length > limit && last ? encodeCursor(last.id) : null,
    });
  });

  app.get('/:id', async (c) => {
    const feature = await findFeature(db, definition, c.req.param('id'));
    if (!feature) throw notFound(label);
    if (typeof feature.properties.version === 'number') c.header('ETag', etag(feature.properties.version));
    return c.json(feature);
  });

  if (options.readOnly) return app;

  app.post('/', async (c) => {
    const body = asObject(await readJsonBody(c), 'a GeoJSON Feature');
    const issues: Issue[] = [];
    if (body.type !== 'Feature') issues.push({ path: ['type'], message: 'must be "Feature"' });
    issues.push(...validateGeometry(definition, body.geometry));
    const properties = validateProperties(definition, body.properties ?? {});
    if (!properties.ok) issues.push(...properties.issues);
    if (properties.ok) issues.push(...(await checkReferences(db, properties.value)));
    if (issues.length > 0 || !properties.ok) throw validationFailed(issues);

    const feature = await db.transaction(async (tx) => {
      const id = crypto.randomUUID();
      const params: unknown[] = [id, JSON.stringify(body.geometry)];
      const names = ['id', 'geom'];
      const values = ['$1', GEOMETRY_PARAM(2)];
      for (const column of columns) {
        params.push(toParam(column, properties.value[column.property]));
        names.push(column.name);
        values.push(placeholder(column, params.length));
      }
      await tx.query(
        `INSERT INTO ${definition.table} (${names.join(', ')}) VALUES (${values.join(', ')})`,
        params,
      );
      const derived = derivedAssignments(definition, `${definition.table}.geom`);
      if (derived.length)
        await tx.query(`UPDATE ${definition.table} SET ${derived.join(', ')} WHERE id = $1`, [id]);
      return findFeature(tx, definition, id);
    });
    if (!feature) throw new Error('inserted feature vanished');
    c.header('Location', `/api/v1/${definition.path}/${feature.id}`);
    c.header('ETag', etag(1));
    return c.json(feature, 201);
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
      if (current.properties.version !== expectedVersion) {
        throw new ApiError(
          409,
          'VERSION_CONFLICT',
          `${label} ${id} is at version ${current.properties.version}, not ${expectedVersion}: someone changed it since you read it`,
          undefined,
          current,
        );
      }
      const merged: Record<string, unknown> = {};
      for (const column of columns) merged[column.property] = current.properties[column.property];
      Object.assign(merged, patch.value);
      const full = validateProperties(definition, merged);
      if (!full.ok) throw validationFailed(full.issues);
      const referenceIssues = await checkReferences(tx, patch.value);
      if (referenceIssues.length) throw validationFailed(referenceIssues);

      const params: unknown[] = [id];
      const sets: string[] = [];
      for (const column of columns) {
        if (!(column.property in patch.value)) continue;
        params.push(toParam(column, full.value[column.property]));
        sets.push(`${column.name} = ${placeholder(column, params.length)}`);
      }
      if (body.geometry !== undefined) {
        params.push(JSON.stringify(body.geometry));
        sets.push(`geom = ${GEOMETRY_PARAM(params.length)}`);
      }
      sets.push('version = version + 1', 'updated_at = now()');
      await tx.query(`UPDATE ${definition.table} SET ${sets.join(', ')} WHERE id = $1`, params);
      const derived = derivedAssignments(definition, `${definition.table}.geom`);
      if (derived.length && body.geometry !== undefined) {
        await tx.query(`UPDATE ${definition.table} SET ${derived.join(', ')} WHERE id = $1`, [id]);
      }
      return findFeature(tx, definition, id);
    });
    if (!feature) throw notFound(label);
    c.header('ETag', etag(feature.properties.version as number));
    return c.json(feature);
  });

  app.delete('/:id', async (c) => {
    const id = c.req.param('id');
    const expectedVersion = c.req.header('if-match') ? readIfMatch(c) : undefined;
    await db.transaction(async (tx) => {
      const current = await findFeature(tx, definition, id, true);
      if (!current) throw notFound(label);
      if (expectedVersion !== undefined && current.properties.version !== expectedVersion) {
        throw new ApiError(
          409,
          'VERSION_CONFLICT',
          `${label} ${id} changed since you read it`,
          undefined,
          current,
        );
      }
      await tx.query(`DELETE FROM ${definition.table} WHERE id = $1`, [id]);
    });
    return c.body(null, 204);
  });

  return app;
}
