import { type AssetGeometry, type AssetPath, isAssetPath, type ResourceDefinition } from '@hatang/contracts';
import { featureTableOf, type RowOf } from '@hatang/db';
import { adminUnits, poles, streetDevices, tenancies, towers, wifiPoints } from '@hatang/db/schema';
import { type Column, getTableColumns, type SQL, sql } from 'drizzle-orm';
import { alias, PgDialect, type PgTable } from 'drizzle-orm/pg-core';
import { columnsOf } from './columns.js';

const dialect = new PgDialect();
/** The text of a statement without parameters (table and column names from the schema). */
export const textOf = (statement: SQL) => dialect.sqlToQuery(statement).sql;

/** Every select reads its table as `r`, the alias the filters and callers write conditions on. */
const aliased = (table: PgTable) => alias(table, 'r');

/** A column of `table` by its key in the schema (the property's name). */
export function columnOf(table: PgTable, key: string): Column {
  const columns: Record<string, Column> = getTableColumns(table);
  const column = Object.hasOwn(columns, key) ? columns[key] : undefined;
  if (!column) throw new Error(`the table has no column ${key}`);
  return column;
}

const isoTimestamp = (column: Column) =>
  sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Read-only properties some resources add (derived on write, joined on read). */
export interface ResourceExtras {
  /** Extra properties read with every feature: property → expression over the `r` alias. */
  select?: Record<string, SQL>;
  /** Columns the server derives from the geometry on every write: name → SQL using `$geom`. */
  derived?: Record<string, string>;
}

const adminUnitOfGeometry = textOf(
  sql`(SELECT ${adminUnits.code} FROM ${adminUnits} WHERE ST_Covers(${adminUnits.geom}, ${sql.raw('$geom')}) ORDER BY ${adminUnits.code} LIMIT 1)`,
);

/**
 * A correlated subquery as a select field, nested: a single-table drizzle select writes the columns
 * of its fields bare, which inside the subquery would name the subquery's own table.
 */
const subquery = (query: SQL) => sql`(${query})`;

const r = { towers: aliased(towers), wifiPoints: aliased(wifiPoints), streetDevices: aliased(streetDevices) };
const RESOURCE_EXTRAS: Partial<Record<AssetPath, ResourceExtras>> = {
  towers: {
    select: {
      adminUnitCode: sql`${r.towers.adminUnitCode}`,
      tenantCount: subquery(
        sql`SELECT count(*)::int FROM ${tenancies} WHERE ${tenancies.towerId} = ${r.towers.id}`,
      ),
      tenancies: subquery(sql`SELECT coalesce(json_agg(json_build_object(
          'operatorOrgId', ${tenancies.operatorOrgId}, 'technologies', ${tenancies.technologies},
          'antennaCount', ${tenancies.antennaCount}, 'mountHeightM', ${tenancies.mountHeightM}, 'since', ${tenancies.since}::text
        ) ORDER BY ${tenancies.since}, ${tenancies.operatorOrgId}), '[]'::json) FROM ${tenancies} WHERE ${tenancies.towerId} = ${r.towers.id}`),
    },
    derived: { [towers.adminUnitCode.name]: adminUnitOfGeometry },
  },
  'wifi-points': {
    select: { adminUnitCode: sql`${r.wifiPoints.adminUnitCode}` },
    derived: { [wifiPoints.adminUnitCode.name]: adminUnitOfGeometry },
  },
  // The code of the pole a device hangs on, so nobody reads a uuid (same tier as poleId).
  'street-devices': {
    select: {
      poleCode: subquery(
        sql`SELECT ${poles.code} FROM ${poles} WHERE ${poles.id} = ${r.streetDevices.poleId}`,
      ),
    },
  },
};

/** The read and write extras of a resource (none for most). */
export const extrasOf = (definition: ResourceDefinition): ResourceExtras =>
  (isAssetPath(definition.path) ? RESOURCE_EXTRAS[definition.path] : undefined) ?? {};

export const isAsset = (definition: ResourceDefinition) => 'ownerOrgId' in definition.shape;

/**
 * What a feature select reads, by property: `id` (text), `geometry` (GeoJSON), every property of
 * the resource (camelCase) and its extras, each an expression over the table aliased `r` (the
 * values exactly as the driver gives them: toFeature takes them as they come).
 */
export type FeatureFields = { id: SQL<string>; geometry: SQL<unknown> } & Record<string, SQL>;

interface FeatureSelect {
  /** The resource's table aliased `r`: what the fields, the filters and the order read. */
  table: PgTable;
  fields: FeatureFields;
  /** `SELECT <fields> FROM <table> r`, as text (for statements still written as text). */
  text: string;
}

function featureSelectOf(definition: ResourceDefinition): FeatureSelect {
  const stored = featureTableOf(definition.path);
  const table = aliased(stored);
  const column = (key: string) => columnOf(table, key);
  const fields: FeatureFields = {
    id: sql<string>`${column('id')}::text`,
    geometry: sql`ST_AsGeoJSON(${column('geom')}, 7)::json`,
    ...Object.fromEntries(
      columnsOf(definition).map((c) => [
        c.property,
        c.kind === 'date' ? sql`${column(c.property)}::text` : sql`${column(c.property)}`,
      ]),
    ),
    ...(isAsset(definition)
      ? {
          version: sql`${column('version')}`,
          createdAt: isoTimestamp(column('createdAt')),
          updatedAt: isoTimestamp(column('updatedAt')),
        }
      : {}),
    ...extrasOf(definition).select,
  };
  const items = Object.entries(fields).map(([key, field]) => sql`${field} AS ${sql.identifier(key)}`);
  const text = textOf(sql`SELECT ${sql.join(items, sql`, `)} FROM ${stored} "r"`);
  return { table, fields, text };
}

const selects = new WeakMap<ResourceDefinition, FeatureSelect>();

/** The feature select of a resource, built once from its table in the schema. */
export function featureSelect(definition: ResourceDefinition): FeatureSelect {
  let select = selects.get(definition);
  if (select === undefined) {
    select = featureSelectOf(definition);
    selects.set(definition, select);
  }
  return select;
}

/**
 * `SELECT … FROM <table> r` giving `id`, `geometry` (GeoJSON) and every property, camelCase;
 * built once per resource from its table in the schema.
 */
export const selectFeatureSql = (definition: ResourceDefinition): string => featureSelect(definition).text;

/** A row of a feature select: id, geometry and the properties, as the driver gives them. */
export type FeatureRow = RowOf<FeatureFields>;

/** Turns a row of a feature select into a GeoJSON Feature (id also kept in properties). */
export function toFeature(row: FeatureRow) {
  const { geometry, ...properties } = row;
  // ST_AsGeoJSON of a stored (2D, WGS 84) geometry of the resource's type.
  return { type: 'Feature' as const, id: row.id, geometry: geometry as AssetGeometry, properties };
}
