/**
 * What the plan routes share on the way in and out: a PATCH's body (read after If-Match; the
 * services check the merged record whole), an optional If-Match, and the ETag (and Location) of
 * an answer.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../context.js';
import { validationFailed } from '../../errors.js';
import { etag, readIfMatch, readJsonBody } from '../../http/body.js';
import { asObject } from '../../http/request-input.js';

/** A PATCH of a Feature: the new geometry (undefined to keep it) and the properties to merge. */
export interface FeaturePatch {
  geometry: unknown;
  properties: Record<string, unknown>;
}

/** Reads a PATCH body; `strict` refuses keys other than a Feature's. */
export async function readFeaturePatch(c: Context<AppEnv>, strict = false): Promise<FeaturePatch> {
  const body = asObject(await readJsonBody(c), 'an object with "geometry" and/or "properties"');
  const unknown = strict
    ? Object.keys(body).filter((key) => !['type', 'id', 'geometry', 'properties'].includes(key))
    : [];
  const properties =
    body.properties === undefined ? {} : asObject(body.properties, 'an object of properties');
  if (unknown.length)
    throw validationFailed(unknown.map((key) => ({ path: [key], message: 'unknown field' })));
  return { geometry: body.geometry, properties };
}

/** If-Match when the request has one (deletes may go without). */
export const optionalIfMatch = (c: Context<AppEnv>): number | undefined =>
  c.req.header('if-match') ? readIfMatch(c) : undefined;

/** Sets the answer's ETag (and Location for a new record). */
export function tagVersion(c: Context<AppEnv>, version: number, location?: string) {
  c.header('ETag', etag(version));
  if (location !== undefined) c.header('Location', location);
}
