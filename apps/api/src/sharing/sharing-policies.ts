import { campaignAddRequest, campaignPatch, routePlanRequest, towerNearbyRequest } from '@hatang/contracts';
import type { ZodType } from 'zod';
import type { Action, RoutePolicy, Rule } from '../policy/policy-table.js';

/**
 * The sharing and route-planner routes' rows for ROUTE_POLICIES (spread into the table). The
 * answers carry the sharing tier (free capacity, heights, tubes): for the city, the Construction
 * Department, communes and operators, not the public. Finding opportunities changes no data, so
 * the POSTs are reads (read-only API keys may call them). The undergrounding campaign is read by
 * the same people and written by the city's planners.
 */
const ANALYSTS: Rule = {
  admin: 'all',
  planner: 'all',
  operator_editor: 'all',
  operator_viewer: 'all',
  reviewer: 'all',
  inspector: 'all',
};

/** Only the city's planners (and admins) run the overhead cable cleanup campaign. */
const CAMPAIGN_EDITORS: Rule = { admin: 'all', planner: 'all' };

const rows: [method: string, path: string, resource: string, action: Action, rule: Rule, body?: ZodType][] = [
  ['POST', '/api/v1/sharing/towers/nearby', 'sharing', 'read', ANALYSTS, towerNearbyRequest],
  ['GET', '/api/v1/sharing/towers/report', 'sharing', 'read', ANALYSTS],
  ['GET', '/api/v1/sharing/spare-capacity', 'sharing', 'read', ANALYSTS],
  ['POST', '/api/v1/routes/plan', 'route-planner', 'read', ANALYSTS, routePlanRequest],
  ['GET', '/api/v1/sharing/dig-once', 'sharing', 'read', ANALYSTS],
  ['GET', '/api/v1/sharing/undergrounding-candidates', 'sharing', 'read', ANALYSTS],
  ['GET', '/api/v1/sharing/campaign/segments', 'undergrounding-campaign', 'read', ANALYSTS],
  ['GET', '/api/v1/sharing/campaign/summary', 'undergrounding-campaign', 'read', ANALYSTS],
  [
    'POST',
    '/api/v1/sharing/campaign/segments',
    'undergrounding-campaign',
    'create',
    CAMPAIGN_EDITORS,
    campaignAddRequest,
  ],
  [
    'PATCH',
    '/api/v1/sharing/campaign/segments/:id',
    'undergrounding-campaign',
    'update',
    CAMPAIGN_EDITORS,
    campaignPatch,
  ],
  ['DELETE', '/api/v1/sharing/campaign/segments/:id', 'undergrounding-campaign', 'delete', CAMPAIGN_EDITORS],
];

export const SHARING_ROUTE_POLICIES: readonly (readonly [string, RoutePolicy])[] = rows.map(
  ([method, path, resource, action, rule, body]) =>
    [`${method} ${path}`, { resource, action, rule, ...(body ? { body } : {}) }] as const,
);
