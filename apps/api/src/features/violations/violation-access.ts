import type { ViolationFeature } from '@hatang/contracts';
import type { Principal } from '../../auth/principal.js';
import { ApiError, notFound } from '../../errors.js';
import type { ViolationScope } from './violation-repository.js';

const has = (p: Principal | undefined, ...roles: string[]) => !!p && p.roles.some((r) => roles.includes(r));

/**
 * Which violations a user reads: planners, admins and the Construction Department (reviewers)
 * all; a commune inspector their commune's; an operator those it must put right (linked to its
 * own assets or applications: it is the one notified).
 */
export function violationScopeOf(p: Principal | undefined): ViolationScope {
  if (has(p, 'admin', 'planner', 'reviewer')) return { all: true };
  if (has(p, 'inspector')) return { adminUnitCode: p?.adminUnitCode ?? null };
  if (has(p, 'operator_editor', 'operator_viewer')) return { responsibleOrgId: p?.orgId ?? '' };
  return { adminUnitCode: null };
}

/** 404 (not 403, so other communes' reports leak nothing) when the user may not read it. */
export function assertMayReadViolation(
  p: Principal | undefined,
  v: ViolationFeature | undefined,
): ViolationFeature {
  if (!v) throw notFound('Violation');
  const scope = violationScopeOf(p);
  if ('all' in scope) return v;
  if ('adminUnitCode' in scope && scope.adminUnitCode && scope.adminUnitCode === v.properties.adminUnitCode)
    return v;
  if ('responsibleOrgId' in scope && scope.responsibleOrgId === v.properties.responsibleOrgId) return v;
  throw notFound('Violation');
}

/**
 * Recording and acting (edit, transitions, photos): planners and admins anywhere; an inspector
 * only inside their own commune. `unitCode` is the violation's commune; `unitLabel` names it.
 */
export function assertMayActIn(p: Principal | undefined, unitCode: string | null, unitLabel: string): void {
  if (has(p, 'admin', 'planner')) return;
  if (has(p, 'inspector')) {
    if (!p?.adminUnitCode)
      throw new ApiError(
        403,
        'FORBIDDEN',
        'Your account belongs to no commune: ask an administrator to set your organisation’s commune',
      );
    if (unitCode === p.adminUnitCode) return;
    throw new ApiError(
      403,
      'FORBIDDEN',
      `This place lies in ${unitLabel}, outside your commune (${p.adminUnitCode}): inspectors record and act on violations in their own commune only`,
    );
  }
  throw new ApiError(
    403,
    'FORBIDDEN',
    'Only commune inspectors, planners and administrators act on violations',
  );
}

/** 409 with the current record when the If-Match version is stale. */
export function staleViolation(current: ViolationFeature, expected: number): ApiError {
  return new ApiError(
    409,
    'VERSION_CONFLICT',
    `This violation is at version ${current.properties.version}, not ${expected}: it changed since you read it`,
    undefined,
    current,
  );
}
