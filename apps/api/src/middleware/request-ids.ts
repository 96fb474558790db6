/**
 * Request ids. The server always makes its own (a UUID): it is the `requestId` of error answers,
 * the `X-Request-Id` answer header, the key of the server log and the audit log's `request_id`,
 * so a client cannot make two requests look like one or pose as another's. A client's own
 * `X-Request-Id`, when short and plain, is kept apart: echoed as `X-Client-Request-Id` and stored
 * in the audit log's `client_request_id`, to tie our records to the client's.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';

/** Longest client request id kept, characters. */
export const CLIENT_REQUEST_ID_MAX = 128;
const SAFE = /^[A-Za-z0-9._:-]+$/;

/** The client's `X-Request-Id` when it is bounded and of a safe charset, else undefined. */
export function clientRequestIdOf(header: string | undefined): string | undefined {
  if (!header || header.length > CLIENT_REQUEST_ID_MAX || !SAFE.test(header)) return undefined;
  return header;
}

export const requestIds = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const id = crypto.randomUUID();
  c.set('requestId', id);
  c.header('X-Request-Id', id);
  const client = clientRequestIdOf(c.req.header('x-request-id'));
  c.set('clientRequestId', client);
  if (client) c.header('X-Client-Request-Id', client);
  await next();
};
