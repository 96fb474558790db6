import type { ResourceDefinition } from '@hatang/contracts';
import { featureTableOf, toPgTextArray } from '@hatang/db';
import { getTableColumns, type Column as TableColumn } from 'drizzle-orm';
import { z } from 'zod';

/** How a property is stored: plain, a text[] array, or a date read back as `YYYY-MM-DD`. */
export type ColumnKind = 'plain' | 'text_array' | 'date';

export interface Column {
  /** camelCase property name. */
  property: string;
  /** snake_case column name (the schema's). */
  name: string;
  kind: ColumnKind;
}

export const snakeCase = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodNullable || s instanceof z.ZodOptional) {
    s = s.unwrap() as z.ZodType;
  }
  return s;
}

function kindOf(column: TableColumn): ColumnKind {
  if (column.columnType === 'PgArray') return 'text_array';
  if (column.getSQLType() === 'date') return 'date';
  return 'plain';
}

const cache = new WeakMap<ResourceDefinition, Column[]>();

/**
 * The writable columns of a resource: each property of its contract's shape with the column of
 * the same key in its table (packages/db schema), whose name and type the SQL uses.
 */
export function columnsOf(definition: ResourceDefinition): Column[] {
  let columns = cache.get(definition);
  if (!columns) {
    const table = getTableColumns(featureTableOf(definition.path));
    columns = Object.keys(definition.shape).map((property) => {
      const column = Object.hasOwn(table, property) ? table[property] : undefined;
      if (!column) throw new Error(`${definition.path}: the table has no column for ${property}`);
      return { property, name: column.name, kind: kindOf(column) };
    });
    cache.set(definition, columns);
  }
  return columns;
}

/** The schema of one property without default/nullable wrappers (for query filters). */
export function propertySchema(definition: ResourceDefinition, property: string): z.ZodType | undefined {
  // `property` comes from a query string: `constructor` or `__proto__` is no property.
  const schema = Object.hasOwn(definition.shape, property) ? definition.shape[property] : undefined;
  return schema ? unwrap(schema as z.ZodType) : undefined;
}

// The text[] literal lives in @hatang/db: account rows (@hatang/accounts) are written with it too.
export { toPgTextArray };
