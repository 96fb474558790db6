/** Who may ask the sharing finders about whom (confidentiality tiers, see policy/confidentiality.ts). */
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import { baseTier } from '../policy/confidentiality.js';

/**
 * The operator a co-location question is asked for: the given one, or by default the signed-in
 * operator's own organisation. Only full-tier viewers (admins, planners, reviewers) may ask for
 * another organisation: the answer says which towers it already rents (owner-only data).
 */
export function operatorFor(
  principal: Principal | undefined,
  operatorId: string | undefined,
): string | undefined {
  const full = baseTier(principal) === 'full';
  if (operatorId === undefined) return full ? undefined : principal?.orgId;
  if (full || operatorId === principal?.orgId) return operatorId;
  throw new ApiError(403, 'FORBIDDEN', "Only city planners may ask on another operator's behalf");
}
