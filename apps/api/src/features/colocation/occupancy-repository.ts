/** What accepted requests hold, per asset (table `colocation_occupancies`). */
import { type ColocationOccupancy, colocationAssetKind } from '@hatang/contracts';
import { orm, type Sql } from '@hatang/db';
import { ducts, colocationOccupancies as o, organisations, poles, towers } from '@hatang/db/schema';
import { and, desc, eq, or, type SQL, sql } from 'drizzle-orm';

export interface OccupancyFilter {
  /** Only where this organisation is the owner or the occupant; undefined: everyone's. */
  orgId?: string;
  assetKind?: 'tower' | 'pole' | 'duct';
  assetId?: string;
  requestId?: string;
  limit: number;
}

/** Occupancies newest first, with the asset's code and the occupant's name. */
export async function listOccupancies(db: Sql, filter: OccupancyFilter): Promise<ColocationOccupancy[]> {
  const where: (SQL | undefined)[] = [
    filter.orgId === undefined
      ? undefined
      : or(eq(o.ownerOrgId, filter.orgId), eq(o.operatorOrgId, filter.orgId)),
    filter.assetKind === undefined ? undefined : eq(o.assetKind, filter.assetKind),
    filter.assetId === undefined ? undefined : eq(o.assetId, filter.assetId),
    filter.requestId === undefined ? undefined : eq(o.requestId, filter.requestId),
  ];
  const rows = await orm(db)
    .select({
      id: o.id,
      requestId: o.requestId,
      assetKind: o.assetKind,
      assetId: o.assetId,
      assetCode: sql<string | null>`coalesce(${towers.code}, ${poles.code}, ${ducts.code})`,
      ownerOrgId: o.ownerOrgId,
      operatorOrgId: o.operatorOrgId,
      operatorOrgName: organisations.name,
      units: o.units,
      tenancyId: o.tenancyId,
      createdAt: o.createdAt,
    })
    .from(o)
    .innerJoin(organisations, eq(organisations.id, o.operatorOrgId))
    .leftJoin(towers, and(eq(o.assetKind, 'tower'), eq(towers.id, o.assetId)))
    .leftJoin(poles, and(eq(o.assetKind, 'pole'), eq(poles.id, o.assetId)))
    .leftJoin(ducts, and(eq(o.assetKind, 'duct'), eq(ducts.id, o.assetId)))
    .where(and(...where))
    .orderBy(desc(o.createdAt), o.id)
    .limit(filter.limit);
  return rows.map((row) => ({ ...row, assetKind: colocationAssetKind.parse(row.assetKind) }));
}
