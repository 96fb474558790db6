/**
 * Structured logs (pino: one JSON object per line on stdout): an access line per request with
 * its server request id, and errors with that id, so a user quoting the id from an error answer
 * leads to the line. The server logs at HATANG_LOG_LEVEL (default `info`); an app made without a
 * logger (tests) keeps warnings and errors only.
 */
import type { MiddlewareHandler } from 'hono';
import { type Logger, pino } from 'pino';
import type { AppEnv } from '../context.js';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function createLogger(level: LogLevel = 'info', destination?: pino.DestinationStream): Logger {
  const options = { level, base: { service: 'hatang-api' }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * One line per request once it is answered: method, path (never the query: it can carry search
 * text), status, duration in ms, the request ids and who asked (user id, or none).
 */
export const accessLog =
  (logger: Logger): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const started = performance.now();
    c.set('logger', logger.child({ requestId: c.get('requestId') }));
    await next();
    const status = c.res.status;
    const line = {
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      clientRequestId: c.get('clientRequestId'),
      userId: c.get('principal')?.userId,
    };
    c.get('logger').info(line, 'request');
  };
