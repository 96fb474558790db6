/**
 * drizzle-orm over this package's `Sql`: `orm(sql)` is a typed query builder that runs on the
 * same connection or transaction as `sql`, on PGlite and on PostgreSQL alike. Transactions stay
 * `Database.transaction`'s (drizzle's proxy driver has none): inside one, `orm(tx)`.
 */

import { type Column, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { drizzle, type PgRemoteDatabase } from 'drizzle-orm/pg-proxy';
import type { SelectResultFields } from 'drizzle-orm/query-builders/select.types';
import type { Geometry } from 'geojson';
import type { Sql } from './database.js';

export type Orm = PgRemoteDatabase;

/** The row a select (or a `returning`) of these fields gives: inferred, never cast. */
export type RowOf<Fields> = SelectResultFields<Fields>;

const instances = new WeakMap<Sql, Orm>();

/** The query builder bound to `on` (a database or a transaction), made once per `on`. */
export function orm(on: Sql): Orm {
  let instance = instances.get(on);
  if (!instance) {
    instance = drizzle(async (text, params, method) => ({
      rows: method === 'all' ? await on.queryArrays(text, params) : await on.query(text, params),
    }));
    instances.set(on, instance);
  }
  return instance;
}

/**
 * A geometry column read as GeoJSON (`[lng, lat]`, WGS 84), typed as the column's kind;
 * `decimals` rounds coordinates (6 ≈ 0.1 m).
 */
export function geoJson<G extends Geometry>(column: Column & { _: { data: G } }, decimals?: number): SQL<G> {
  const text =
    decimals === undefined
      ? sql`ST_AsGeoJSON(${column})`
      : sql`ST_AsGeoJSON(${column}, ${sql.raw(String(Math.trunc(decimals)))})`;
  return sql<G>`${text}::json`.mapWith((value: G | string) =>
    typeof value === 'string' ? (JSON.parse(value) as G) : value,
  );
}

/**
 * Creates `table`, a pgTable describing a temporary table, as `CREATE TEMP TABLE … ON COMMIT DROP`
 * with its columns' SQL types (and NOT NULL): declared once, used by the statements after it.
 */
export async function createTempTable(on: Sql, table: PgTable): Promise<void> {
  const columns = Object.values(getTableColumns(table)).map(
    (column) =>
      sql`${sql.identifier(column.name)} ${sql.raw(column.getSQLType())}${column.notNull ? sql` NOT NULL` : sql``}`,
  );
  await orm(on).execute(sql`CREATE TEMP TABLE ${table} (${sql.join(columns, sql`, `)}) ON COMMIT DROP`);
}
