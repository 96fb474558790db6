import type { Action, RoutePolicy, Rule } from '../policy/policy-table.js';

/**
 * The plan routes' rows for ROUTE_POLICIES (spread them into the table). Reads are open to every
 * signed-in user at the policy level; the handlers then hide drafts and baselines from all but
 * admins, planners and reviewers (plan-access.ts). Planners and admins draft; approving is the
 * City People's Committee's act (Plan 317: the Department of Science and Technology advises the
 * committee to issue the plan), recorded in Hatang by an admin.
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
const APPROVERS: Rule = { admin: 'all' };

const rows: [method: string, path: string, resource: string, action: Action, rule: Rule][] = [
  ['GET', '/api/v1/plans', 'plans', 'read', SIGNED_IN],
  ['POST', '/api/v1/plans', 'plans', 'create', PLANNERS],
  ['GET', '/api/v1/plans/:id', 'plans', 'read', SIGNED_IN],
  ['POST', '/api/v1/plans/:id/baseline', 'plan-versions', 'create', PLANNERS],
  ['GET', '/api/v1/plan-versions/:id', 'plan-versions', 'read', SIGNED_IN],
  ['PATCH', '/api/v1/plan-versions/:id', 'plan-versions', 'update', PLANNERS],
  ['DELETE', '/api/v1/plan-versions/:id', 'plan-versions', 'delete', PLANNERS],
  ['POST', '/api/v1/plan-versions/:id/fork', 'plan-versions', 'create', PLANNERS],
  ['POST', '/api/v1/plan-versions/:id/approve', 'plan-versions', 'update', APPROVERS],
  ['GET', '/api/v1/plan-versions/:id/items', 'plan-items', 'read', SIGNED_IN],
  ['POST', '/api/v1/plan-versions/:id/items', 'plan-items', 'create', PLANNERS],
  ['GET', '/api/v1/plan-versions/:id/compare', 'plan-versions', 'read', SIGNED_IN],
  ['GET', '/api/v1/plan-items/:id', 'plan-items', 'read', SIGNED_IN],
  ['PATCH', '/api/v1/plan-items/:id', 'plan-items', 'update', PLANNERS],
  ['DELETE', '/api/v1/plan-items/:id', 'plan-items', 'delete', PLANNERS],
  ['GET', '/api/v1/plan-items/:id/history', 'plan-items', 'read', SIGNED_IN],
  ['POST', '/api/v1/plan-items/:id/restore', 'plan-items', 'update', PLANNERS],
  ['GET', '/api/v1/plan-zones', 'plan-zones', 'read', SIGNED_IN],
  ['POST', '/api/v1/plan-zones', 'plan-zones', 'create', PLANNERS],
  ['GET', '/api/v1/plan-zones/:id', 'plan-zones', 'read', SIGNED_IN],
  ['PATCH', '/api/v1/plan-zones/:id', 'plan-zones', 'update', PLANNERS],
  ['DELETE', '/api/v1/plan-zones/:id', 'plan-zones', 'delete', PLANNERS],
];

export const PLAN_ROUTE_POLICIES: readonly (readonly [string, RoutePolicy])[] = rows.map(
  ([method, path, resource, action, rule]) => [`${method} ${path}`, { resource, action, rule }] as const,
);
