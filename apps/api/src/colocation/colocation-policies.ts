import {
  colocationAccept,
  colocationAcceptWithConditions,
  colocationInfoRequest,
  colocationMessageCreate,
  colocationReject,
  colocationRequestCreate,
  colocationRespond,
  colocationWithdraw,
} from '@hatang/contracts';
import type { ZodType } from 'zod';
import type { Action, RoutePolicy, Rule } from '../policy/policy-table.js';

/**
 * The co-location routes' rows for ROUTE_POLICIES (spread into the table). The policy admits the
 * roles; the handlers then scope them (request-access.ts): operators see and act on requests
 * their organisation made (requester) or received (owner) — owner editors answer, requester
 * editors withdraw and respond; planners and admins read everything; nobody else sees requests.
 */
const READERS: Rule = { admin: 'all', planner: 'all', operator_editor: 'all', operator_viewer: 'all' };
const EDITORS: Rule = { admin: 'all', operator_editor: 'all' };
const OVERSEERS: Rule = { admin: 'all', planner: 'all' };
const SIGNED_IN: Rule = {
  admin: 'all',
  planner: 'all',
  operator_editor: 'all',
  operator_viewer: 'all',
  reviewer: 'all',
  inspector: 'all',
  viewer: 'all',
};

const base = '/api/v1/colocation-requests';
const rows: [method: string, path: string, action: Action, rule: Rule, resource?: string][] = [
  ['GET', base, 'read', READERS],
  ['POST', base, 'create', EDITORS],
  ['GET', `${base}/oversight`, 'read', OVERSEERS],
  ['GET', `${base}/oversight/map`, 'read', OVERSEERS],
  ['GET', `${base}/:id`, 'read', READERS],
  ['POST', `${base}/:id/request-info`, 'update', EDITORS],
  ['POST', `${base}/:id/accept`, 'update', EDITORS],
  ['POST', `${base}/:id/accept-with-conditions`, 'update', EDITORS],
  ['POST', `${base}/:id/reject`, 'update', EDITORS],
  ['POST', `${base}/:id/withdraw`, 'update', EDITORS],
  ['POST', `${base}/:id/respond`, 'update', EDITORS],
  ['GET', `${base}/:id/messages`, 'read', READERS],
  ['POST', `${base}/:id/messages`, 'create', EDITORS],
  ['GET', `${base}/:id/attachments`, 'read', READERS],
  ['POST', `${base}/:id/attachments`, 'create', EDITORS],
  ['GET', `${base}/:id/attachments/:attachmentId`, 'read', READERS],
  ['GET', `${base}/:id/rent-suggestion`, 'read', READERS],
  ['GET', '/api/v1/colocation-occupancies', 'read', READERS, 'colocation-occupancies'],
  ['GET', '/api/v1/notifications', 'read', SIGNED_IN, 'notifications'],
  ['POST', '/api/v1/notifications/read-all', 'update', SIGNED_IN, 'notifications'],
  ['POST', '/api/v1/notifications/:id/read', 'update', SIGNED_IN, 'notifications'],
];

/** The JSON bodies, for the OpenAPI document. */
const BODIES: Record<string, ZodType> = {
  [`POST ${base}`]: colocationRequestCreate,
  [`POST ${base}/:id/request-info`]: colocationInfoRequest,
  [`POST ${base}/:id/accept`]: colocationAccept,
  [`POST ${base}/:id/accept-with-conditions`]: colocationAcceptWithConditions,
  [`POST ${base}/:id/reject`]: colocationReject,
  [`POST ${base}/:id/withdraw`]: colocationWithdraw,
  [`POST ${base}/:id/respond`]: colocationRespond,
  [`POST ${base}/:id/messages`]: colocationMessageCreate,
};

export const COLOCATION_ROUTE_POLICIES: readonly (readonly [string, RoutePolicy])[] = rows.map(
  ([method, path, action, rule, resource]) =>
    [
      `${method} ${path}`,
      { resource: resource ?? 'colocation-requests', action, rule, body: BODIES[`${method} ${path}`] },
    ] as const,
);
