/** The city context's reads: organisations, administrative units, population cells. */
import { type Database, geoJson, orm, type Sql } from '@hatang/db';
import { adminUnits, organisations, populationCells } from '@hatang/db/schema';
import { asc, eq, sql } from 'drizzle-orm';

const organisation = {
  id: organisations.id,
  code: organisations.code,
  name: organisations.name,
  kind: organisations.kind,
  adminUnitCode: organisations.adminUnitCode,
  planAgency: organisations.planAgency,
};

export const listOrganisations = (db: Sql) =>
  orm(db).select(organisation).from(organisations).orderBy(asc(organisations.code));

export async function findOrganisation(db: Sql, id: string) {
  const [row] = await orm(db).select(organisation).from(organisations).where(eq(organisations.id, id));
  return row;
}

const adminUnit = {
  code: adminUnits.code,
  name: adminUnits.name,
  unitType: adminUnits.unitType,
  formerDistrict: adminUnits.formerDistrict,
  areaKm2: adminUnits.areaKm2,
  population: adminUnits.population,
  labelPoint: geoJson(adminUnits.labelPoint, 6),
  geometry: geoJson(adminUnits.geom, 6),
};
type AdminUnitRow = Awaited<ReturnType<typeof listAdminUnitRows>>[number];

const listAdminUnitRows = (db: Sql) =>
  orm(db).select(adminUnit).from(adminUnits).orderBy(asc(adminUnits.code));

export const adminUnitFeature = <R extends AdminUnitRow>({ geometry, ...properties }: R) => ({
  type: 'Feature' as const,
  id: properties.code,
  geometry,
  properties,
});

export const listAdminUnits = async (db: Sql) => (await listAdminUnitRows(db)).map(adminUnitFeature);

/** One unit, with the people of its 100 m grid cells. */
export async function findAdminUnit(db: Sql, code: string) {
  const [row] = await orm(db)
    .select({
      ...adminUnit,
      gridPopulation:
        sql<number>`(SELECT coalesce(sum(${populationCells.population}), 0)::int FROM ${populationCells}
        WHERE ${populationCells.adminUnitCode} = ${adminUnits.code})`.mapWith(Number),
    })
    .from(adminUnits)
    .where(eq(adminUnits.code, code));
  return row && adminUnitFeature(row);
}

/**
 * What the unit list depends on, from one cheap read: the row count and the newest row version
 * (any insert or update gives its row a new xmin; a delete changes the count).
 */
export async function adminUnitsVersion(db: Database): Promise<string> {
  const [row] = await orm(db)
    .select({
      version: sql<string>`count(*)::text || '-' || coalesce(max(xmin::text::bigint), 0)::text`,
    })
    .from(adminUnits);
  return row?.version ?? '0';
}

/** People and 100 m cells whose centre lies in the bbox (west, south, east, north; degrees). */
export async function populationIn(
  db: Sql,
  [west, south, east, north]: readonly [number, number, number, number],
) {
  const [row] = await orm(db)
    .select({
      populationCount: sql<number>`coalesce(sum(${populationCells.population}), 0)::int`.mapWith(Number),
      cellCount: sql<number>`count(*)::int`.mapWith(Number),
    })
    .from(populationCells)
    .where(sql`${populationCells.geom} && ST_MakeEnvelope(${west}, ${south}, ${east}, ${north}, 4326)`);
  return row ?? { populationCount: 0, cellCount: 0 };
}
