/**
 * The OGC collections' features: the asset layers and streets through the REST API's feature
 * queries (sql/feature-sql.ts), the administrative units with drizzle.
 */
import type { OgcFeature, ResourceDefinition } from '@hatang/contracts';
import { type Database, geoJson, orm } from '@hatang/db';
import { adminUnits } from '@hatang/db/schema';
import { and, asc, type Column, count, eq, type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import { redactFeature } from '../../policy/confidentiality.js';
import { columnOf, type FeatureRow, featureSelect, toFeature } from '../assets/sql/feature-sql.js';
import { findFeature } from '../assets/sql/feature-store.js';
import type { OgcCollection } from './ogc-collections.js';

export interface ItemsQuery {
  /** WGS 84 [minLng, minLat, maxLng, maxLat]. */
  bbox?: [number, number, number, number] | undefined;
  limit: number;
  offset: number;
}

type Page = { features: OgcFeature[]; numberMatched: number };

/** An administrative unit's properties, in the order the OGC API has always listed them. */
const adminUnit = {
  id: adminUnits.code,
  geometry: geoJson(adminUnits.geom, 7),
  code: adminUnits.code,
  name: adminUnits.name,
  unitType: adminUnits.unitType,
  formerDistrict: adminUnits.formerDistrict,
  areaKm2: adminUnits.areaKm2,
  population: adminUnits.population,
};

const asFeature = (row: FeatureRow): OgcFeature => toFeature(row) as OgcFeature;

/** `geom` in the WGS 84 bbox (the index test, then the exact one); no condition without a bbox. */
function inBBox(geom: Column, bbox: ItemsQuery['bbox']): SQL | undefined {
  if (!bbox) return undefined;
  const [w, s, e, n] = bbox;
  const envelope = sql`ST_MakeEnvelope(${w}::float8, ${s}::float8, ${e}::float8, ${n}::float8, 4326)`;
  return and(sql`${geom} && ${envelope}`, sql`ST_Intersects(${geom}, ${envelope})`);
}

async function adminUnitPage(db: Database, query: ItemsQuery): Promise<Page> {
  const where = inBBox(adminUnits.geom, query.bbox);
  const [rows, counted] = await Promise.all([
    orm(db)
      .select(adminUnit)
      .from(adminUnits)
      .where(where)
      .orderBy(asc(adminUnits.code))
      .limit(query.limit)
      .offset(query.offset),
    orm(db).select({ n: count() }).from(adminUnits).where(where),
  ]);
  return { features: rows.map(asFeature), numberMatched: counted[0]?.n ?? 0 };
}

async function resourcePage(
  db: Database,
  definition: ResourceDefinition,
  query: ItemsQuery,
  principal: Principal | undefined,
): Promise<Page> {
  const { table, fields } = featureSelect(definition);
  const where = inBBox(columnOf(table, 'geom'), query.bbox);
  const [rows, counted] = await Promise.all([
    orm(db)
      .select(fields)
      .from(table)
      .where(where)
      .orderBy(asc(columnOf(table, 'id')))
      .limit(query.limit)
      .offset(query.offset),
    orm(db).select({ n: count() }).from(table).where(where),
  ]);
  return {
    features: rows.map((row) => redactFeature(definition.path, asFeature(row), principal)),
    numberMatched: counted[0]?.n ?? 0,
  };
}

/**
 * One page of a collection, ordered by id (stable paging with offset), each feature redacted to
 * what `principal` may see; `numberMatched` counts every feature the filters match.
 */
export const queryItems = (
  db: Database,
  collection: OgcCollection,
  query: ItemsQuery,
  principal: Principal | undefined,
): Promise<Page> =>
  collection.definition
    ? resourcePage(db, collection.definition, query, principal)
    : adminUnitPage(db, query);

/** One feature by id, redacted; undefined when there is none. */
export async function findItem(
  db: Database,
  collection: OgcCollection,
  id: string,
  principal: Principal | undefined,
): Promise<OgcFeature | undefined> {
  if (collection.definition) {
    const feature = await findFeature(db, collection.definition, id);
    return feature ? redactFeature(collection.definition.path, feature as OgcFeature, principal) : undefined;
  }
  const [row] = await orm(db).select(adminUnit).from(adminUnits).where(eq(adminUnits.code, id));
  return row && asFeature(row);
}
