import { assetResources } from '@hatang/contracts';
import { COLOCATION_ROUTE_POLICIES } from '../colocation/colocation-policies.js';
import { DECLARED_ROUTES } from '../features/declared-routes.js';
import { IMPORT_EXPORT_ROUTE_POLICIES } from '../imports/route-policies.js';
import { INDICATOR_ROUTE_POLICIES } from '../indicators/indicator-policies.js';
import { PLAN_EXPORT_ROUTE_POLICIES } from '../plans/plan-export-policies.js';
import { PLAN_ROUTE_POLICIES } from '../plans/plan-policies.js';
import { SHARING_ROUTE_POLICIES } from '../sharing/sharing-policies.js';
import { VIOLATION_ROUTE_POLICIES } from '../violations/violation-policies.js';
import {
  type Action,
  ADMINS,
  ASSET_EDITORS,
  EVERYONE,
  KEY_HOLDERS,
  type RoutePolicy,
  type Rule,
  SIGNED_IN,
} from './rules.js';

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
  ...PLAN_ROUTE_POLICIES,
  ...PLAN_EXPORT_ROUTE_POLICIES,
  ...INDICATOR_ROUTE_POLICIES,
  ...SHARING_ROUTE_POLICIES,
  ...VIOLATION_ROUTE_POLICIES,
  ...COLOCATION_ROUTE_POLICIES,
  ...IMPORT_EXPORT_ROUTE_POLICIES,
  ...entries('sessions', [
    ['POST', '/api/v1/auth/login', 'create', EVERYONE],
    ['POST', '/api/v1/auth/logout', 'delete', SIGNED_IN],
    ['GET', '/api/v1/auth/me', 'read', SIGNED_IN],
    ['POST', '/api/v1/auth/sessions/revoke-all', 'delete', SIGNED_IN],
  ]),
  ...entries('users', [
    ['GET', '/api/v1/users', 'read', ADMINS],
    ['POST', '/api/v1/users', 'create', ADMINS],
    ['PATCH', '/api/v1/users/:id', 'update', ADMINS],
    ['POST', '/api/v1/users/:id/password', 'update', ADMINS],
    ['POST', '/api/v1/users/:id/revoke-sessions', 'update', ADMINS],
  ]),
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
  ...entries('api-keys', [
    ['GET', '/api/v1/api-keys', 'read', KEY_HOLDERS],
    ['POST', '/api/v1/api-keys', 'create', KEY_HOLDERS],
    ['DELETE', '/api/v1/api-keys/:id', 'delete', KEY_HOLDERS],
  ]),
]);
