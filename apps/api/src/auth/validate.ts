import { toIssues } from '@hatang/contracts';
import type { Context } from 'hono';
import type { z } from 'zod';
import { validationFailed } from '../errors.js';
import { readJsonBody } from '../http/body.js';

/** Reads a JSON body and parses it with a contract schema, reporting every problem at once. */
export async function readValidBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const parsed = schema.safeParse(await readJsonBody(c));
  if (!parsed.success) throw validationFailed(toIssues(parsed.error));
  return parsed.data;
}
