import { toIssues } from '@hatang/contracts';
import type { Context } from 'hono';
import type { ZodType } from 'zod';
import type { AppEnv } from '../context.js';
import { validationFailed } from '../errors.js';
import { readJsonBody } from './body.js';

/** The signed-in user's id, for created_by / approved_by. */
export const userOf = (c: Context<AppEnv>) => c.get('principal')?.userId ?? null;

/** Reads a JSON body and parses it with a contract schema: 400 with every problem otherwise. */
export async function parseBody<T>(c: Context<AppEnv>, schema: ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readJsonBody(c));
  if (!parsed.success) throw validationFailed(toIssues(parsed.error));
  return parsed.data;
}

/** The body as an object, or 400 saying what it should have been. */
export function asObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw validationFailed([{ path: [], message: `the body must be ${what}` }]);
  }
  return value as Record<string, unknown>;
}
