/**
 * Who is calling: an API key (`Authorization: Bearer hk_…`) or the session cookie. Sets the
 * `principal` variable (undefined when anonymous) and enforces CSRF for cookie-authenticated
 * writes and the `write` scope for API-key writes.
 */
import type { Database } from '@hatang/db';
import type { Context, MiddlewareHandler } from 'hono';
import { type AuthOptions, type ResolvedAuthOptions, resolveAuthOptions } from '../../auth/options.js';
import type { Principal } from '../../auth/principal.js';
import { safeEqual } from '../../auth/tokens.js';
import type { AppEnv } from '../../context.js';
import { ApiError } from '../../errors.js';
import { principalOfApiKey } from './api-key-repository.js';
import { clearSessionCookie, readSessionCookie } from './session-cookie.js';
import { findSession, touchSession } from './session-repository.js';
import { toPrincipal } from './user-repository.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Signing in needs no CSRF token: it acts as no session, and it accepts JSON only (no cross-site form). */
const CSRF_EXEMPT = new Set(['/api/v1/auth/login']);

export const unauthenticated = (message = 'Sign in first') => new ApiError(401, 'UNAUTHENTICATED', message);

/** The principal of a request, or 401 UNAUTHENTICATED when it is anonymous. */
export function requirePrincipal(c: Context<AppEnv>): Principal {
  const principal = c.get('principal');
  if (!principal) throw unauthenticated();
  return principal;
}

async function principalFromApiKey(db: Database, key: string, options: ResolvedAuthOptions) {
  const principal = await principalOfApiKey(db, key, options.now());
  if (!principal) throw unauthenticated('The API key is unknown, revoked or expired');
  return principal;
}

/**
 * Hono middleware for every `/api/*` route. Invalid Bearer key → 401; invalid or expired cookie →
 * anonymous (and the cookie is cleared); cookie writes without the session's `X-CSRF-Token` →
 * 403 CSRF_FAILED; API-key writes without the `write` scope → 403 FORBIDDEN.
 */
export function authenticate(db: Database, options: AuthOptions = {}): MiddlewareHandler<AppEnv> {
  const resolved = resolveAuthOptions(options);
  return async (c, next) => {
    const isSafe = SAFE_METHODS.has(c.req.method);
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match?.[1]) throw unauthenticated('Send Authorization: Bearer <API key>');
      const principal = await principalFromApiKey(db, match[1], resolved);
      if (!isSafe && !principal.scopes.includes('write')) {
        throw new ApiError(403, 'FORBIDDEN', 'This API key is read-only (it lacks the write scope)');
      }
      c.set('principal', principal);
      return next();
    }

    const token = readSessionCookie(c);
    const session = token ? await findSession(db, token, resolved.now()) : undefined;
    if (!session) {
      if (token) clearSessionCookie(c, resolved);
      c.set('principal', undefined);
      return next();
    }
    if (!isSafe && !CSRF_EXEMPT.has(c.req.path)) {
      const sent = c.req.header('x-csrf-token');
      if (!sent || !safeEqual(sent, session.csrfToken)) {
        throw new ApiError(403, 'CSRF_FAILED', 'Send the X-CSRF-Token header from GET /api/v1/auth/me');
      }
    }
    await touchSession(db, session, resolved);
    c.set('principal', toPrincipal(session, 'session', session.sessionId));
    return next();
  };
}

/** The principal when they are an admin; 401 when anonymous, 403 FORBIDDEN otherwise. */
export function requireAdmin(c: Context<AppEnv>): Principal {
  const principal = requirePrincipal(c);
  if (!principal.roles.includes('admin')) throw new ApiError(403, 'FORBIDDEN', 'Only an admin may do this');
  return principal;
}
