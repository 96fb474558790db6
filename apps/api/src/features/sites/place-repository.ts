/**
 * Where sites lie: the feature's reads of administrative units and organisations, and the
 * PostGIS expressions its repositories share (a GeoJSON geometry in, a stored one out, a bbox).
 */
import {
  type BBox,
  type KeySiteGeometry,
  keySiteGeometryOutput,
  siteGeometryOutput,
} from '@hatang/contracts';
import { geoJson, orm, type Sql } from '@hatang/db';
import { adminUnits, type keySites, organisations, type siteOffers } from '@hatang/db/schema';
import { asc, type Column, eq, inArray, type SQL, sql } from 'drizzle-orm';

/** A GeoJSON site geometry as a 2D WGS 84 geometry (what is written). */
export const asGeometry = (geometry: KeySiteGeometry): SQL =>
  sql`ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326))`;

/**
 * An offer's stored geometry as GeoJSON, 7 decimals (~1 cm). Only Points and Polygons are ever
 * written (parseSiteGeometry), and the answer is checked against the contract's schema as read.
 */
export const siteGeometryOf = (column: typeof siteOffers.geom) =>
  geoJson(column, 7).mapWith((value: unknown) =>
    siteGeometryOutput.parse(typeof value === 'string' ? JSON.parse(value) : value),
  );

/** A key site's stored geometry as GeoJSON (corridors are lines: parseKeySiteGeometry), checked as read. */
export const keySiteGeometryOf = (column: typeof keySites.geom) =>
  geoJson(column, 7).mapWith((value: unknown) =>
    keySiteGeometryOutput.parse(typeof value === 'string' ? JSON.parse(value) : value),
  );

/** `column && envelope` of a bbox (west, south, east, north; degrees). */
export const inBbox = (column: Column, [west, south, east, north]: BBox): SQL =>
  sql`${column} && ST_MakeEnvelope(${west}, ${south}, ${east}, ${north}, 4326)`;

/**
 * The admin unit a site lies in: the unit containing a point on its surface (a polygon's
 * centroid may fall outside it), or null outside every unit.
 */
export async function unitOfGeometry(db: Sql, geometry: KeySiteGeometry): Promise<string | null> {
  const [row] = await orm(db)
    .select({ code: adminUnits.code })
    .from(adminUnits)
    .where(sql`ST_Intersects(${adminUnits.geom}, ST_PointOnSurface(${asGeometry(geometry)}))`)
    .orderBy(asc(adminUnits.code))
    .limit(1);
  return row?.code ?? null;
}

export async function adminUnitExists(db: Sql, code: string): Promise<boolean> {
  const rows = await orm(db)
    .select({ code: adminUnits.code })
    .from(adminUnits)
    .where(eq(adminUnits.code, code));
  return rows.length > 0;
}

export async function organisationExists(db: Sql, id: string): Promise<boolean> {
  const rows = await orm(db)
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, id));
  return rows.length > 0;
}

/** The units among `codes` that exist, with their names. */
export async function adminUnitsNamed(db: Sql, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return orm(db)
    .select({ code: adminUnits.code, name: adminUnits.name })
    .from(adminUnits)
    .where(inArray(adminUnits.code, [...codes]));
}

/** Whether the unit `code` covers the whole geometry, and whether it touches it at all. */
export async function unitCovers(db: Sql, code: string, geometry: KeySiteGeometry) {
  const place = asGeometry(geometry);
  const [row] = await orm(db)
    .select({
      inside: sql<boolean>`COALESCE(bool_or(ST_Covers(${adminUnits.geom}, ${place})), false)`,
      touches: sql<boolean>`COALESCE(bool_or(ST_Intersects(${adminUnits.geom}, ${place})), false)`,
    })
    .from(adminUnits)
    .where(eq(adminUnits.code, code));
  return { inside: row?.inside === true, touches: row?.touches === true };
}
