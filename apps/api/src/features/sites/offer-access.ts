import type { SiteGeometry } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../errors.js';
import { adminUnitsNamed, unitCovers, unitOfGeometry } from './place-repository.js';

/** Planners and admins act for any commune; a commune's inspectors only for their own. */
export const actsForAnyCommune = (principal: Principal | undefined) =>
  !!principal && principal.roles.some((r) => r === 'admin' || r === 'planner');

/**
 * Plan 317 asks communes to arrange sites: an inspector of a commune organisation publishes and
 * edits that commune's offers; planners and admins any offer. Throws 403 otherwise.
 * legal: plan-317-2025-kh-ubnd
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

/**
 * An inspector's offer must lie inside their commune's boundary (the whole geometry, not just a
 * point of it) and be filed under that commune; planners and admins place offers anywhere.
 * Throws 403 naming the commune the place lies in, as violations do. Returns the unit code the
 * offer is filed under for an inspector (their commune), else `adminUnitCode` unchanged.
 */
export async function assertOfferInCommune(
  db: Sql,
  principal: Principal | undefined,
  geometry: SiteGeometry,
  adminUnitCode: string | null | undefined,
): Promise<string | null | undefined> {
  if (actsForAnyCommune(principal)) return adminUnitCode;
  const own = principal?.adminUnitCode;
  if (!own)
    throw new ApiError(
      403,
      'FORBIDDEN',
      'Your account belongs to no commune: ask an administrator to set your organisation’s commune',
    );
  if (adminUnitCode && adminUnitCode !== own)
    throw new ApiError(
      403,
      'FORBIDDEN',
      `You may file site offers only under your own commune (${own}), not ${adminUnitCode}`,
    );
  const { inside, touches: partly } = await unitCovers(db, own, geometry);
  if (inside) return own;
  const at = await unitOfGeometry(db, geometry);
  const names = await adminUnitsNamed(
    db,
    [at, own].filter((code): code is string => !!code),
  );
  const label = (code: string | null) => {
    const found = names.find((n) => n.code === code);
    return found ? `${found.name} (${found.code})` : (code ?? 'no commune of Hai Phong');
  };
  throw new ApiError(
    403,
    'FORBIDDEN',
    `This place lies ${partly ? 'partly outside' : `in ${label(at)}, outside`} your commune ${label(own)}: inspectors publish site offers in their own commune only`,
  );
}
