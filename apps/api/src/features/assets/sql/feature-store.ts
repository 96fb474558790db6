import type { Issue, ResourceDefinition } from '@hatang/contracts';
import { featureTableOf, orm, type Sql } from '@hatang/db';
import { landingStations, manholes, organisations } from '@hatang/db/schema';
import { eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { isUuid } from '../../../http/body.js';
import { ownValue } from '../../../http/own-key.js';
import { columnsOf } from './columns.js';
import { columnOf, extrasOf, featureSelect, textOf, toFeature } from './feature-sql.js';

export type StoredFeature = ReturnType<typeof toFeature>;

/** Properties that refer to another table: checked up front so every bad reference is reported. */
const REFERENCES: Record<string, { table: PgTable; id: PgColumn; what: string }> = {
  ownerOrgId: { table: organisations, id: organisations.id, what: 'organisation' },
  fromManholeId: { table: manholes, id: manholes.id, what: 'manhole' },
  toManholeId: { table: manholes, id: manholes.id, what: 'manhole' },
  landingStationId: { table: landingStations, id: landingStations.id, what: 'landing station' },
};

/** A GeoJSON geometry as stored: 2D, WGS 84. */
const storedGeometry = (geometry: unknown) =>
  sql`ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326))`;

export async function findFeature(
  db: Sql,
  definition: ResourceDefinition,
  id: string,
  lock = false,
): Promise<StoredFeature | undefined> {
  if (!isUuid(id)) return undefined;
  const { table, fields } = featureSelect(definition);
  const select = orm(db)
    .select(fields)
    .from(table)
    .where(eq(columnOf(table, 'id'), id));
  const rows = await (lock ? select.for('update') : select);
  return rows[0] ? toFeature(rows[0]) : undefined;
}

/** Every property that names another record must name one that exists. */
export async function checkReferences(db: Sql, properties: Record<string, unknown>): Promise<Issue[]> {
  const issues: Issue[] = [];
  for (const [property, value] of Object.entries(properties)) {
    const reference = ownValue(REFERENCES, property);
    if (!reference || typeof value !== 'string') continue;
    const rows = await orm(db)
      .select({ id: reference.id })
      .from(reference.table)
      .where(eq(reference.id, value))
      .limit(1);
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
  const derived = Object.entries(extrasOf(definition).derived ?? {});
  if (derived.length === 0) return;
  const table = featureTableOf(definition.path);
  const geom = textOf(sql`${columnOf(table, 'geom')}`);
  const sets = derived.map(
    ([column, expression]) =>
      sql`${sql.identifier(column)} = ${sql.raw(expression.replaceAll('$geom', geom))}`,
  );
  await orm(tx).execute(
    sql`UPDATE ${table} SET ${sql.join(sets, sql`, `)} WHERE ${columnOf(table, 'id')} = ${id}`,
  );
}

/** The stored values of the given properties, by column key (the property's name). */
function columnValues(definition: ResourceDefinition, properties: Record<string, unknown>) {
  return Object.fromEntries(
    columnsOf(definition)
      .filter((column) => column.property in properties)
      .map((column) => [column.property, properties[column.property] ?? null]),
  );
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
  const table = featureTableOf(definition.path);
  const values = Object.fromEntries(
    columnsOf(definition).map((c) => [c.property, properties[c.property] ?? null]),
  );
  await orm(tx)
    .insert(table)
    .values({ ...values, id, geom: storedGeometry(geometry), version });
  await updateDerived(tx, definition, id);
  const stored = await findFeature(tx, definition, id);
  if (!stored) throw new Error(`${definition.path} ${id} vanished after insert`);
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
  const table = featureTableOf(definition.path);
  await orm(tx)
    .update(table)
    .set({
      ...columnValues(definition, properties),
      ...(geometry !== undefined ? { geom: storedGeometry(geometry) } : {}),
      version: sql`${columnOf(table, 'version')} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(columnOf(table, 'id'), id));
  if (geometry !== undefined) await updateDerived(tx, definition, id);
  const stored = await findFeature(tx, definition, id);
  if (!stored) throw new Error(`${definition.path} ${id} vanished after update`);
  return stored;
}

/** Deletes a feature (its history keeps it). */
export async function deleteFeature(tx: Sql, definition: ResourceDefinition, id: string): Promise<void> {
  const table = featureTableOf(definition.path);
  await orm(tx)
    .delete(table)
    .where(eq(columnOf(table, 'id'), id));
}
