import type { ErrorResponse } from '@hatang/contracts';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ApiError, databaseErrorCode, fromDatabaseError, RetryLaterError } from '../errors.js';

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

const where = (c: Context) => `[${c.get('requestId') ?? 'unknown'}] ${c.req.method} ${c.req.path}`;

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
    if (apiError) console.warn(`${where(c)} database error ${databaseErrorCode(error)}:`, error.message);
  }

  if (!apiError) {
    console.error(where(c), error);
    apiError = new ApiError(500, 'INTERNAL', 'Something went wrong on our side; the request changed nothing');
  }
  if (apiError instanceof RetryLaterError) c.header('Retry-After', String(apiError.retryAfterS));
  return c.json(body(c, apiError), apiError.status);
}

export function onNotFound(c: Context): Response {
  return c.json(body(c, new ApiError(404, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`)), 404);
}
