import type { Action, RoutePolicy, Rule } from '../policy/policy-table.js';

/**
 * The site offer and key site routes' rows for ROUTE_POLICIES (spread into the table). Everyone
 * signed in reads: operators look for sites on the map. Offers are written by planners, admins
 * and inspectors; the handlers then keep an inspector to the offers of their own commune
 * organisation (offer-access.ts). The key sites register is the planners'.
 */
const SIGNED_IN: Rule = {
  admin: 'all',
  planner: 'all',
  operator_editor: 'all',
  operator_viewer: 'all',
  reviewer: 'all',
  inspector: 'all',
  viewer: 'all',
};
const OFFER_WRITERS: Rule = { admin: 'all', planner: 'all', inspector: 'all' };
const PLANNERS: Rule = { admin: 'all', planner: 'all' };

// Order matters to the authorisation matrix's attempt maker: create, change, withdraw, then delete.
const rows: [method: string, path: string, resource: string, action: Action, rule: Rule][] = [
  ['GET', '/api/v1/site-offers', 'site-offers', 'read', SIGNED_IN],
  ['POST', '/api/v1/site-offers', 'site-offers', 'create', OFFER_WRITERS],
  ['GET', '/api/v1/site-offers/:id', 'site-offers', 'read', SIGNED_IN],
  ['GET', '/api/v1/site-offers/:id/history', 'site-offers', 'read', SIGNED_IN],
  ['PATCH', '/api/v1/site-offers/:id', 'site-offers', 'update', OFFER_WRITERS],
  ['POST', '/api/v1/site-offers/:id/withdraw', 'site-offers', 'update', OFFER_WRITERS],
  ['DELETE', '/api/v1/site-offers/:id', 'site-offers', 'delete', OFFER_WRITERS],
  ['GET', '/api/v1/key-sites', 'key-sites', 'read', SIGNED_IN],
  ['POST', '/api/v1/key-sites', 'key-sites', 'create', PLANNERS],
  ['GET', '/api/v1/key-sites/status', 'key-sites', 'read', SIGNED_IN],
  ['POST', '/api/v1/key-sites/import', 'key-sites', 'create', PLANNERS],
  ['GET', '/api/v1/key-sites/:id', 'key-sites', 'read', SIGNED_IN],
  ['GET', '/api/v1/key-sites/:id/history', 'key-sites', 'read', SIGNED_IN],
  ['PATCH', '/api/v1/key-sites/:id', 'key-sites', 'update', PLANNERS],
  ['DELETE', '/api/v1/key-sites/:id', 'key-sites', 'delete', PLANNERS],
];

export const SITE_ROUTE_POLICIES: readonly (readonly [string, RoutePolicy])[] = rows.map(
  ([method, path, resource, action, rule]) => [`${method} ${path}`, { resource, action, rule }] as const,
);
