/**
 * The field-mapping step: which source field (or constant) fills each contract property, how a
 * text cell becomes the property's type, and the check of one row against the same zod contract
 * the REST API uses.
 */
import { type FieldMapping, type ResourceDefinition, validateProperties } from '@hatang/contracts';
import { shapefileFieldNames } from '@hatang/geo/formats';
import { z } from 'zod';
import { snakeCase } from '../assets/sql/columns.js';

export type { FieldMapping } from '@hatang/contracts';

/** One problem of one row: `row` is 1-based in file order, `field` the contract property (or `geometry`). */
export interface RowIssue {
  row: number;
  field: string;
  message: string;
}

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The mapping a user starts from: each property takes the source field with the same name in
 * camelCase, snake_case, or as a Shapefile cut it (10 characters); the owner defaults to `ownerOrgId`.
 */
export function autoMapping(
  definition: ResourceDefinition,
  fields: readonly string[],
  defaults: { ownerOrgId?: string } = {},
): FieldMapping {
  const byName = new Map(fields.map((f) => [normalise(f), f]));
  const mapping: FieldMapping = {};
  const properties = Object.keys(definition.shape);
  const truncated = shapefileFieldNames(properties.map(snakeCase));
  properties.forEach((property, i) => {
    const candidates = [property, snakeCase(property), truncated[i] ?? ''];
    const found = candidates.map((c) => byName.get(normalise(c))).find((f) => f !== undefined);
    if (found) mapping[property] = found;
  });
  if (!mapping.ownerOrgId && defaults.ownerOrgId) mapping.ownerOrgId = { value: defaults.ownerOrgId };
  return mapping;
}

/** Problems with the mapping itself: unknown properties, fields not in the file. */
export function checkMapping(
  definition: ResourceDefinition,
  mapping: FieldMapping,
  fields: readonly string[],
) {
  const issues: { path: string[]; message: string }[] = [];
  const known = new Set(fields);
  for (const [property, target] of Object.entries(mapping)) {
    if (!(property in definition.shape))
      issues.push({ path: ['mapping', property], message: `${definition.path} has no property ${property}` });
    else if (typeof target === 'string' && !known.has(target))
      issues.push({ path: ['mapping', property], message: `the file has no field "${target}"` });
  }
  return issues;
}

function innerType(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodNullable || s instanceof z.ZodOptional)
    s = s.unwrap() as z.ZodType;
  return s;
}

const hasDefault = (schema: z.ZodType) => schema instanceof z.ZodDefault;

/** A cell as the property's type: numbers from text (also `8,5`), lists from `a;b`, text trimmed. */
function coerce(schema: z.ZodType, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  const inner = innerType(schema);
  if (inner instanceof z.ZodNumber && typeof value === 'string') {
    const text = value.trim().replace(/^(-?\d+),(\d+)$/, '$1.$2');
    const n = Number(text);
    return text !== '' && Number.isFinite(n) ? n : value;
  }
  if (inner instanceof z.ZodArray && typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('[')) {
      try {
        return JSON.parse(text);
      } catch {
        return value;
      }
    }
    return text
      .replace(/^\{|\}$/g, '')
      .split(/[;,|]/)
      .map((s) => s.trim())
      .filter(Boolean);
  }
  if ((inner instanceof z.ZodString || inner instanceof z.ZodEnum) && typeof value === 'number')
    return String(value);
  if (typeof value === 'string') return value.trim();
  return value;
}

export interface MapContext {
  /** Organisation codes → ids, so a file may name the owner by its code (e.g. VNPT). */
  orgIdsByCode: ReadonlyMap<string, string>;
  /** The owner of rows whose owner cell is empty (an operator editor's own organisation). */
  defaultOwner?: string | undefined;
}

/** The row's properties under the mapping, and every problem, each with its contract property. */
export function mapRow(
  definition: ResourceDefinition,
  mapping: FieldMapping,
  source: Record<string, unknown>,
  context: MapContext,
):
  | { ok: true; properties: Record<string, unknown> }
  | { ok: false; issues: { field: string; message: string }[] } {
  const input: Record<string, unknown> = {};
  const issues: { field: string; message: string }[] = [];
  for (const [property, schema] of Object.entries(definition.shape)) {
    const target = mapping[property];
    const raw = target === undefined ? undefined : typeof target === 'string' ? source[target] : target.value;
    let value = coerce(schema as z.ZodType, raw);
    if (property === 'ownerOrgId' && typeof value === 'string')
      value = context.orgIdsByCode.get(value) ?? value;
    if (property === 'ownerOrgId' && value === undefined) value = context.defaultOwner;
    if (value === undefined) {
      if (!hasDefault(schema as z.ZodType)) {
        issues.push({
          field: property,
          message:
            target === undefined
              ? `required: map a field of the file to ${property}`
              : 'required: the cell is empty',
        });
      }
      continue;
    }
    input[property] = value;
  }
  if (issues.length > 0) {
    // Still check the cells that are there, so the report lists every problem of the row at once.
    const partial = z.strictObject(definition.shape).partial().safeParse(input);
    if (!partial.success)
      for (const i of partial.error.issues)
        issues.push({ field: i.path.map(String).join('.'), message: i.message });
    return { ok: false, issues };
  }
  const checked = validateProperties(definition, input, []);
  if (!checked.ok)
    return {
      ok: false,
      issues: checked.issues.map((i) => ({
        field: i.path.map(String).join('.') || 'properties',
        message: i.message,
      })),
    };
  return { ok: true, properties: checked.value };
}
