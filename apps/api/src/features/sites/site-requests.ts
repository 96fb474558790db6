/**
 * What offers and key sites share on the way in and out: a PATCH's body (read after If-Match; the
 * services check the merged geometry and properties, every problem at once), the ETag of an
 * answer, and the 409 of a stale If-Match.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../context.js';
import { ApiError } from '../../errors.js';
import { etag, readJsonBody } from '../../http/body.js';
import { asObject } from '../../http/request-input.js';

/** A PATCH: the new geometry (undefined to keep it) and the properties to merge. */
export interface FeaturePatch {
  geometry: unknown;
  properties: Record<string, unknown>;
}

export async function readFeaturePatch(c: Context<AppEnv>): Promise<FeaturePatch> {
  const body = asObject(await readJsonBody(c), 'an object with "geometry" and/or "properties"');
  const properties =
    body.properties === undefined ? {} : asObject(body.properties, 'an object of properties');
  return { geometry: body.geometry, properties };
}

/** Sets the answer's ETag (and Location for a new record) from the record's version. */
export function tagVersion(
  c: Context<AppEnv>,
  record: { properties: { version: number } },
  location?: string,
) {
  c.header('ETag', etag(record.properties.version));
  if (location !== undefined) c.header('Location', location);
}

/** 409 carrying the current record: `what` is "site offer" or "key site". */
export function staleVersion(
  what: string,
  current: { properties: { version: number } },
  expected: number,
): ApiError {
  return new ApiError(
    409,
    'VERSION_CONFLICT',
    `This ${what} is at version ${current.properties.version}, not ${expected}: someone changed it since you read it`,
    undefined,
    current,
  );
}
