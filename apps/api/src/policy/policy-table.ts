import { assetResources, type Role } from '@hatang/contracts';
import type { ZodType } from 'zod';
import { COLOCATION_ROUTE_POLICIES } from '../colocation/colocation-policies.js';
import { IMPORT_EXPORT_ROUTE_POLICIES } from '../imports/route-policies.js';
import { INDICATOR_ROUTE_POLICIES } from '../indicators/indicator-policies.js';
import { PERMIT_ROUTE_POLICIES } from '../permits/permit-policies.js';
import { PLAN_EXPORT_ROUTE_POLICIES } from '../plans/plan-export-policies.js';
import { PLAN_ROUTE_POLICIES } from '../plans/plan-policies.js';
import { SHARING_ROUTE_POLICIES } from '../sharing/sharing-policies.js';
import { SITE_ROUTE_POLICIES } from '../sites/site-policies.js';
import { VIOLATION_ROUTE_POLICIES } from '../violations/violation-policies.js';

/** Who asks: a role of the signed-in user, or nobody signed in. */
export type Subject = Role | 'anonymous';
export type Action = 'read' | 'create' | 'update' | 'delete' | 'admin';
/** `all`: any record; `own`: only records of the user's organisation (assets) or the user's own (keys). */
export type Scope = 'all' | 'own';
export type Rule = Partial<Record<Subject, Scope>>;

export interface RoutePolicy {
  resource: string;
  action: Action;
  rule: Rule;
  /** The JSON body the route takes (the contract it validates with), for the OpenAPI document. */
  body?: ZodType;
}

const EVERYONE: Rule = {
  anonymous: 'all',
  admin: 'all',
  planner: 'all',
  operator_editor: 'all',
  operator_viewer: 'all',
  reviewer: 'all',
  inspector: 'all',
  viewer: 'all',
};
const SIGNED_IN: Rule = { ...EVERYONE, anonymous: undefined };
/** City departments keep the whole register; operators and tower companies keep their own assets. */
const ASSET_EDITORS: Rule = { admin: 'all', planner: 'all', operator_editor: 'own' };
const ADMINS: Rule = { admin: 'all' };
/**
 * Coverage analyses aggregate every operator's tenancies: for the city, the Construction
 * Department, communes and operators (as national coverage maps publish per operator), not the public.
 */
const ANALYSTS: Rule = { ...SIGNED_IN, viewer: undefined };
/** Everyone manages their own API keys; admins manage everyone's. */
const KEY_HOLDERS: Rule = Object.fromEntries(
  Object.entries(SIGNED_IN).map(([subject, scope]) => [
    subject,
    subject === 'admin' ? scope : scope && 'own',
  ]),
);

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
  ...entries('admin-units', [
    ['GET', '/api/v1/admin-units', 'read', EVERYONE],
    ['GET', '/api/v1/admin-units/:code', 'read', EVERYONE],
  ]),
  ...entries('organisations', [
    ['GET', '/api/v1/organisations', 'read', EVERYONE],
    ['GET', '/api/v1/organisations/:id', 'read', EVERYONE],
  ]),
  ...entries('population', [['GET', '/api/v1/population/summary', 'read', EVERYONE]]),
  // Running an analysis changes no data: a read (so read-only API keys may run it).
  ...entries('analysis', [
    ['POST', '/api/v1/analysis/coverage', 'read', ANALYSTS],
    ['GET', '/api/v1/analysis/coverage/:jobId', 'read', ANALYSTS],
    // Cancelling one's own analysis changes no data (the job is the requester's alone).
    ['DELETE', '/api/v1/analysis/coverage/:jobId', 'read', ANALYSTS],
  ]),
  // Operators' own coverage polygons: city planners for anyone, an operator for itself only.
  ...entries('coverage-polygons', [
    ['GET', '/api/v1/analysis/coverage-polygons', 'read', ANALYSTS],
    ['PUT', '/api/v1/analysis/coverage-polygons/:operatorId/:technology', 'update', ASSET_EDITORS],
    ['DELETE', '/api/v1/analysis/coverage-polygons/:operatorId/:technology', 'delete', ASSET_EDITORS],
  ]),
  ...PLAN_ROUTE_POLICIES,
  ...PLAN_EXPORT_ROUTE_POLICIES,
  ...INDICATOR_ROUTE_POLICIES,
  ...SITE_ROUTE_POLICIES,
  ...SHARING_ROUTE_POLICIES,
  ...PERMIT_ROUTE_POLICIES,
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

/** The widest scope any of the subjects has under a rule (`all` beats `own`). */
export function scopeOf(rule: Rule, subjects: readonly Subject[]): Scope | undefined {
  let best: Scope | undefined;
  for (const subject of subjects) {
    const scope = rule[subject];
    if (scope === 'all') return 'all';
    if (scope === 'own') best = 'own';
  }
  return best;
}
