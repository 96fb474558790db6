import { z } from 'zod';
import { assetHead, type Issue, toIssues } from './common.js';

export type GeometryType = 'Point' | 'LineString' | 'Polygon' | 'MultiPolygon';

/**
 * One spatial resource of the API: its URL segment, table, geometry type and the zod shape of
 * its writable properties (camelCase; the column is the snake_case of the key).
 */
export interface ResourceDefinition<S extends z.ZodRawShape = z.ZodRawShape, P extends string = string> {
  /** URL segment under /api/v1, kebab-case (a literal type: per-kind tables are keyed by it). */
  path: P;
  /** SQL table, snake_case. */
  table: string;
  geometryType: GeometryType;
  shape: S;
  /** Cross-field rules (a method, so definitions stay assignable to ResourceDefinition). */
  crossCheck?(properties: z.infer<z.ZodObject<S>>): Issue[];
  /** Properties usable as `?name=value[,value…]` filters on the collection. */
  filters: readonly (keyof S & string)[];
  labels: { vi: string; en: string };
}

export function defineResource<const P extends string, S extends z.ZodRawShape>(
  definition: ResourceDefinition<S, P>,
): ResourceDefinition<S, P> {
  return definition;
}

/** Shape of every asset: the common head plus the resource's own fields. */
export function assetShape<S extends z.ZodRawShape>(own: S) {
  return { ...assetHead, ...own };
}

/**
 * Validates a full set of properties: unknown keys, types, ranges, then the cross-field rules.
 * Returns every problem, each with its path under `prefix`.
 */
export function validateProperties<S extends z.ZodRawShape>(
  definition: ResourceDefinition<S>,
  input: unknown,
  prefix: (string | number)[] = ['properties'],
): { ok: true; value: z.infer<z.ZodObject<S>> } | { ok: false; issues: Issue[] } {
  const parsed = z.strictObject(definition.shape).safeParse(input);
  if (!parsed.success) return { ok: false, issues: toIssues(parsed.error, prefix) };
  const value = parsed.data as z.infer<z.ZodObject<S>>;
  const crossIssues = definition.crossCheck?.(value) ?? [];
  if (crossIssues.length > 0) {
    return { ok: false, issues: crossIssues.map((i) => ({ ...i, path: [...prefix, ...i.path] })) };
  }
  return { ok: true, value };
}

/** Validates a partial update: only the keys given, each against its own schema. */
export function validatePropertiesPatch<S extends z.ZodRawShape>(
  definition: ResourceDefinition<S>,
  input: unknown,
  prefix: (string | number)[] = ['properties'],
): { ok: true; value: Partial<z.infer<z.ZodObject<S>>> } | { ok: false; issues: Issue[] } {
  const parsed = z.strictObject(withoutDefaults(definition.shape)).partial().safeParse(input);
  if (!parsed.success) return { ok: false, issues: toIssues(parsed.error, prefix) };
  return { ok: true, value: parsed.data as Partial<z.infer<z.ZodObject<S>>> };
}

/** A patch must not fill absent keys with their defaults (that would overwrite stored values). */
function withoutDefaults(shape: z.ZodRawShape): z.ZodRawShape {
  return Object.fromEntries(
    Object.entries(shape).map(([key, schema]) => [
      key,
      schema instanceof z.ZodDefault ? schema.unwrap() : schema,
    ]),
  );
}
