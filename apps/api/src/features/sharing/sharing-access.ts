/** Who may ask the sharing finders about whom (confidentiality tiers, see policy/confidentiality.ts). */
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../errors.js';
import { baseTier } from '../../policy/confidentiality.js';
import type { Rule } from '../../policy/rules.js';

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

/**
 * Who may use the sharing finders, the route planner and read the campaign. The answers carry the
 * sharing tier (free capacity, heights, tubes): for the city, the Construction Department,
 * communes and operators, not the public. Finding opportunities changes no data, so the POSTs
 * are reads (read-only API keys may call them).
 */
export const ANALYSTS: Rule = {
  admin: 'all',
  planner: 'all',
  operator_editor: 'all',
  operator_viewer: 'all',
  reviewer: 'all',
  inspector: 'all',
};

/** Only the city's planners (and admins) run the overhead cable cleanup campaign. */
export const CAMPAIGN_EDITORS: Rule = { admin: 'all', planner: 'all' };
