/**
 * What the policy granted a request (set by the authorize middleware), and the ownership check
 * handlers make with it. Apart from the policy table, so that routes declared with their policy
 * can use it without importing the table they are part of.
 */
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import type { Action, Scope } from './rules.js';

/** What the policy granted for this request. */
export interface Grant {
  resource: string;
  action: Action;
  scope: Scope;
  principal: Principal | undefined;
}

/** For `own` grants: the record must belong to the user's organisation. */
export function assertMayTouch(grant: Grant | undefined, ownerOrgId: unknown): void {
  if (!grant) throw new ApiError(403, 'FORBIDDEN', 'No access policy covers this request');
  if (grant.scope === 'all') return;
  if (!grant.principal || grant.principal.orgId !== ownerOrgId) {
    throw new ApiError(
      403,
      'FORBIDDEN',
      `You may ${grant.action} only your own organisation's ${grant.resource}`,
    );
  }
}
