import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { ResolvedAuthOptions } from './options.js';

/**
 * The client's IP for throttling: the last `X-Forwarded-For` entry when behind a trusted proxy
 * (the one the proxy itself added; earlier entries are whatever the client claimed), else the
 * socket's address, else 'unknown' (in-process requests have no socket).
 */
export function clientIp(c: Context, options: Pick<ResolvedAuthOptions, 'trustProxy'>): string {
  if (options.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** True when the request came over https (directly, or via a trusted proxy that says so). */
export function isHttps(c: Context, options: Pick<ResolvedAuthOptions, 'trustProxy'>): boolean {
  if (options.trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
    if (proto) return proto === 'https';
  }
  return new URL(c.req.url).protocol === 'https:';
}
