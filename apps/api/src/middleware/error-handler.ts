import type { ErrorResponse } from '@hatang/contracts';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ApiError, databaseErrorCode, fromDatabaseError, RetryLaterError } from '../errors.js';
import { createLogger, type Logger } from '../log/logger.js';

function body(c: Context, error: ApiError): ErrorResponse {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
      ...(error.current !== undefined ? { current: error.current } : {}),
      requestId: c.get('requestId') ?? 'unknown',
    },
  };
}

/** The request's logger (its lines carry the request id), or a plain one before it was set. */
const logOf = (c: Context) => (c.get('logger') as Logger | undefined) ?? fallback;
const fallback = createLogger('warn');
const where = (c: Context) => ({
  requestId: c.get('requestId') ?? 'unknown',
  method: c.req.method,
  path: c.req.path,
});

/** Turns anything thrown into `{ error: { code, message, details?, requestId } }`. */
export function onError(error: Error, c: Context): Response {
  let apiError: ApiError | undefined;
  if (error instanceof ApiError) apiError = error;
  else if (error instanceof HTTPException && error.status === 413)
    apiError = new ApiError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
  else if (error instanceof HTTPException && error.status < 500)
    apiError = new ApiError(400, 'VALIDATION_FAILED', error.message || 'Bad request');
  else {
    apiError = fromDatabaseError(error);
    // Mapped or not, the driver's own text goes to the log only (it can name tables, columns,
    // constraints and values): the client gets a generic message and the request id to quote.
    if (apiError)
      logOf(c).warn({ ...where(c), code: databaseErrorCode(error), detail: error.message }, 'database error');
  }

  if (!apiError) {
    logOf(c).error({ ...where(c), err: error }, 'unhandled error');
    apiError = new ApiError(500, 'INTERNAL', 'Something went wrong on our side; the request changed nothing');
  }
  if (apiError instanceof RetryLaterError) c.header('Retry-After', String(apiError.retryAfterS));
  return c.json(body(c, apiError), apiError.status);
}

export function onNotFound(c: Context): Response {
  return c.json(body(c, new ApiError(404, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`)), 404);
}
