import type { Principal } from '../auth/principal.js';
import { ApiError } from '../errors.js';

/** Planners and admins act for any commune; a commune's inspectors only for their own. */
export const actsForAnyCommune = (principal: Principal | undefined) =>
  !!principal && principal.roles.some((r) => r === 'admin' || r === 'planner');

/**
 * Plan 317 asks communes to arrange sites: an inspector of a commune organisation publishes and
 * edits that commune's offers; planners and admins any offer. Throws 403 otherwise.
 */
export function assertMayWriteOffer(principal: Principal | undefined, offeringOrgId: string): void {
  if (actsForAnyCommune(principal)) return;
  if (!principal?.roles.includes('inspector') || principal.orgKind !== 'commune') {
    throw new ApiError(
      403,
      'FORBIDDEN',
      "Only a commune's inspectors, planners and admins publish site offers",
    );
  }
  if (principal.orgId !== offeringOrgId) {
    throw new ApiError(403, 'FORBIDDEN', "You may change only your own commune's site offers");
  }
}
