import type { ResourceDefinition } from '@hatang/contracts';
import { toPgTextArray } from '@hatang/db';
import { z } from 'zod';

/** How a property is stored: plain, a text[] array, or a date read back as `YYYY-MM-DD`. */
export type ColumnKind = 'plain' | 'text_array' | 'date';

export interface Column {
  /** camelCase property name. */
  property: string;
  /** snake_case column name. */
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

function kindOf(schema: z.ZodType): ColumnKind {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodArray) return 'text_array';
  if (inner instanceof z.ZodISODate) return 'date';
  return 'plain';
}

const cache = new WeakMap<ResourceDefinition, Column[]>();

/** The writable columns of a resource, derived from its contract's shape. */
export function columnsOf(definition: ResourceDefinition): Column[] {
  let columns = cache.get(definition);
  if (!columns) {
    columns = Object.entries(definition.shape).map(([property, schema]) => ({
      property,
      name: snakeCase(property),
      kind: kindOf(schema as z.ZodType),
    }));
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

/** The SQL placeholder for a column's parameter, with the cast it needs. */
export function placeholder(column: Column, index: number): string {
  return column.kind === 'text_array' ? `$${index}::text[]` : `$${index}`;
}

/** The JS value to bind for a column. */
export function toParam(column: Column, value: unknown): unknown {
  if (value === undefined) return null;
  if (column.kind === 'text_array') return toPgTextArray(value as string[]);
  return value;
}
