import type { Context } from 'hono';
import { ApiError } from '../errors.js';

/** Reads a JSON body: 415 unless the content type is JSON, 400 when it does not parse. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z.+-]+\+)?json\b/i.test(type.trim())) {
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `Send JSON with Content-Type: application/json (got ${type ? `"${type}"` : 'none'})`,
    );
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, 'INVALID_JSON', `The body is not valid JSON: ${(error as Error).message}`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (text: string) => UUID.test(text);

/** `If-Match: 3`, `"3"` or `W/"3"` → 3; throws 428 when absent and 400 when unreadable. */
export function readIfMatch(c: Context): number {
  const header = c.req.header('if-match');
  if (!header) {
    throw new ApiError(
      428,
      'PRECONDITION_REQUIRED',
      'Send If-Match: <version> so a stale edit cannot overwrite a newer one',
    );
  }
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) {
    throw new ApiError(400, 'VALIDATION_FAILED', 'If-Match must be the record version, e.g. If-Match: "3"', [
      { path: ['If-Match'], message: `cannot read a version from "${header}"` },
    ]);
  }
  return Number(match[1]);
}

export const etag = (version: number) => `"${version}"`;

/** A record shaped as a GeoJSON feature whose properties carry its version. */
export interface VersionedFeature {
  id: string;
  properties: { version: number };
}

/** Answers a feature with its version as the ETag (200, or 201 with a Location for a new one). */
export function answerFeature(c: Context, feature: VersionedFeature, createdAt?: string): Response {
  c.header('ETag', etag(feature.properties.version));
  if (createdAt === undefined) return c.json(feature);
  c.header('Location', createdAt);
  return c.json(feature, 201);
}
