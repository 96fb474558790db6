/**
 * Loads the facts the indicators are computed from (packages/analysis/src/indicators): the
 * register in an area (the city, or one commune's polygon) and a plan version's items. Lengths
 * are measured on the ellipsoid (geography), in metres, and only the part inside the commune
 * counts; points count when inside, tower areas by their centroid.
 */
import type { PlanItemFact, PlannedSite, RegisterFacts } from '@hatang/analysis';
import { phaseEndYear } from '@hatang/analysis';
import { planItemStatus, planPhase } from '@hatang/contracts';
import { orm, type Sql } from '@hatang/db';
import {
  adminUnits,
  cableRoutes,
  dataCentres,
  ducts,
  keySites,
  landingStations,
  planItems,
  streetDevices,
  streets,
  submarineCables,
  tenancies,
  towers,
  trenchesTunnels,
  wifiPoints,
} from '@hatang/db/schema';
import { and, asc, count, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** An area to measure in: null = the whole register; otherwise an admin unit code. */
export type AreaCode = string | null;

/** The register's tables of lines the indicators measure. */
type LineTable = typeof cableRoutes | typeof ducts | typeof trenchesTunnels | typeof submarineCables;

/** The area's polygon (evaluated once per query). */
const areaGeom = (area: string) =>
  sql`(SELECT ${adminUnits.geom} FROM ${adminUnits} WHERE ${adminUnits.code} = ${area})`;

/** Length of `geom` in metres (on the ellipsoid), only the part inside the area when there is one. */
const lengthIn = (area: AreaCode, geom: AnyPgColumn): SQL<number> =>
  (area
    ? sql`coalesce(sum(ST_Length(ST_Intersection(${geom}, ${areaGeom(area)})::geography)), 0)`
    : sql`coalesce(sum(ST_Length(${geom}::geography)), 0)`
  ).mapWith(Number);

/** Existing assets (whose `geom` meets the area, when there is one). */
const existingIn = (area: AreaCode, table: { status: AnyPgColumn; geom: AnyPgColumn }) =>
  and(eq(table.status, 'existing'), area ? sql`ST_Intersects(${areaGeom(area)}, ${table.geom})` : undefined);

/** The register's existing assets in the area, as the indicators need them. */
export async function loadRegisterFacts(db: Sql, area: AreaCode): Promise<RegisterFacts> {
  const cables = await orm(db)
    .select({ placement: cableRoutes.placement, lengthM: lengthIn(area, cableRoutes.geom) })
    .from(cableRoutes)
    .where(existingIn(area, cableRoutes))
    .groupBy(cableRoutes.placement);
  const lengthOf = async (table: LineTable) => {
    const [row] = await orm(db)
      .select({ lengthM: lengthIn(area, table.geom) })
      .from(table)
      .where(existingIn(area, table));
    return row?.lengthM ?? 0;
  };
  // Tenants per existing tower, as a histogram (thousands of towers, a handful of rows).
  const perTower = orm(db)
    .select({ towerId: tenancies.towerId, n: count().as('n') })
    .from(tenancies)
    .groupBy(tenancies.towerId)
    .as('per_tower');
  const tenantCount = sql<number>`coalesce(${perTower.n}, 0)`.mapWith(Number);
  const tenants = await orm(db)
    .select({ tenants: tenantCount, towers: count() })
    .from(towers)
    .leftJoin(perTower, eq(perTower.towerId, towers.id))
    .where(existingIn(area, towers))
    .groupBy(tenantCount)
    .orderBy(tenantCount);
  const [landing] = await orm(db)
    .select({ n: count() })
    .from(landingStations)
    .where(existingIn(area, landingStations));
  const wifi = await orm(db)
    .select({ siteType: wifiPoints.siteType, n: count() })
    .from(wifiPoints)
    .where(existingIn(area, wifiPoints))
    .groupBy(wifiPoints.siteType);
  const [centres] = await orm(db)
    .select({
      total: count(),
      green: sql<number>`count(*) FILTER (WHERE ${dataCentres.greenCertification} <> 'none')`.mapWith(Number),
    })
    .from(dataCentres)
    .where(existingIn(area, dataCentres));
  const byPlacement = new Map(cables.map((r) => [r.placement, r.lengthM]));
  return {
    cableLengthM: {
      aerial: byPlacement.get('aerial') ?? 0,
      underground: byPlacement.get('underground') ?? 0,
      submarine: byPlacement.get('submarine') ?? 0,
    },
    ductLengthM: await lengthOf(ducts),
    trenchTunnelLengthM: await lengthOf(trenchesTunnels),
    submarineCableLengthM: await lengthOf(submarineCables),
    towerTenants: tenants.flatMap((r) => Array<number>(r.towers).fill(r.tenants)),
    landingStations: landing?.n ?? 0,
    wifiPointsBySiteType: Object.fromEntries(wifi.map((r) => [r.siteType, r.n])),
    dataCentres: { total: centres?.total ?? 0, green: centres?.green ?? 0 },
    mainStreetCameraM: await mainStreetCameraCoverage(db, area),
  };
}

/** Street classes that count as the plan's main streets ("tuyến đường, tuyến phố chính"). */
const MAIN_STREET_CLASSES = ['primary', 'secondary'];

/**
 * The length of the main streets in the area, and of the part within the view range of an existing
 * surveillance camera (a disc of `view_range_m` around it, on the ellipsoid), metres. Each street
 * is cut by the union of the cameras near it only (index probe within 0.01°, about 1 km, the
 * largest view range).
 */
async function mainStreetCameraCoverage(
  db: Sql,
  area: AreaCode,
): Promise<{ total: number; covered: number }> {
  const street = area ? sql`ST_Intersection(${streets.geom}, ${areaGeom(area)})` : sql`${streets.geom}`;
  const seen = sql`(SELECT ST_Union(ST_Buffer(${streetDevices.geom}::geography, ${streetDevices.viewRangeM})::geometry)
      FROM ${streetDevices}
      WHERE ${streetDevices.deviceType} = 'surveillance_camera' AND ${streetDevices.status} = 'existing'
        AND ST_DWithin(${streetDevices.geom}, ${streets.geom}, 0.01)
        AND ST_DWithin(${streetDevices.geom}::geography, ${streets.geom}::geography, ${streetDevices.viewRangeM}))`;
  const [row] = await orm(db)
    .select({
      total: sql<number>`coalesce(sum(ST_Length(${street}::geography)), 0)`.mapWith(Number),
      // A street no camera sees has no union (NULL): sum() skips it.
      covered:
        sql<number>`coalesce(sum(ST_Length(ST_Intersection(${street}, ${seen})::geography)), 0)`.mapWith(
          Number,
        ),
    })
    .from(streets)
    .where(
      and(
        inArray(streets.streetClass, MAIN_STREET_CLASSES),
        area ? sql`ST_Intersects(${areaGeom(area)}, ${streets.geom})` : undefined,
      ),
    );
  return { total: row?.total ?? 0, covered: row?.covered ?? 0 };
}

const isLine = sql`GeometryType(${planItems.geom}) = 'LINESTRING'`;

/**
 * The version's own items in the area (items a baseline copied from the register are the
 * register already and are left out). Lines: their length inside the area, metres.
 */
export async function loadItemFacts(db: Sql, versionId: string, area: AreaCode): Promise<PlanItemFact[]> {
  const lengthM = (
    area
      ? sql`CASE WHEN ${isLine} THEN ST_Length(ST_Intersection(${planItems.geom}, ${areaGeom(area)})::geography) ELSE 0 END`
      : sql`CASE WHEN ${isLine} THEN ST_Length(${planItems.geom}::geography) ELSE 0 END`
  ).mapWith(Number);
  // Points and lines where they meet the area; tower areas (polygons) by their centroid.
  const inside = area
    ? sql`ST_Intersects(${areaGeom(area)}, CASE WHEN GeometryType(${planItems.geom}) = 'POLYGON' THEN ST_Centroid(${planItems.geom}) ELSE ${planItems.geom} END)`
    : undefined;
  const rows = await orm(db)
    .select({
      kind: planItems.kind,
      phase: planItems.phase,
      status: planItems.status,
      attributes: planItems.attributes,
      lengthM,
    })
    .from(planItems)
    .where(and(eq(planItems.planVersionId, versionId), isNull(planItems.sourceId), inside))
    .orderBy(asc(planItems.id));
  return rows.map((r) => ({
    kind: r.kind,
    phase: planPhase.nullable().parse(r.phase),
    status: planItemStatus.parse(r.status),
    attributes: r.attributes as Record<string, unknown>,
    lengthM: r.lengthM,
    fromRegister: false,
  }));
}

/**
 * The version's new antenna sites anywhere (a site outside a commune still covers its edge):
 * tower sites, and tower areas by their centroid at the area's maximum height.
 */
export async function loadPlannedSites(db: Sql, versionId: string): Promise<PlannedSite[]> {
  const rows = await orm(db)
    .select({
      id: planItems.id,
      lng: sql<number>`ST_X(ST_Centroid(${planItems.geom}))`.mapWith(Number),
      lat: sql<number>`ST_Y(ST_Centroid(${planItems.geom}))`.mapWith(Number),
      phase: planItems.phase,
      heightM: sql<
        number | null
      >`(CASE ${planItems.kind} WHEN 'tower_area' THEN ${planItems.attributes}->>'maxHeightM' ELSE ${planItems.attributes}->>'heightM' END)::float8`,
    })
    .from(planItems)
    .where(
      and(
        eq(planItems.planVersionId, versionId),
        isNull(planItems.sourceId),
        ne(planItems.status, 'cancelled'),
        inArray(planItems.kind, ['tower_site', 'tower_area']),
      ),
    )
    .orderBy(asc(planItems.id));
  return rows.map((r) => ({
    id: r.id,
    lng: r.lng,
    lat: r.lat,
    heightM: r.heightM === null ? null : Number(r.heightM),
    fromYear: phaseEndYear(planPhase.nullable().parse(r.phase)),
  }));
}

/**
 * A cheap fingerprint of the register tables the non-coverage indicators read (and the key sites
 * register): a cached answer is valid while it is unchanged.
 */
export async function readRegisterVersion(db: Sql): Promise<string> {
  const tables = [
    cableRoutes,
    ducts,
    trenchesTunnels,
    submarineCables,
    landingStations,
    wifiPoints,
    dataCentres,
    streetDevices,
    keySites,
  ];
  const parts = tables.map(
    (t) =>
      sql`(SELECT count(*) || ':' || coalesce(max(${t.updatedAt})::text, '') || ':' || coalesce(sum(${t.version}), 0) FROM ${t})`,
  );
  const rows = await orm(db).execute(sql`SELECT ${sql.join(parts, sql` || '/' || `)} AS key`);
  return String(rows[0]?.key ?? '');
}
