import {
  type AdminUnitInput,
  CellGrid,
  type CoveragePolygonInput,
  type MultiPolygonCoordinates,
  type SiteOfferInput,
  type TowerInput,
} from '@hatang/analysis';
import { geoJson, orm, type Sql } from '@hatang/db';
import {
  adminUnits,
  coveragePolygons,
  organisations,
  planVersions,
  planZones,
  populationCells,
  siteOffers,
  tenancies,
  towers,
} from '@hatang/db/schema';
import { and, asc, eq, exists, inArray, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';

/**
 * What the coverage results depend on, as cheap aggregates: a result computed at one version is
 * valid until any part changes. `grid` and `polygons` force a rebuild; `towers` only a sync.
 */
export interface CoverageDataVersion {
  grid: string;
  polygons: string;
  towers: string;
  /** Restricted plan zones: only the candidate sites depend on them. */
  zones: string;
  /** Published tower-capable site offers: only the candidate sites depend on them. */
  offers: string;
}

export const versionKey = (v: CoverageDataVersion) =>
  `${v.grid}|${v.polygons}|${v.towers}|${v.zones}|${v.offers}`;

/** Site offers a new tower may use (Plan 317: communes arrange sites for stations). */
const isTowerOffer = and(eq(siteOffers.status, 'published'), inArray(siteOffers.purpose, ['tower', 'both']));

/** Restricted zones that keep new sites out: the global ones and those of approved plan versions. */
function isRestrictedZone(db: Sql) {
  const approvedVersion = orm(db)
    .select({ one: sql`1` })
    .from(planVersions)
    .where(and(eq(planVersions.id, planZones.planVersionId), eq(planVersions.kind, 'approved')));
  return and(eq(planZones.kind, 'restricted'), or(isNull(planZones.planVersionId), exists(approvedVersion)));
}

export async function readDataVersion(db: Sql): Promise<CoverageDataVersion> {
  const q = orm(db);
  const units = q
    .select({
      key: sql`count(*) || ':' || coalesce(sum(hashtext(${adminUnits.code} || ${adminUnits.unitType})), 0)`,
    })
    .from(adminUnits);
  const polygons = q
    .select({
      key: sql`count(*) || ':' || coalesce(max(${coveragePolygons.uploadedAt})::text, '') || ':'
        || coalesce(sum(hashtext(${coveragePolygons.id}::text || ${coveragePolygons.uploadedAt}::text)), 0)`,
    })
    .from(coveragePolygons);
  const zones = q
    .select({
      key: sql`count(*) || ':' || coalesce(sum(hashtext(${planZones.id}::text || ${planZones.version}::text)), 0)`,
    })
    .from(planZones)
    .where(isRestrictedZone(db));
  const offers = q
    .select({
      key: sql`count(*) || ':' || coalesce(sum(hashtext(${siteOffers.id}::text || ${siteOffers.version}::text)), 0)`,
    })
    .from(siteOffers)
    .where(isTowerOffer);
  const towerPart = q
    .select({
      key: sql`count(*) || ':' || coalesce(max(${towers.updatedAt})::text, '') || ':' || coalesce(sum(${towers.version}), 0)`,
    })
    .from(towers);
  const tenancyPart = q
    .select({
      key: sql`count(*) || ':' || coalesce(sum(hashtext(${tenancies.towerId}::text || ${tenancies.operatorOrgId}::text
        || ${tenancies.technologies}::text || ${tenancies.mountHeightM}::text)), 0)`,
    })
    .from(tenancies);
  // An aggregate over the population cells with no GROUP BY: exactly one row, even with no cells.
  const rows = await q
    .select({
      grid: sql`count(*) || ':' || coalesce(sum(${populationCells.population}), 0) || ':'
        || coalesce(max(${populationCells.id}), 0) || '/' || ${units}`.mapWith(String),
      polygons: sql`${polygons}`.mapWith(String),
      towers: sql`${towerPart} || '/' || ${tenancyPart}`.mapWith(String),
      zones: sql`${zones}`.mapWith(String),
      offers: sql`${offers}`.mapWith(String),
    })
    .from(populationCells);
  const row = rows[0];
  if (!row) throw new Error('no version row');
  return row;
}

export interface LoadedGrid {
  grid: CellGrid;
  names: Map<string, string>;
}

/** The population grid and admin units as the engine's columns (cells in id order). */
export async function loadGrid(db: Sql): Promise<LoadedGrid> {
  const units: AdminUnitInput[] = await orm(db)
    .select({ code: adminUnits.code, name: adminUnits.name, unitType: adminUnits.unitType })
    .from(adminUnits)
    .orderBy(asc(adminUnits.code));
  const unitIndex = new Map(units.map((u, i) => [u.code, i]));
  // One text row per 50k cells: far fewer round trips and row objects than one row per cell.
  const cells = orm(db)
    .select({
      id: populationCells.id,
      unitCode: populationCells.adminUnitCode,
      population: populationCells.population,
      geom: populationCells.geom,
      chunk: sql<number>`(row_number() OVER (ORDER BY ${populationCells.id}) - 1) / 50000`.as('chunk'),
    })
    .from(populationCells)
    .as('c');
  const chunks = await orm(db)
    .select({
      body: sql<
        string | null
      >`string_agg(${cells.unitCode} || ',' || ${cells.population} || ',' || ST_X(${cells.geom})
        || ',' || ST_Y(${cells.geom}), ';' ORDER BY ${cells.id})`,
    })
    .from(cells)
    .groupBy(cells.chunk)
    .orderBy(asc(cells.chunk));
  const lng: number[] = [];
  const lat: number[] = [];
  const population: number[] = [];
  const unit: number[] = [];
  for (const { body } of chunks) {
    if (!body) continue;
    for (const record of body.split(';')) {
      const [code, people, x, y] = record.split(',');
      const u = unitIndex.get(code ?? '');
      if (u === undefined) continue;
      unit.push(u);
      population.push(Number(people));
      lng.push(Number(x));
      lat.push(Number(y));
    }
  }
  const grid = new CellGrid({ lng, lat, population, unitIndex: unit }, units);
  return { grid, names: new Map(units.map((u) => [u.code, u.name ?? u.code])) };
}

/** A tower's tenancies as the subquery aggregates them. */
const tenancyList = z.array(
  z.object({ operatorId: z.string(), technologies: z.array(z.string()), mountHeightM: z.number() }),
);

/** Towers with the given statuses and their tenancies, as the engine's input. */
export async function loadTowers(db: Sql, statuses: readonly string[]): Promise<TowerInput[]> {
  const towerTenancies = orm(db)
    .select({
      list: sql`json_agg(json_build_object('operatorId', ${tenancies.operatorOrgId}, 'technologies',
        ${tenancies.technologies}, 'mountHeightM', ${tenancies.mountHeightM}))`,
    })
    .from(tenancies)
    .where(eq(tenancies.towerId, towers.id));
  const rows = await orm(db)
    .select({
      id: towers.id,
      lng: sql`ST_X(${towers.geom})`.mapWith(Number),
      lat: sql`ST_Y(${towers.geom})`.mapWith(Number),
      unitCode: towers.adminUnitCode,
      heightM: sql`${towers.heightM} + coalesce(${towers.buildingHeightM}, 0)`.mapWith(Number),
      tenantsMax: towers.tenantsMax,
      // As text, parsed here: the drivers do not agree on reading json.
      tenancies: sql`coalesce(${towerTenancies}::text, '[]')`.mapWith(String),
    })
    .from(towers)
    .where(inArray(towers.status, [...statuses]))
    .orderBy(asc(towers.id));
  return rows.map((r) => ({ ...r, tenancies: tenancyList.parse(JSON.parse(r.tenancies)) }));
}

/** Operators' uploaded coverage polygons. */
export async function loadPolygons(db: Sql): Promise<CoveragePolygonInput[]> {
  const rows = await orm(db)
    .select({
      operatorId: coveragePolygons.operatorOrgId,
      technology: coveragePolygons.technology,
      geometry: geoJson(coveragePolygons.geom),
    })
    .from(coveragePolygons)
    .orderBy(asc(coveragePolygons.operatorOrgId), asc(coveragePolygons.technology));
  return rows.map(({ geometry, ...r }) => ({ ...r, multiPolygon: geometry.coordinates }));
}

/** Restricted plan zones (global and approved) as MultiPolygon coordinates: no new site goes there. */
export async function loadRestrictedZones(db: Sql): Promise<MultiPolygonCoordinates[]> {
  const rows = await orm(db)
    .select({ geometry: geoJson(planZones.geom) })
    .from(planZones)
    .where(isRestrictedZone(db))
    .orderBy(asc(planZones.id));
  // Zones are polygons: as a MultiPolygon, the one polygon (what ST_Multi would give).
  return rows.map((r) => [r.geometry.coordinates]);
}

export interface OperatorInfo {
  id: string;
  code: string;
  name: string;
}

/** Operators: the given ids, or by default every organisation holding a tenancy or a polygon. */
export async function loadOperators(db: Sql, ids?: readonly string[]): Promise<OperatorInfo[]> {
  const q = orm(db);
  const holdsTenancy = q
    .select({ one: sql`1` })
    .from(tenancies)
    .where(eq(tenancies.operatorOrgId, organisations.id));
  const holdsPolygon = q
    .select({ one: sql`1` })
    .from(coveragePolygons)
    .where(eq(coveragePolygons.operatorOrgId, organisations.id));
  return q
    .select({ id: organisations.id, code: organisations.code, name: organisations.name })
    .from(organisations)
    .where(ids ? inArray(organisations.id, [...ids]) : or(exists(holdsTenancy), exists(holdsPolygon)))
    .orderBy(asc(organisations.code));
}

/**
 * Published site offers for towers as candidate positions: a point on the offer's surface and the
 * antenna height it allows — the max structure height, on top of the building for a roof (no
 * height given: the new-site default).
 */
export async function loadSiteOffers(db: Sql): Promise<SiteOfferInput[]> {
  const rows = await orm(db)
    .select({
      id: siteOffers.id,
      lng: sql`ST_X(ST_PointOnSurface(${siteOffers.geom}))`.mapWith(Number),
      lat: sql`ST_Y(ST_PointOnSurface(${siteOffers.geom}))`.mapWith(Number),
      unitCode: siteOffers.adminUnitCode,
      maxStructureHeightM: siteOffers.maxStructureHeightM,
      buildingHeightM: siteOffers.buildingHeightM,
    })
    .from(siteOffers)
    .where(isTowerOffer)
    .orderBy(asc(siteOffers.id));
  return rows.map(({ maxStructureHeightM, buildingHeightM, ...r }) => ({
    ...r,
    heightM: maxStructureHeightM === null ? null : maxStructureHeightM + (buildingHeightM ?? 0),
  }));
}
