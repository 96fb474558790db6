/**
 * What a viewer may find through the search box: each kind under the same rules as its own
 * routes, so the box reveals nothing the viewer could not read there.
 * - Asset codes are above the public tier (policy/confidentiality.ts): staff and operators find
 *   every code, anyone else signed in only their own organisation's, the public none. Names of
 *   named kinds (landing stations, WiFi points, data centres…) are public.
 * - Plan items: signed in; drafts only for those who read drafts (plans/plan-access.ts).
 * - Key sites: signed in (their routes' rule).
 * - Permit applications: the permits' read scope (permits/permit-access.ts): all, own
 *   organisation's, or a commune's submitted ones; drafts stay with the applicant and the city.
 * - Co-location requests: the two parties and the overseers (colocation/request-access.ts).
 */
import type { PlanVersionKind } from '@hatang/contracts';
import type { Principal } from '../../auth/principal.js';
import { baseTier } from '../../policy/confidentiality.js';
import { scopeOf } from '../../policy/rules.js';
import { isOverseer } from '../colocation/request-access.js';
import { READERS as PERMIT_READERS, readScopeOf } from '../permits/permit-access.js';
import { mayReadDrafts } from '../plans/plan-access.js';

export type CodeScope = { all: true } | { orgId: string } | null;
export type PermitScope = { all: true } | { orgId: string } | { adminUnitCode: string } | null;
export type RequestScope = { all: true } | { orgId: string } | null;

export interface SearchScope {
  /** Whose asset codes the viewer may find; null: none. */
  assetCodes: CodeScope;
  /** The plan versions whose items the viewer may find (none when empty). */
  planVersionKinds: readonly PlanVersionKind[];
  keySites: boolean;
  permits: PermitScope;
  colocationRequests: RequestScope;
}

const has = (p: Principal | undefined, ...roles: string[]) => !!p && p.roles.some((r) => roles.includes(r));

/** The viewer's search scope (anonymous: the public tier only). */
export function searchScopeOf(p: Principal | undefined): SearchScope {
  if (!p)
    return {
      assetCodes: null,
      planVersionKinds: [],
      keySites: false,
      permits: null,
      colocationRequests: null,
    };
  const permitScope = readScopeOf(p);
  return {
    assetCodes: baseTier(p) === 'public' ? { orgId: p.orgId } : { all: true },
    planVersionKinds: mayReadDrafts(p) ? ['draft', 'approved', 'superseded'] : ['approved', 'superseded'],
    keySites: true,
    permits: !scopeOf(PERMIT_READERS, p.roles)
      ? null
      : 'all' in permitScope || 'orgId' in permitScope
        ? permitScope
        : permitScope.adminUnitCode
          ? { adminUnitCode: permitScope.adminUnitCode }
          : null,
    colocationRequests: isOverseer(p)
      ? { all: true }
      : has(p, 'operator_editor', 'operator_viewer')
        ? { orgId: p.orgId }
        : null,
  };
}
