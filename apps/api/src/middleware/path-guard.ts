import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.js';

/**
 * A path with a malformed percent-encoding (`/%ZZ`, `/tiles/%ZZ.json`) names nothing: 400 in
 * the error shape, before any route decodes it and throws `URIError: URI malformed` (a 500).
 */
export const rejectMalformedPath: MiddlewareHandler = async (c, next) => {
  const raw = new URL(c.req.url).pathname;
  if (raw.includes('%')) {
    try {
      decodeURIComponent(raw);
    } catch {
      throw new ApiError(400, 'VALIDATION_FAILED', 'The path has a malformed percent-encoding');
    }
  }
  await next();
};
