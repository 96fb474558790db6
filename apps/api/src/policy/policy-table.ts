import { assetResources } from '@hatang/contracts';
import { DECLARED_ROUTES } from '../features/declared-routes.js';
import { type Action, ASSET_EDITORS, EVERYONE, type RoutePolicy, type Rule } from './rules.js';

export { type Action, type RoutePolicy, type Rule, type Scope, type Subject, scopeOf } from './rules.js';

function entries(resource: string, routes: [method: string, path: string, action: Action, rule: Rule][]) {
  return routes.map(
    ([method, path, action, rule]) => [`${method} ${path}`, { resource, action, rule }] as const,
  );
}

/**
 * The one authorisation table: every API route (method + path pattern) → resource, action and
 * which subjects may do it with which scope. A route missing here is refused (fail closed), and
 * a test checks that every registered route has an entry.
 */
export const ROUTE_POLICIES: ReadonlyMap<string, RoutePolicy> = new Map([
  // Routes declared once with their contract and policy (features/*).
  ...DECLARED_ROUTES.map(
    (route) => [`${route.endpoint.method} ${route.endpoint.path}`, route.policy] as const,
  ),
  ...assetResources.flatMap((r) => {
    const base = `/api/v1/${r.path}`;
    return entries(r.path, [
      ['GET', base, 'read', EVERYONE],
      ['GET', `${base}/:id`, 'read', EVERYONE],
      ['GET', `${base}/:id/history`, 'read', EVERYONE],
      ['POST', base, 'create', ASSET_EDITORS],
      ['PATCH', `${base}/:id`, 'update', ASSET_EDITORS],
      ['POST', `${base}/:id/restore`, 'update', ASSET_EDITORS],
      ['DELETE', `${base}/:id`, 'delete', ASSET_EDITORS],
    ]);
  }),
  ...entries('streets', [
    ['GET', '/api/v1/streets', 'read', EVERYONE],
    ['GET', '/api/v1/streets/:id', 'read', EVERYONE],
  ]),
]);
