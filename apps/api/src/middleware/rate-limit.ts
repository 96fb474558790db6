/**
 * Rate limits on expensive anonymous reads: exports (every format, OFDS included) and deep OGC
 * pages. Each client IP has a token bucket (`burst` tokens, refilled at `perMinute`); a call
 * without a token is answered 429 with `Retry-After`. Signed-in callers are not limited here
 * (they are accountable, and their heavy work is bounded elsewhere). An OGC `offset` above
 * `ogcMaxOffset` is refused outright; one above `ogcDeepOffset` costs a token.
 *
 * Buckets live in this process's memory: behind a load balancer each instance limits on its
 * own, which still bounds the load per instance.
 */
import type { MiddlewareHandler } from 'hono';
import { clientIp } from '../auth/client.js';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';

export interface RateLimitOptions {
  /** Tokens an anonymous client gains per minute (default 6). */
  perMinute?: number;
  /** Most tokens a client can save up (default 3). */
  burst?: number;
  /** OGC item offsets from here on cost a token for anonymous callers (default 10 000). */
  ogcDeepOffset?: number;
  /** OGC item offsets above this are refused for everyone (default 1 000 000). */
  ogcMaxOffset?: number;
  /** Behind a reverse proxy: the client IP is the last X-Forwarded-For entry. */
  trustProxy?: boolean;
  /** Clients remembered at once; the fullest buckets are forgotten first (default 10 000). */
  maxClients?: number;
  /** The clock, ms (tests move it by hand). */
  nowMs?: () => number;
}

interface Bucket {
  tokens: number;
  atMs: number;
}

/** A token bucket per key. `take` returns 0 when a token was taken, else the ms until one is due. */
export function tokenBuckets(options: {
  perMinute: number;
  burst: number;
  maxClients: number;
  nowMs: () => number;
}) {
  const buckets = new Map<string, Bucket>();
  const msPerToken = 60_000 / options.perMinute;
  const refill = (bucket: Bucket, now: number) => {
    bucket.tokens = Math.min(options.burst, bucket.tokens + (now - bucket.atMs) / msPerToken);
    bucket.atMs = now;
  };
  return {
    take(key: string): number {
      const now = options.nowMs();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= options.maxClients) {
          // Forget clients whose buckets are full again: they lose nothing by it.
          for (const [k, b] of buckets) {
            refill(b, now);
            if (b.tokens >= options.burst) buckets.delete(k);
          }
          if (buckets.size >= options.maxClients) buckets.delete(buckets.keys().next().value ?? '');
        }
        bucket = { tokens: options.burst, atMs: now };
        buckets.set(key, bucket);
      }
      refill(bucket, now);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - bucket.tokens) * msPerToken);
    },
  };
}

/** The middleware for `/api/v1/exports/*` and `/ogc/*`; mount it after authentication. */
export function anonymousHeavyReads(options: RateLimitOptions = {}): MiddlewareHandler<AppEnv> {
  const ogcDeepOffset = options.ogcDeepOffset ?? 10_000;
  const ogcMaxOffset = options.ogcMaxOffset ?? 1_000_000;
  const buckets = tokenBuckets({
    perMinute: options.perMinute ?? 6,
    burst: options.burst ?? 3,
    maxClients: options.maxClients ?? 10_000,
    nowMs: options.nowMs ?? Date.now,
  });
  return async (c, next) => {
    let isHeavy = c.req.path.startsWith('/api/v1/exports/');
    if (c.req.path.startsWith('/ogc/')) {
      const offset = Number(c.req.query('offset') ?? 0);
      if (offset > ogcMaxOffset)
        throw new ApiError(400, 'VALIDATION_FAILED', `offset must be at most ${ogcMaxOffset}`, [
          { path: ['offset'], message: `at most ${ogcMaxOffset}; narrow the request with bbox` },
        ]);
      isHeavy = offset >= ogcDeepOffset;
    }
    if (!isHeavy || c.req.method !== 'GET' || c.get('principal')) return next();
    const waitMs = buckets.take(clientIp(c, { trustProxy: options.trustProxy ?? false }));
    if (waitMs > 0) {
      c.header('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
      throw new ApiError(
        429,
        'TOO_MANY_ATTEMPTS',
        'Too many heavy anonymous requests from this client; sign in, or try again later',
      );
    }
    return next();
  };
}
