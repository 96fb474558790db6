import { DECLARED_ROUTES } from '../features/declared-routes.js';
import type { RoutePolicy } from './rules.js';

export { type Action, type RoutePolicy, type Rule, type Scope, type Subject, scopeOf } from './rules.js';

/**
 * The one authorisation table: every API route (method + path pattern) → resource, action and
 * which subjects may do it with which scope, read from the routes declared once with their
 * contract and policy (features/*). A route missing here is refused (fail closed), and a test
 * checks that every registered route has an entry.
 */
export const ROUTE_POLICIES: ReadonlyMap<string, RoutePolicy> = new Map(
  DECLARED_ROUTES.map((route) => [`${route.endpoint.method} ${route.endpoint.path}`, route.policy] as const),
);
