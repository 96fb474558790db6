import { type AssetGeometry, type AssetPath, isAssetPath, type ResourceDefinition } from '@hatang/contracts';
import { featureTableOf } from '@hatang/db';
import { adminUnits, tenancies, towers, wifiPoints } from '@hatang/db/schema';
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
  /** Extra `expression AS "property"` select items. */
  select?: string[];
  /** Columns the server derives from the geometry on every write: name → SQL using `$geom`. */
  derived?: Record<string, string>;
}

const adminUnitOfGeometry = textOf(
  sql`(SELECT ${adminUnits.code} FROM ${adminUnits} WHERE ST_Covers(${adminUnits.geom}, ${sql.raw('$geom')}) ORDER BY ${adminUnits.code} LIMIT 1)`,
);

const r = { towers: aliased(towers), wifiPoints: aliased(wifiPoints) };
const RESOURCE_EXTRAS: Partial<Record<AssetPath, ResourceExtras>> = {
  towers: {
    select: [
      sql`${r.towers.adminUnitCode} AS "adminUnitCode"`,
      sql`(SELECT count(*)::int FROM ${tenancies} WHERE ${tenancies.towerId} = ${r.towers.id}) AS "tenantCount"`,
      sql`(SELECT coalesce(json_agg(json_build_object(
          'operatorOrgId', ${tenancies.operatorOrgId}, 'technologies', ${tenancies.technologies},
          'antennaCount', ${tenancies.antennaCount}, 'mountHeightM', ${tenancies.mountHeightM}, 'since', ${tenancies.since}::text
        ) ORDER BY ${tenancies.since}, ${tenancies.operatorOrgId}), '[]'::json) FROM ${tenancies} WHERE ${tenancies.towerId} = ${r.towers.id}) AS tenancies`,
    ].map(textOf),
    derived: { [towers.adminUnitCode.name]: adminUnitOfGeometry },
  },
  'wifi-points': {
    select: [textOf(sql`${r.wifiPoints.adminUnitCode} AS "adminUnitCode"`)],
    derived: { [wifiPoints.adminUnitCode.name]: adminUnitOfGeometry },
  },
};

/** The read and write extras of a resource (none for most). */
export const extrasOf = (definition: ResourceDefinition): ResourceExtras =>
  (isAssetPath(definition.path) ? RESOURCE_EXTRAS[definition.path] : undefined) ?? {};

export const isAsset = (definition: ResourceDefinition) => 'ownerOrgId' in definition.shape;

function selectStatement(definition: ResourceDefinition): string {
  const table = featureTableOf(definition.path);
  const row = aliased(table);
  const column = (key: string) => columnOf(row, key);
  const items: SQL[] = [
    sql`${column('id')}::text AS id`,
    sql`ST_AsGeoJSON(${column('geom')}, 7)::json AS geometry`,
    ...columnsOf(definition).map((c) =>
      c.kind === 'date'
        ? sql`${column(c.property)}::text AS ${sql.identifier(c.property)}`
        : sql`${column(c.property)} AS ${sql.identifier(c.property)}`,
    ),
    ...(isAsset(definition)
      ? [
          sql`${column('version')}`,
          sql`${isoTimestamp(column('createdAt'))} AS "createdAt"`,
          sql`${isoTimestamp(column('updatedAt'))} AS "updatedAt"`,
        ]
      : []),
    ...(extrasOf(definition).select ?? []).map((item) => sql.raw(item)),
  ];
  return textOf(sql`SELECT ${sql.join(items, sql`, `)} FROM ${table} "r"`);
}

const selects = new WeakMap<ResourceDefinition, string>();

/**
 * `SELECT … FROM <table> r` giving `id`, `geometry` (GeoJSON) and every property, camelCase;
 * built once per resource from its table in the schema.
 */
export function selectFeatureSql(definition: ResourceDefinition): string {
  let statement = selects.get(definition);
  if (statement === undefined) {
    statement = selectStatement(definition);
    selects.set(definition, statement);
  }
  return statement;
}

/** A row of selectFeatureSql: id, geometry and the properties. */
export interface FeatureRow {
  id: string;
  geometry: unknown;
  [property: string]: unknown;
}

/** Turns a row of selectFeatureSql into a GeoJSON Feature (id also kept in properties). */
export function toFeature(row: FeatureRow) {
  const { geometry, ...properties } = row;
  // ST_AsGeoJSON of a stored (2D, WGS 84) geometry of the resource's type.
  return { type: 'Feature' as const, id: row.id, geometry: geometry as AssetGeometry, properties };
}
