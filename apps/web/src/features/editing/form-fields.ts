import { type ResourceDefinition, validateProperties, validatePropertiesPatch } from '@hatang/contracts';
import { z } from 'zod';
import { formatNumberInput, parseNumberText } from '../../lib/format';
import type { Lang } from '../../lib/i18n';

/** One input of the attribute form, derived from the resource's zod shape. */
export type FieldSpec =
  | { key: string; kind: 'enum'; options: readonly string[]; required: boolean }
  | { key: string; kind: 'enum-list'; options: readonly string[]; required: boolean }
  /** A list of organisation ids (e.g. the operators an in-building system serves). */
  | { key: string; kind: 'org-list'; required: boolean }
  | { key: string; kind: 'boolean'; required: boolean }
  | { key: string; kind: 'number'; integer: boolean; min?: number; max?: number; required: boolean }
  | { key: string; kind: 'text' | 'date' | 'org' | 'ref'; required: boolean };

/** What the inputs hold: text for single inputs, a list for multi-selects. */
export type FormValues = Record<string, string | string[]>;

/** Field key → the first problem found with it (client-side zod or the server's 400 details). */
export type FieldErrors = Record<string, string>;

interface Unwrapped {
  schema: z.ZodType;
  nullable: boolean;
  hasDefault: boolean;
}

function unwrap(schema: z.ZodType): Unwrapped {
  let current = schema;
  let nullable = false;
  let hasDefault = false;
  for (;;) {
    if (current instanceof z.ZodDefault) {
      hasDefault = true;
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodNullable) {
      nullable = true;
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodOptional) {
      hasDefault = true;
      current = current.unwrap() as z.ZodType;
    } else return { schema: current, nullable, hasDefault };
  }
}

/** The form's fields, in the shape's order (code, owner and status first). */
export function fieldsOf(definition: ResourceDefinition): FieldSpec[] {
  return Object.entries(definition.shape).map(([key, raw]): FieldSpec => {
    const { schema, nullable, hasDefault } = unwrap(raw as z.ZodType);
    const required = !nullable && !hasDefault;
    if (key === 'ownerOrgId') return { key, kind: 'org', required };
    if (schema instanceof z.ZodEnum)
      return { key, kind: 'enum', options: schema.options.map(String), required };
    if (schema instanceof z.ZodArray && schema.element instanceof z.ZodEnum) {
      return { key, kind: 'enum-list', options: schema.element.options.map(String), required: false };
    }
    if (schema instanceof z.ZodArray && schema.element instanceof z.ZodUUID) {
      return { key, kind: 'org-list', required: false };
    }
    if (schema instanceof z.ZodBoolean) return { key, kind: 'boolean', required };
    if (schema instanceof z.ZodNumber) {
      return {
        key,
        kind: 'number',
        integer: schema.isInt,
        min: Number.isFinite(schema.minValue) ? (schema.minValue ?? undefined) : undefined,
        max: Number.isFinite(schema.maxValue) ? (schema.maxValue ?? undefined) : undefined,
        required,
      };
    }
    if (schema instanceof z.ZodUUID) return { key, kind: 'ref', required };
    if (schema instanceof z.ZodISODate) return { key, kind: 'date', required };
    return { key, kind: 'text', required };
  });
}

/**
 * Form values from a feature's properties (absent keys stay empty); numbers written as the UI
 * language does (vi: 5,8), as the side panel shows them.
 */
export function valuesFrom(
  fields: readonly FieldSpec[],
  properties: Record<string, unknown>,
  lang: Lang = 'en',
): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const value = properties[field.key];
    if (field.kind === 'enum-list' || field.kind === 'org-list')
      values[field.key] = Array.isArray(value) ? value.map(String) : [];
    else if (field.kind === 'number' && typeof value === 'number')
      values[field.key] = formatNumberInput(lang, value);
    else values[field.key] = value === null || value === undefined ? '' : String(value);
  }
  return values;
}

/**
 * Turns form values into typed properties: empty → null for nullable fields, absent otherwise (so
 * zod reports "required"); a number that does not parse stays text, so zod reports its type.
 */
export function propertiesFrom(fields: readonly FieldSpec[], values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.key];
    if (field.kind === 'enum-list' || field.kind === 'org-list') {
      out[field.key] = Array.isArray(value) ? value : [];
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') {
      if (!field.required) out[field.key] = null;
      continue;
    }
    if (field.kind === 'number') {
      const n = parseNumberText(text);
      out[field.key] = Number.isNaN(n) ? text : n;
    } else if (field.kind === 'boolean') {
      out[field.key] = text === 'true' ? true : text === 'false' ? false : text;
    } else out[field.key] = text;
  }
  return out;
}

/** Field errors from API/zod issues whose path is `['properties', key, …]` (or `[key, …]`). */
export function fieldErrorsFrom(
  issues: ReadonlyArray<{ path: ReadonlyArray<string | number>; message: string }>,
) {
  const errors: FieldErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    const path = issue.path[0] === 'properties' ? issue.path.slice(1) : issue.path;
    const key = path[0];
    if (typeof key === 'string' && issue.path[0] !== 'geometry') {
      errors[key] ??= issue.message;
    } else {
      other.push(`${issue.path.join('.')}: ${issue.message}`);
    }
  }
  return { errors, other };
}

/**
 * Validates the form with the resource's zod contract, as the server will: all fields for a new
 * asset; for an edit, only the `changed` keys when some fields are hidden from this user.
 */
export function validateForm(
  definition: ResourceDefinition,
  fields: readonly FieldSpec[],
  values: FormValues,
  options: { partialKeys?: readonly string[] } = {},
): { properties: Record<string, unknown>; errors: FieldErrors } {
  const properties = propertiesFrom(fields, values);
  if (options.partialKeys) {
    const subset = Object.fromEntries(
      options.partialKeys.filter((k) => k in properties).map((k) => [k, properties[k]]),
    );
    const result = validatePropertiesPatch(definition, subset);
    return { properties: subset, errors: result.ok ? {} : fieldErrorsFrom(result.issues).errors };
  }
  const result = validateProperties(definition, properties);
  return { properties, errors: result.ok ? {} : fieldErrorsFrom(result.issues).errors };
}
