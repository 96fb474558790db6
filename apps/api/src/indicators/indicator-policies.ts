import type { Action, RoutePolicy, Rule } from '../policy/policy-table.js';

/**
 * The indicator and DII routes' rows for ROUTE_POLICIES. Indicators and the DII are city-wide
 * aggregates (no operator's figures apart): every signed-in user may read them, and a version's
 * indicators follow the version's own read rule (plan-access.ts: drafts only for planners,
 * admins and reviewers). The IOC reads the feed with an API key (a key acts as its user).
 * Planners and admins keep the catalogue and enter the values.
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
const PLANNERS: Rule = { admin: 'all', planner: 'all' };

const rows: [method: string, path: string, resource: string, action: Action, rule: Rule][] = [
  ['GET', '/api/v1/indicators', 'indicators', 'read', SIGNED_IN],
  ['GET', '/api/v1/plan-versions/:id/indicators', 'indicators', 'read', SIGNED_IN],
  ['GET', '/api/v1/dii/criteria', 'dii-criteria', 'read', SIGNED_IN],
  ['POST', '/api/v1/dii/criteria', 'dii-criteria', 'create', PLANNERS],
  ['GET', '/api/v1/dii/catalogues', 'dii-criteria', 'read', SIGNED_IN],
  ['GET', '/api/v1/dii/values', 'dii-values', 'read', SIGNED_IN],
  ['POST', '/api/v1/dii/values', 'dii-values', 'update', PLANNERS],
  ['POST', '/api/v1/dii/values/compute', 'dii-values', 'create', PLANNERS],
  ['GET', '/api/v1/dii/dashboard', 'dii-values', 'read', SIGNED_IN],
  ['GET', '/api/v1/dii/feed', 'dii-feed', 'read', SIGNED_IN],
];

/** The indicator and DII routes' rows for ROUTE_POLICIES (spread into the table). */
export const INDICATOR_ROUTE_POLICIES: readonly (readonly [string, RoutePolicy])[] = rows.map(
  ([method, path, resource, action, rule]) => [`${method} ${path}`, { resource, action, rule }] as const,
);
