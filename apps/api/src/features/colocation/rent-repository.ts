/** The asset facts a rent suggestion defaults from (tenants on a tower, a pole's positions, a duct's tubes). */
import { RENT_DEFAULTS } from '@hatang/analysis';
import { orm, type Sql } from '@hatang/db';
import { ducts, poles, tenancies } from '@hatang/db/schema';
import { eq, inArray, sql } from 'drizzle-orm';
import type { StoredRequest } from './request-repository.js';

/**
 * Defaults for the rent: the kind's assumptions (RENT_DEFAULTS); shares in total are the tenants
 * on the tower once the requester is on it, the pole's attachment positions, or the fewest tubes
 * of any segment; a duct's investment is per metre of the requested length.
 */
export async function rentDefaults(db: Sql, request: StoredRequest) {
  const base = RENT_DEFAULTS[request.assetKind];
  const target = request.target;
  if (target.kind === 'tower') {
    const [row] = await orm(db)
      .select({
        tenants: sql<number>`count(*)::int`,
        isTenant: sql<boolean>`coalesce(bool_or(${tenancies.operatorOrgId} = ${request.requesterOrgId}), false)`,
      })
      .from(tenancies)
      .where(eq(tenancies.towerId, target.id));
    const tenants = (row?.tenants ?? 0) + (row?.isTenant ? 0 : 1);
    return { ...base, tenants: Math.max(1, tenants), shares: 1 };
  }
  if (target.kind === 'pole') {
    const [row] = await orm(db)
      .select({ max: poles.attachmentsMax })
      .from(poles)
      .where(eq(poles.id, target.id));
    return { ...base, tenants: Math.max(1, row?.max ?? 1), shares: target.attachmentCount };
  }
  const [row] = await orm(db)
    .select({ tubes: sql<number | null>`min(${ducts.tubesTotal})::int` })
    .from(ducts)
    .where(inArray(ducts.id, target.ids));
  const lengthM = target.lengthM ?? 1;
  return {
    ...base,
    investmentVnd: Math.round(base.investmentVnd * lengthM),
    tenants: Math.max(1, row?.tubes ?? 1),
    shares: target.tubes,
  };
}
