import {
  permitApplicationCreate,
  permitApplicationPatch,
  permitCheckConfigUpdate,
  permitCommentCreate,
  permitDecision,
  permitInfoRequest,
} from '@hatang/contracts';
import type { ZodType } from 'zod';
import type { Action, RoutePolicy, Rule } from '../policy/policy-table.js';

/**
 * The permit routes' rows for ROUTE_POLICIES (spread into the table). The policy admits the
 * roles; the handlers then scope them (permit-access.ts): operators read and act on their own
 * organisation's applications, commune inspectors read those filed in their commune, the
 * Construction Department (reviewers), planners and admins read all. Operators file; reviewers
 * (and admins) ask for more information and decide.
 *
 * Order matters to the authorisation matrix's attempt maker: create, read, change, submit, then
 * the reviewer's steps, then withdraw.
 */
const READERS: Rule = {
  admin: 'all',
  planner: 'all',
  operator_editor: 'all',
  operator_viewer: 'all',
  reviewer: 'all',
  inspector: 'all',
};
/**
 * A single application (and its decision, attachments, comments): the handlers scope operators
 * to their organisation's and inspectors to those filed in their commune (not drafts).
 */
const RECORD_READERS: Rule = READERS;
const APPLICANTS: Rule = { admin: 'all', operator_editor: 'all' };
/** Re-running the checks: whoever may act on the application (the handler scopes operators to their own). */
const CHECKERS: Rule = { admin: 'all', planner: 'all', reviewer: 'all', operator_editor: 'all' };
const REVIEWERS: Rule = { admin: 'all', reviewer: 'all' };
/** Adding files: the applicant's editors (while draft / info requested: the handler checks), reviewers, admins. */
const FILERS: Rule = { admin: 'all', operator_editor: 'all', reviewer: 'all' };
/** The conversation on an application: the applicant organisation, reviewers and admins. */
const COMMENT_READERS: Rule = {
  admin: 'all',
  operator_editor: 'all',
  operator_viewer: 'all',
  reviewer: 'all',
};
const COMMENTERS: Rule = { admin: 'all', operator_editor: 'all', reviewer: 'all' };

const rows: [method: string, path: string, action: Action, rule: Rule][] = [
  ['GET', '/api/v1/permit-applications', 'read', READERS],
  ['POST', '/api/v1/permit-applications', 'create', APPLICANTS],
  ['GET', '/api/v1/permit-applications/:id', 'read', RECORD_READERS],
  ['POST', '/api/v1/permit-applications/:id/checks', 'update', CHECKERS],
  ['PATCH', '/api/v1/permit-applications/:id', 'update', APPLICANTS],
  ['POST', '/api/v1/permit-applications/:id/submit', 'update', APPLICANTS],
  ['POST', '/api/v1/permit-applications/:id/request-info', 'update', REVIEWERS],
  ['POST', '/api/v1/permit-applications/:id/decision', 'update', REVIEWERS],
  ['GET', '/api/v1/permit-applications/:id/decision.pdf', 'read', RECORD_READERS],
  ['POST', '/api/v1/permit-applications/:id/attachments', 'create', FILERS],
  ['GET', '/api/v1/permit-applications/:id/attachments', 'read', RECORD_READERS],
  ['GET', '/api/v1/permit-applications/:id/attachments/:attachmentId', 'read', RECORD_READERS],
  ['GET', '/api/v1/permit-applications/:id/comments', 'read', COMMENT_READERS],
  ['POST', '/api/v1/permit-applications/:id/comments', 'create', COMMENTERS],
  ['POST', '/api/v1/permit-applications/:id/withdraw', 'update', APPLICANTS],
];

/** The checks' configuration: read by whoever works with applications; admins and planners (airport part only) change it. */
const CONFIG_READERS: Rule = { ...READERS };
const CONFIG_EDITORS: Rule = { admin: 'all', planner: 'all' };
const configRows: [method: string, path: string, action: Action, rule: Rule][] = [
  ['GET', '/api/v1/permit-check-config', 'read', CONFIG_READERS],
  ['PUT', '/api/v1/permit-check-config', 'update', CONFIG_EDITORS],
  ['GET', '/api/v1/permit-check-config/history', 'read', CONFIG_READERS],
];

/** The JSON bodies, for the OpenAPI document. */
const BODIES: Record<string, ZodType> = {
  'POST /api/v1/permit-applications': permitApplicationCreate,
  'PATCH /api/v1/permit-applications/:id': permitApplicationPatch,
  'POST /api/v1/permit-applications/:id/request-info': permitInfoRequest,
  'POST /api/v1/permit-applications/:id/decision': permitDecision,
  'POST /api/v1/permit-applications/:id/comments': permitCommentCreate,
  'PUT /api/v1/permit-check-config': permitCheckConfigUpdate,
};

const policiesOf = (resource: string, list: typeof rows) =>
  list.map(
    ([method, path, action, rule]) =>
      [`${method} ${path}`, { resource, action, rule, body: BODIES[`${method} ${path}`] }] as const,
  );

export const PERMIT_ROUTE_POLICIES: readonly (readonly [string, RoutePolicy])[] = [
  ...policiesOf('permit-applications', rows),
  ...policiesOf('permit-check-config', configRows),
];
