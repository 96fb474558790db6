import type { core } from 'zod';
import { ApiRequestError } from '../../lib/api-client';
import type { AdminT } from './admin-i18n';

/** Problems keyed by the top-level field they belong to; `''` holds those of the whole form. */
export type FieldErrors = Record<string, string>;

const fieldOf = (path: readonly PropertyKey[]): string => (path.length > 0 ? String(path[0]) : '');

/** Words a zod issue in the UI language; the contracts' own messages are English. */
function describeIssue(issue: core.$ZodIssue, t: AdminT): string {
  const field = fieldOf(issue.path);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array') return t(field === 'scopes' ? 'errChooseScope' : 'errChooseRole');
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? t('errRequired')
          : t('errTooShort', { min: Number(issue.minimum) });
      return t('errInvalid');
    case 'too_big':
      return issue.origin === 'string' ? t('errTooLong', { max: Number(issue.maximum) }) : t('errInvalid');
    case 'invalid_format':
      if (issue.format === 'email') return t('errEmail');
      if (issue.format === 'uuid' && field === 'orgId') return t('errOrganisation');
      return t('errInvalid');
    default:
      return t('errInvalid');
  }
}

/** The first problem of each field, from a failed `safeParse`. */
export function zodFieldErrors(issues: readonly core.$ZodIssue[], t: AdminT): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    errors[field] ??= describeIssue(issue, t);
  }
  return errors;
}

/**
 * Field errors from a refused request: the 400's `details` by path, a 409 on a new user as a
 * duplicate e-mail, anything else as a message for the whole form.
 */
export function serverFieldErrors(error: unknown, t: AdminT, conflictField?: string): FieldErrors {
  if (!(error instanceof ApiRequestError)) return { '': t('errServer', { message: String(error) }) };
  if (error.status === 409 && conflictField) {
    return { [conflictField]: conflictField === 'email' ? t('errDuplicateEmail') : error.message };
  }
  if (error.status === 400 && error.details.length > 0) {
    const errors: FieldErrors = {};
    for (const issue of error.details) errors[fieldOf(issue.path)] ??= localIssue(issue, t);
    if (!('' in errors)) errors[''] = t('errForm');
    return errors;
  }
  return { '': describeApiError(error, t) };
}

/** A server issue in the UI language where its field is known to this page; else as the server said. */
function localIssue(issue: { path: readonly PropertyKey[]; message: string }, t: AdminT): string {
  if (fieldOf(issue.path) === 'orgId')
    return /inspector/.test(issue.message) ? t('errInspectorOrg') : t('errOrganisation');
  return issue.message;
}

/**
 * The rule the server enforces, checked before sending: an inspector belongs to a commune office
 * that has its commune (their commune is the office's). Undefined when it holds.
 */
export function inspectorOrgError(
  roles: readonly string[],
  org: { kind: string; adminUnitCode: string | null } | undefined,
  t: AdminT,
): string | undefined {
  if (!org || !roles.includes('inspector')) return undefined;
  return org.kind === 'commune' && org.adminUnitCode ? undefined : t('errInspectorOrg');
}

/** One line for a toast: session and permission problems in the UI language, the rest as the server said. */
export function describeApiError(error: unknown, t: AdminT): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 401) return t('errSessionEnded');
    if (error.status === 403 && error.code === 'FORBIDDEN') return t('errForbidden');
    return t('errServer', { message: error.message });
  }
  return t('errServer', { message: error instanceof Error ? error.message : String(error) });
}
