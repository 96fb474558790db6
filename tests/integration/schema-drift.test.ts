/**
 * The drizzle schema (packages/db/src/schema) against a database the SQL migrations built, on
 * PGlite and on server PostGIS: the same tables, the same columns, each with the same type (as
 * PostgreSQL's format_type prints it, geometry kind and SRID included), nullability and primary
 * key. A migration that adds, drops or changes a column without the schema following fails here,
 * and so does a schema edit no migration made.
 */
import * as schema from '@hatang/db/schema';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../support/test-database.js';

interface ColumnShape {
  type: string;
  notNull: boolean;
  primaryKey: boolean;
}
type Shape = Record<string, Record<string, ColumnShape>>;

/** Tables that belong to the migration runner and PostGIS, not to the application. */
const NOT_OURS = new Set(['schema_migrations', 'spatial_ref_sys']);

function schemaShape(): Shape {
  const shape: Shape = {};
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    const compositeKey = new Set(config.primaryKeys.flatMap((key) => key.columns.map((c) => c.name)));
    shape[config.name] = Object.fromEntries(
      config.columns.map((column) => [
        column.name,
        {
          type: column.getSQLType(),
          notNull: column.notNull,
          primaryKey: column.primary || compositeKey.has(column.name),
        },
      ]),
    );
  }
  return shape;
}

let database: Shape;

beforeAll(async () => {
  const db = await testDatabase();
  const rows = await db.query<{
    table: string;
    column: string;
    type: string;
    notNull: boolean;
    primaryKey: boolean;
  }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS "notNull",
       EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey)) AS "primaryKey"
     FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE c.relkind IN ('r', 'p')
     ORDER BY 1, 2`,
  );
  database = {};
  for (const row of rows) {
    if (NOT_OURS.has(row.table)) continue;
    database[row.table] ??= {};
    (database[row.table] as Record<string, ColumnShape>)[row.column] = {
      type: row.type,
      notNull: row.notNull,
      primaryKey: row.primaryKey,
    };
  }
});

describe('the drizzle schema and the migrated database', () => {
  it('describe the same tables', () => {
    expect(Object.keys(schemaShape()).sort()).toEqual(Object.keys(database).sort());
    expect(Object.keys(database).length).toBeGreaterThanOrEqual(45);
  });

  it('give every table the same columns, types, nullability and primary key', () => {
    const described = schemaShape();
    for (const [table, columns] of Object.entries(database)) {
      expect(described[table], table).toEqual(columns);
    }
  });
});
