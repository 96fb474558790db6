import type { ErrorResponse } from '@hatang/contracts';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ApiError, fromDatabaseError } from '../errors.js';

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

/** Turns anything thrown into `{ error: { code, message, details?, requestId } }`. */
export function onError(error: Error, c: Context): Response {
  let apiError: ApiError | undefined;
  if (error instanceof ApiError) apiError = error;
  else if (error instanceof HTTPException && error.status === 413)
    apiError = new ApiError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
  else if (error instanceof HTTPException && error.status < 500)
    apiError = new ApiError(400, 'VALIDATION_FAILED', error.message || 'Bad request');
  else apiError = fromDatabaseError(error);

  if (!apiError) {
    console.error(`[${c.get('requestId') ?? 'unknown'}] ${c.req.method} ${c.req.path}`, error);
    apiError = new ApiError(500, 'INTERNAL', 'Something went wrong on our side; the request changed nothing');
  }
  return c.json(body(c, apiError), apiError.status);
}

export function onNotFound(c: Context): Response {
  return c.json(body(c, new ApiError(404, 'NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`)), 404);
}
