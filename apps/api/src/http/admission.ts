/**
 * Admission control: how much work the server takes on at once. Without it, 200 clients asking
 * for city-wide layers pile up requests the server keeps working on long after the clients have
 * given up (the issue measured 41–53 s to recover after 30 s of load). Two limits:
 * - `shedLoad`: at most `maxInFlight` requests are served at once; up to `maxWaiting` more wait in
 *   line (first come, first served) for at most `maxWaitMs`; past that the answer is 503 with
 *   Retry-After at once. A client that disconnects while waiting leaves the line, so nothing is
 *   done for it, and the server recovers as soon as the load ends.
 * - `limitHeavyWork`: heavy routes (exports, analyses, print maps) run at most `perClient` at once
 *   for one user (or one anonymous IP) and `overall` at once in total; more get 429 with
 *   Retry-After instead of a queue without bound.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.js';

export interface LoadSheddingOptions {
  /** Requests served at once (default 64). */
  maxInFlight: number;
  /** Requests that may wait for a place (default 256); more get 503 at once. */
  maxWaiting: number;
  /** Longest wait for a place, ms (default 10 000); then 503. */
  maxWaitMs: number;
}

export const defaultLoadShedding: LoadSheddingOptions = {
  maxInFlight: 64,
  maxWaiting: 256,
  maxWaitMs: 10_000,
};

const overloaded = (c: Context, message: string) => {
  c.header('Retry-After', '1');
  return new ApiError(503, 'OVERLOADED', message);
};

/** Counts what is served and keeps the line; `stats()` for tests and the health of the server. */
export function shedLoad(options: LoadSheddingOptions = defaultLoadShedding) {
  let inFlight = 0;
  const line: { admit: () => void }[] = [];

  const release = () => {
    const next = line.shift();
    if (next) next.admit();
    else inFlight--;
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    if (inFlight >= options.maxInFlight) {
      if (line.length >= options.maxWaiting) throw overloaded(c, 'The server is busy: try again in a moment');
      const signal = c.req.raw.signal;
      await new Promise<void>((resolve, reject) => {
        const place = {
          admit: () => {
            clearTimeout(timer);
            signal.removeEventListener('abort', leave);
            resolve();
          },
        };
        const leave = () => {
          const index = line.indexOf(place);
          if (index >= 0) line.splice(index, 1);
          clearTimeout(timer);
          reject(overloaded(c, 'The request left the line before it was served'));
        };
        const timer = setTimeout(() => {
          signal.removeEventListener('abort', leave);
          const index = line.indexOf(place);
          if (index >= 0) line.splice(index, 1);
          reject(overloaded(c, `The server is busy: the request waited ${options.maxWaitMs} ms`));
        }, options.maxWaitMs);
        signal.addEventListener('abort', leave, { once: true });
        line.push(place);
      });
      // Admitted: the place of the request that finished passed to this one (inFlight unchanged).
    } else {
      inFlight++;
    }
    try {
      await next();
    } finally {
      release();
    }
  };
  return { middleware, stats: () => ({ inFlight, waiting: line.length }) };
}

export interface HeavyWorkOptions {
  /** Heavy requests one user (or one anonymous IP) may have running at once (default 4). */
  perClient: number;
  /** Heavy requests running at once over all clients (default 8). */
  overall: number;
  /** Seconds a refused client is told to wait (default 5). */
  retryAfterS: number;
}

export const defaultHeavyWork: HeavyWorkOptions = { perClient: 4, overall: 8, retryAfterS: 5 };

/**
 * Bounds concurrent heavy requests per client and overall. `clientKey` names the caller: the user
 * id when signed in, else the client IP.
 */
export function limitHeavyWork(
  clientKey: (c: Context) => string,
  options: HeavyWorkOptions = defaultHeavyWork,
): MiddlewareHandler {
  const running = new Map<string, number>();
  let total = 0;
  return async (c, next) => {
    const key = clientKey(c);
    const mine = running.get(key) ?? 0;
    if (mine >= options.perClient || total >= options.overall) {
      c.header('Retry-After', String(options.retryAfterS));
      throw new ApiError(
        429,
        'TOO_MANY_JOBS',
        mine >= options.perClient
          ? `You already have ${mine} exports or analyses running (at most ${options.perClient} at once): wait for one to finish`
          : `The server is running ${total} exports or analyses (at most ${options.overall} at once): try again shortly`,
      );
    }
    running.set(key, mine + 1);
    total++;
    try {
      await next();
    } finally {
      total--;
      const left = (running.get(key) ?? 1) - 1;
      if (left > 0) running.set(key, left);
      else running.delete(key);
    }
  };
}
