import { violationCreate, violationPatch, violationTransition } from '@hatang/contracts';
import type { ZodType } from 'zod';
import type { Action, RoutePolicy, Rule } from '../policy/policy-table.js';

/**
 * The violations routes' rows for ROUTE_POLICIES (spread into the table). The policy admits the
 * roles; the handlers then scope them (violation-access.ts): commune inspectors record and act
 * only in their own commune and read its reports; planners and admins read and act everywhere;
 * the Construction Department (reviewers) reads everything; an operator reads the violations
 * linked to its own assets (it is the one notified). The public sees none.
 */
const READERS: Rule = {
  admin: 'all',
  planner: 'all',
  reviewer: 'all',
  inspector: 'all',
  operator_editor: 'all',
  operator_viewer: 'all',
};
const ACTORS: Rule = { admin: 'all', planner: 'all', inspector: 'all' };

const rows: [method: string, path: string, action: Action, rule: Rule][] = [
  ['GET', '/api/v1/violations', 'read', READERS],
  ['POST', '/api/v1/violations', 'create', ACTORS],
  ['GET', '/api/v1/violations/:id', 'read', READERS],
  ['PATCH', '/api/v1/violations/:id', 'update', ACTORS],
  ['POST', '/api/v1/violations/:id/notify', 'update', ACTORS],
  ['POST', '/api/v1/violations/:id/resolve', 'update', ACTORS],
  ['POST', '/api/v1/violations/:id/escalate', 'update', ACTORS],
  ['GET', '/api/v1/violations/:id/history', 'read', READERS],
  ['POST', '/api/v1/violations/:id/attachments', 'update', ACTORS],
  ['GET', '/api/v1/violations/:id/attachments', 'read', READERS],
  ['GET', '/api/v1/violations/:id/attachments/:attachmentId', 'read', READERS],
];

/** The JSON bodies, for the OpenAPI document. */
const BODIES: Record<string, ZodType> = {
  'POST /api/v1/violations': violationCreate,
  'PATCH /api/v1/violations/:id': violationPatch,
  'POST /api/v1/violations/:id/notify': violationTransition,
  'POST /api/v1/violations/:id/resolve': violationTransition,
  'POST /api/v1/violations/:id/escalate': violationTransition,
};

export const VIOLATION_ROUTE_POLICIES: readonly (readonly [string, RoutePolicy])[] = rows.map(
  ([method, path, action, rule]) =>
    [
      `${method} ${path}`,
      { resource: 'violations', action, rule, body: BODIES[`${method} ${path}`] },
    ] as const,
);
