import { DEFAULT_RADIUS_TABLE, ENVIRONMENTS, TECHNOLOGIES } from '@hatang/analysis';
import {
  COVERAGE_NON_STAFF_MIN_RADIUS_M,
  type CoverageRequest,
  type RadiusOverridesInput,
} from '@hatang/contracts';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../errors.js';

/**
 * City staff who may analyse any operator's network at any radius: planners, the Construction
 * Department's reviewers and admins. Everyone else (operators, commune inspectors) analyses
 * their own organisation's network or the all-operator total, at city-scale radii.
 */
export const isCoverageStaff = (p: Principal | undefined) =>
  !!p && p.roles.some((r) => r === 'admin' || r === 'planner' || r === 'reviewer');

const STAFF = 'city staff (planners, reviewers, admins)';

/**
 * The request as `principal` may run it, or a 403 naming the limit:
 * - `operators` other than the caller's own organisation: refused (a rival's network, alone or
 *   with one's own, tells which towers the rival equips);
 * - radius overrides under COVERAGE_NON_STAFF_MIN_RADIUS_M: refused (small disks outline sites);
 * - the all-operator total: default radii under that minimum (5G) are raised to it, so the total
 *   less one's own network cannot outline where rivals run a technology.
 * City staff's requests pass unchanged. Returns the request and the floor applied, if any.
 */
export function coverageRequestFor(
  principal: Principal | undefined,
  request: CoverageRequest,
  minRadiusM = COVERAGE_NON_STAFF_MIN_RADIUS_M,
): { request: CoverageRequest; radiusFloorM?: number } {
  if (isCoverageStaff(principal)) return { request };
  const own = principal?.orgId;
  if (request.operators && !(request.operators.length === 1 && request.operators[0] === own)) {
    throw new ApiError(
      403,
      'FORBIDDEN',
      `You may analyse your own organisation's network or all operators together; restricting an analysis to other operators is for ${STAFF}`,
      [{ path: ['operators'], message: 'only your own organisation, or leave it out for all operators' }],
    );
  }
  const small: { path: string[]; message: string }[] = [];
  for (const [technology, row] of Object.entries(request.radiusOverrides ?? {}))
    for (const [environment, radius] of Object.entries(row ?? {}))
      if (radius !== undefined && radius < minRadiusM)
        small.push({
          path: ['radiusOverrides', technology, environment],
          message: `must be at least ${minRadiusM} m`,
        });
  if (small.length)
    throw new ApiError(
      403,
      'FORBIDDEN',
      `Radii under ${minRadiusM} m outline single sites: they are for ${STAFF}`,
      small,
    );
  if (request.operators) return { request };
  // The total: no radius under the floor, overrides or defaults.
  const raised: RadiusOverridesInput = {};
  for (const technology of TECHNOLOGIES)
    for (const environment of ENVIRONMENTS) {
      const radius =
        request.radiusOverrides?.[technology]?.[environment] ?? DEFAULT_RADIUS_TABLE[technology][environment];
      raised[technology] = { ...raised[technology], [environment]: Math.max(radius, minRadiusM) };
    }
  return { request: { ...request, radiusOverrides: raised }, radiusFloorM: minRadiusM };
}
