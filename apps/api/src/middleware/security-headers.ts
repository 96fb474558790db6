/**
 * Security headers on every answer (API, tiles, OGC, the web app, errors). The web app runs
 * offline from this origin only: scripts, styles, fonts, glyphs, tiles and MapLibre's workers all
 * come from 'self'; MapLibre also makes workers and images from blob: URLs, and its CSS draws
 * the controls from data: SVGs. Nothing may frame a page (clickjacking of the editing tools).
 */
import type { MiddlewareHandler } from 'hono';
import { isHttps } from '../auth/client.js';

const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "font-src 'self' data:",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Swagger UI (/api/docs) sets inline styles on its own elements and draws icons from data: URLs. */
const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The policy for `path`: the web app's, or Swagger UI's under /api/docs. */
export const contentSecurityPolicy = (path: string) =>
  path === '/api/docs' || path.startsWith('/api/docs/') ? DOCS_CSP : APP_CSP;

/** HSTS only over TLS: a browser ignores it over http, and a demo on http must stay reachable. */
const HSTS = 'max-age=31536000; includeSubDomains';

export function securityHeaders(options: { trustProxy: boolean }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('Content-Security-Policy', contentSecurityPolicy(c.req.path));
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'no-referrer');
    headers.set('X-Frame-Options', 'DENY');
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    headers.set('Permissions-Policy', 'camera=(), microphone=(), payment=(), usb=()');
    if (isHttps(c, options)) headers.set('Strict-Transport-Security', HSTS);
  };
}
