import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Principal } from '../auth/principal.js';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { ROUTE_POLICIES, type Subject, scopeOf } from './policy-table.js';

export { assertMayTouch, type Grant } from './grant.js';

export const subjectsOf = (principal: Principal | undefined): Subject[] =>
  principal ? principal.roles : ['anonymous'];

/** Where the policy table applies: the REST API, vector tiles and OGC API – Features. */
export const GUARDED_PREFIXES = ['/api/v1/', '/tiles/', '/ogc'];
const isGuarded = (path: string) => GUARDED_PREFIXES.some((prefix) => path.startsWith(prefix));

/** The route (method + pattern) that will answer, skipping middleware and the static fallback. */
function answeringRoute(c: Context): string | undefined {
  const route = matchedRoutes(c).find((r) => r.method !== 'ALL' && isGuarded(r.path));
  return route ? `${route.method} ${route.path}` : undefined;
}

/**
 * Consults ROUTE_POLICIES for every guarded request (REST API, tiles, OGC API): 401 when anonymous and not allowed, 403 when
 * signed in and not allowed (or when an API key lacks the `write` scope). Sets `grant`.
 */
export function authorize(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const route = answeringRoute(c);
    if (!route) return next(); // no route matches: the 404 handler answers
    const policy = ROUTE_POLICIES.get(route);
    if (!policy) {
      c.get('logger').error({ route }, 'no access policy for this route: refused');
      throw new ApiError(403, 'FORBIDDEN', 'No access policy covers this route');
    }
    const principal = c.get('principal');
    const scope = scopeOf(policy.rule, subjectsOf(principal));
    if (!scope) {
      if (!principal) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in (or send an API key) to do this');
      throw new ApiError(403, 'FORBIDDEN', `Your role may not ${policy.action} ${policy.resource}`);
    }
    if (principal?.via === 'api_key' && policy.sessionOnly)
      throw new ApiError(403, 'FORBIDDEN', policy.sessionOnly);
    if (principal?.via === 'api_key' && policy.action !== 'read' && !principal.scopes.includes('write')) {
      throw new ApiError(403, 'FORBIDDEN', 'This API key is read-only');
    }
    c.set('grant', { resource: policy.resource, action: policy.action, scope, principal });
    return next();
  };
}
