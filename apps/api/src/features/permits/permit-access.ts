import type { Principal } from '../../auth/principal.js';
import { ApiError, notFound } from '../../errors.js';
import type { Rule } from '../../policy/rules.js';
import type { PermitApplication, ReadScope } from './permit-repository.js';

/**
 * The policy admits the roles; the handlers then scope them: operators read and act on their own
 * organisation's applications, commune inspectors read those filed in their commune, the
 * Construction Department (reviewers), planners and admins read all. Operators file; reviewers
 * (and admins) ask for more information and decide.
 */
export const READERS: Rule = {
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
export const RECORD_READERS: Rule = READERS;
export const APPLICANTS: Rule = { admin: 'all', operator_editor: 'all' };
/** Re-running the checks: whoever may act on the application (the handler scopes operators to their own). */
export const CHECKERS: Rule = { admin: 'all', planner: 'all', reviewer: 'all', operator_editor: 'all' };
export const REVIEWERS: Rule = { admin: 'all', reviewer: 'all' };
/** Adding files: the applicant's editors (while draft / info requested: the handler checks), reviewers, admins. */
export const FILERS: Rule = { admin: 'all', operator_editor: 'all', reviewer: 'all' };
/** The conversation on an application: the applicant organisation, reviewers and admins. */
export const COMMENT_READERS: Rule = {
  admin: 'all',
  operator_editor: 'all',
  operator_viewer: 'all',
  reviewer: 'all',
};
export const COMMENTERS: Rule = { admin: 'all', operator_editor: 'all', reviewer: 'all' };
/** The checks' configuration: read by whoever works with applications; admins and planners (airport part only) change it. */
export const CONFIG_READERS: Rule = { ...READERS };
export const CONFIG_EDITORS: Rule = { admin: 'all', planner: 'all' };

const has = (p: Principal | undefined, ...roles: string[]) => !!p && p.roles.some((r) => roles.includes(r));

/**
 * Which applications a user reads: the Construction Department (reviewers), planners and admins
 * all; an operator its own organisation's; a commune inspector those filed in their commune.
 */
export function readScopeOf(p: Principal | undefined): ReadScope {
  if (has(p, 'admin', 'planner', 'reviewer')) return { all: true };
  if (has(p, 'operator_editor', 'operator_viewer')) return { orgId: p?.orgId ?? '' };
  return { adminUnitCode: p?.adminUnitCode ?? null };
}

/**
 * City staff who review or plan (reviewers, planners, admins) see the checks in full: the
 * duplicate check names other organisations' applications. Applicants, operator viewers and
 * commune inspectors see that another application exists nearby, nothing more.
 */
export const seesStaffChecks = (p: Principal | undefined) => has(p, 'admin', 'planner', 'reviewer');

/** 404 (not 403, so ids of other operators' applications leak nothing) when the user may not read it. */
export function assertMayRead(p: Principal | undefined, a: PermitApplication | undefined): PermitApplication {
  if (!a) throw notFound('Permit application');
  const scope = readScopeOf(p);
  if ('all' in scope) return a;
  if ('orgId' in scope && scope.orgId === a.applicantOrgId) return a;
  if (
    'adminUnitCode' in scope &&
    scope.adminUnitCode &&
    scope.adminUnitCode === a.adminUnitCode &&
    a.status !== 'draft'
  )
    return a;
  throw notFound('Permit application');
}

/** Applicant actions (edit, submit, withdraw): the applicant organisation's editors, or an admin. */
export function assertApplicant(p: Principal | undefined, a: PermitApplication): void {
  if (has(p, 'admin')) return;
  if (has(p, 'operator_editor') && p?.orgId === a.applicantOrgId) return;
  throw new ApiError(
    403,
    'FORBIDDEN',
    "Only the applicant organisation's editors may change this application",
  );
}

/** 409 with the current record when the If-Match version is stale. */
export function staleApplication(current: PermitApplication, expected: number): ApiError {
  return new ApiError(
    409,
    'VERSION_CONFLICT',
    `This permit application is at version ${current.version}, not ${expected}: it changed since you read it`,
    undefined,
    current,
  );
}

/** 409 when the status machine does not allow the step. */
export function wrongStatus(current: PermitApplication, action: string): ApiError {
  return new ApiError(409, 'CONFLICT', `A permit application that is ${current.status} cannot be ${action}`);
}
