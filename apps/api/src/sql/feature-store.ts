import type { Issue, ResourceDefinition } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import { isUuid } from '../http/body.js';
import { ownValue } from '../http/own-key.js';
import { columnsOf, placeholder, toParam } from './columns.js';
import { extrasOf, type FeatureRow, selectFeatureSql, toFeature } from './feature-sql.js';

export type StoredFeature = ReturnType<typeof toFeature>;

/** Properties that refer to another table: checked up front so every bad reference is reported. */
const REFERENCES: Record<string, { table: string; what: string }> = {
  ownerOrgId: { table: 'organisations', what: 'organisation' },
  fromManholeId: { table: 'manholes', what: 'manhole' },
  toManholeId: { table: 'manholes', what: 'manhole' },
  landingStationId: { table: 'landing_stations', what: 'landing station' },
};

const GEOMETRY_PARAM = (n: number) => `ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON($${n}), 4326))`;

export async function findFeature(
  sql: Sql,
  definition: ResourceDefinition,
  id: string,
  lock = false,
): Promise<StoredFeature | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await sql.query<FeatureRow>(
    `${selectFeatureSql(definition)} WHERE r.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? toFeature(rows[0]) : undefined;
}

/** Every property that names another record must name one that exists. */
export async function checkReferences(sql: Sql, properties: Record<string, unknown>): Promise<Issue[]> {
  const issues: Issue[] = [];
  for (const [property, value] of Object.entries(properties)) {
    const reference = ownValue(REFERENCES, property);
    if (!reference || typeof value !== 'string') continue;
    const rows = await sql.query(`SELECT 1 FROM ${reference.table} WHERE id = $1`, [value]);
    if (rows.length === 0)
      issues.push({ path: ['properties', property], message: `unknown ${reference.what} ${value}` });
  }
  return issues;
}

/** The writable properties of a stored feature (what a patch merges into). */
export function writableProperties(
  definition: ResourceDefinition,
  feature: StoredFeature,
): Record<string, unknown> {
  return Object.fromEntries(columnsOf(definition).map((c) => [c.property, feature.properties[c.property]]));
}

/** Columns the server derives from the geometry (e.g. the commune a tower stands in). */
async function updateDerived(tx: Sql, definition: ResourceDefinition, id: string): Promise<void> {
  const derived = extrasOf(definition).derived ?? {};
  const sets = Object.entries(derived).map(
    ([column, expression]) => `${column} = ${expression.replaceAll('$geom', `${definition.table}.geom`)}`,
  );
  if (sets.length) await tx.query(`UPDATE ${definition.table} SET ${sets.join(', ')} WHERE id = $1`, [id]);
}

/** Inserts a validated feature (at `version`, 1 for a new record) and returns it as stored. */
export async function insertFeature(
  tx: Sql,
  definition: ResourceDefinition,
  id: string,
  geometry: unknown,
  properties: Record<string, unknown>,
  version = 1,
): Promise<StoredFeature> {
  const params: unknown[] = [id, JSON.stringify(geometry), version];
  const names = ['id', 'geom', 'version'];
  const values = ['$1', GEOMETRY_PARAM(2), '$3'];
  for (const column of columnsOf(definition)) {
    params.push(toParam(column, properties[column.property]));
    names.push(column.name);
    values.push(placeholder(column, params.length));
  }
  await tx.query(
    `INSERT INTO ${definition.table} (${names.join(', ')}) VALUES (${values.join(', ')})`,
    params,
  );
  await updateDerived(tx, definition, id);
  const stored = await findFeature(tx, definition, id);
  if (!stored) throw new Error(`${definition.table} ${id} vanished after insert`);
  return stored;
}

/** Writes the given properties (and geometry), bumps the version and returns the stored feature. */
export async function updateFeature(
  tx: Sql,
  definition: ResourceDefinition,
  id: string,
  geometry: unknown,
  properties: Record<string, unknown>,
): Promise<StoredFeature> {
  const params: unknown[] = [id];
  const sets: string[] = [];
  for (const column of columnsOf(definition)) {
    if (!(column.property in properties)) continue;
    params.push(toParam(column, properties[column.property]));
    sets.push(`${column.name} = ${placeholder(column, params.length)}`);
  }
  if (geometry !== undefined) {
    params.push(JSON.stringify(geometry));
    sets.push(`geom = ${GEOMETRY_PARAM(params.length)}`);
  }
  sets.push('version = version + 1', 'updated_at = now()');
  await tx.query(`UPDATE ${definition.table} SET ${sets.join(', ')} WHERE id = $1`, params);
  if (geometry !== undefined) await updateDerived(tx, definition, id);
  const stored = await findFeature(tx, definition, id);
  if (!stored) throw new Error(`${definition.table} ${id} vanished after update`);
  return stored;
}
