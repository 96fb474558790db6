import { DECLARED_ROUTES } from '../features/declared-routes.js';
import { IMPORT_EXPORT_ROUTE_POLICIES } from '../imports/route-policies.js';
import { INDICATOR_ROUTE_POLICIES } from '../indicators/indicator-policies.js';
import { PERMIT_ROUTE_POLICIES } from '../permits/permit-policies.js';
import { type Action, EVERYONE, type RoutePolicy, type Rule } from './rules.js';

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
  ...INDICATOR_ROUTE_POLICIES,
  ...PERMIT_ROUTE_POLICIES,
  ...IMPORT_EXPORT_ROUTE_POLICIES,
  // Tiles and OGC API – Features: readable by anyone; each handler redacts to the viewer's tier.
  ...entries('tiles', [
    ['GET', '/tiles/:file{[a-z-]+\\.json}', 'read', EVERYONE],
    ['GET', '/tiles/:layer/:z{[0-9]+}/:x{[0-9]+}/:y{[0-9]+\\.mvt}', 'read', EVERYONE],
  ]),
  ...entries('ogc', [
    ['GET', '/ogc', 'read', EVERYONE],
    ['GET', '/ogc/conformance', 'read', EVERYONE],
    ['GET', '/ogc/collections', 'read', EVERYONE],
    ['GET', '/ogc/collections/:collectionId', 'read', EVERYONE],
    ['GET', '/ogc/collections/:collectionId/items', 'read', EVERYONE],
    ['GET', '/ogc/collections/:collectionId/items/:featureId', 'read', EVERYONE],
  ]),
]);
