/** Loads towers, units and plan items for the tower-sharing finders. */
import type { AdminUnitType, SharingTower } from '@hatang/analysis';
import { orm, type Sql } from '@hatang/db';
import { adminUnits, organisations, planItems, planVersions, tenancies, towers } from '@hatang/db/schema';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

export interface LoadedTower extends SharingTower {
  code: string;
}

/**
 * Standing towers (existing, or also under construction) with their tenancy counts. The unit is
 * the tower's `admin_unit_code`, else the unit containing it.
 */
export async function loadSharingTowers(
  db: Sql,
  statuses: readonly string[] = ['existing'],
  /** Only towers in `[minLng, minLat, maxLng, maxLat]` (a nearby query needs a few hundred metres). */
  bbox?: readonly [number, number, number, number],
): Promise<LoadedTower[]> {
  const q = orm(db);
  const tenancy = q
    .select({
      towerId: tenancies.towerId,
      count: sql<number>`count(*)::int`.as('tenant_count'),
      antennas: sql<number>`sum(${tenancies.antennaCount})::int`.as('antennas_used'),
      operatorIds: sql<string>`string_agg(${tenancies.operatorOrgId}::text, ',')`.as('tenant_ids'),
    })
    .from(tenancies)
    .groupBy(tenancies.towerId)
    .as('n');
  const named = alias(adminUnits, 'k');
  const containing = q
    .select({ code: adminUnits.code, unitType: adminUnits.unitType })
    .from(adminUnits)
    .where(and(isNull(towers.adminUnitCode), sql`ST_Intersects(${adminUnits.geom}, ${towers.geom})`))
    .orderBy(asc(adminUnits.code))
    .limit(1)
    .as('c');
  const rows = await q
    .select({
      id: towers.id,
      code: towers.code,
      ownerOrgId: towers.ownerOrgId,
      lng: sql<number>`ST_X(${towers.geom})`.mapWith(Number),
      lat: sql<number>`ST_Y(${towers.geom})`.mapWith(Number),
      heightM: sql<number>`${towers.heightM} + coalesce(${towers.buildingHeightM}, 0)`.mapWith(Number),
      tenantsMax: towers.tenantsMax,
      antennaSlotsTotal: towers.antennaSlotsTotal,
      tenantCount: sql<number>`coalesce(${tenancy.count}, 0)`.mapWith(Number),
      antennaSlotsUsed: sql<number>`coalesce(${tenancy.antennas}, 0)`.mapWith(Number),
      operatorIds: sql<string>`coalesce(${tenancy.operatorIds}, '')`,
      unitCode: sql<string | null>`coalesce(${named.code}, ${containing.code})`,
      unitType: sql<AdminUnitType | null>`coalesce(${named.unitType}, ${containing.unitType})`,
    })
    .from(towers)
    .leftJoin(tenancy, eq(tenancy.towerId, towers.id))
    .leftJoin(named, eq(named.code, towers.adminUnitCode))
    .leftJoinLateral(containing, sql`true`)
    .where(
      and(
        inArray(towers.status, [...statuses]),
        bbox
          ? sql`${towers.geom} && ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326)`
          : undefined,
      ),
    )
    .orderBy(asc(towers.id));
  return rows.map(({ lng, lat, operatorIds, ...r }) => ({
    ...r,
    position: [lng, lat],
    tenantOperatorIds: operatorIds ? operatorIds.split(',') : [],
  }));
}

export interface UnitAt {
  code: string;
  name: string;
  unitType: AdminUnitType;
}

/** The admin unit containing `[lng, lat]`, or null (at sea, outside the city). */
export async function unitAt(db: Sql, position: [number, number]): Promise<UnitAt | null> {
  const [row] = await orm(db)
    .select({ code: adminUnits.code, name: adminUnits.name, unitType: adminUnits.unitType })
    .from(adminUnits)
    .where(
      sql`ST_Intersects(${adminUnits.geom}, ST_SetSRID(ST_MakePoint(${position[0]}, ${position[1]}), 4326))`,
    )
    .orderBy(asc(adminUnits.code))
    .limit(1);
  return row ?? null;
}

export interface PlanTowerSite {
  kind: string;
  versionKind: 'baseline' | 'draft' | 'approved' | 'superseded';
  position: [number, number] | null;
  heightM: number | null;
}

/** A plan item's kind, version kind, point and planned height (metres), or undefined. */
export async function loadPlanItem(db: Sql, id: string): Promise<PlanTowerSite | undefined> {
  const isPoint = sql`GeometryType(${planItems.geom}) = 'POINT'`;
  const [row] = await orm(db)
    .select({
      kind: planItems.kind,
      versionKind: planVersions.kind,
      lng: sql<number | null>`CASE WHEN ${isPoint} THEN ST_X(${planItems.geom}) END`,
      lat: sql<number | null>`CASE WHEN ${isPoint} THEN ST_Y(${planItems.geom}) END`,
      height: sql<string | null>`${planItems.attributes}->>'heightM'`,
    })
    .from(planItems)
    .innerJoin(planVersions, eq(planVersions.id, planItems.planVersionId))
    .where(eq(planItems.id, id));
  if (!row) return undefined;
  return {
    kind: row.kind,
    // The table's CHECK constraint holds these four kinds only.
    versionKind: row.versionKind as PlanTowerSite['versionKind'],
    position: row.lng === null || row.lat === null ? null : [Number(row.lng), Number(row.lat)],
    heightM: row.height === null ? null : Number(row.height),
  };
}

/** Organisation codes and names by id (for labelling owners in answers). */
export async function loadOrganisations(db: Sql): Promise<Map<string, { code: string; name: string }>> {
  const rows = await orm(db)
    .select({ id: organisations.id, code: organisations.code, name: organisations.name })
    .from(organisations);
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}
