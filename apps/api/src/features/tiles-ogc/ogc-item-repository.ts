import type { OgcFeature } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import type { Principal } from '../../auth/principal.js';
import { redactFeature } from '../../policy/confidentiality.js';
import { type FeatureRow, selectFeatureSql, toFeature } from '../../sql/feature-sql.js';
import { findFeature } from '../../sql/feature-store.js';
import type { OgcCollection } from './ogc-collections.js';

export interface ItemsQuery {
  /** WGS 84 [minLng, minLat, maxLng, maxLat]. */
  bbox?: [number, number, number, number] | undefined;
  limit: number;
  offset: number;
}

const ADMIN_UNITS_SQL = `SELECT a.code AS id, ST_AsGeoJSON(a.geom, 7)::json AS geometry, a.code, a.name,
  a.unit_type AS "unitType", a.former_district AS "formerDistrict", a.area_km2 AS "areaKm2", a.population
  FROM admin_units a`;

function tableOf(collection: OgcCollection) {
  return collection.definition
    ? {
        select: selectFeatureSql(collection.definition),
        from: `${collection.definition.table} r`,
        alias: 'r',
        key: 'r.id',
      }
    : { select: ADMIN_UNITS_SQL, from: 'admin_units a', alias: 'a', key: 'a.code' };
}

const redact = (collection: OgcCollection, feature: OgcFeature, principal: Principal | undefined) =>
  collection.definition ? redactFeature(collection.definition.path, feature, principal) : feature;

const asFeature = (row: FeatureRow): OgcFeature => toFeature(row) as OgcFeature;

/**
 * One page of a collection, ordered by id (stable paging with offset), each feature redacted to
 * what `principal` may see; `numberMatched` counts every feature the filters match.
 */
export async function queryItems(
  db: Database,
  collection: OgcCollection,
  query: ItemsQuery,
  principal: Principal | undefined,
): Promise<{ features: OgcFeature[]; numberMatched: number }> {
  const table = tableOf(collection);
  const params: unknown[] = [];
  let where = '';
  if (query.bbox) {
    params.push(...query.bbox);
    const envelope = 'ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326)';
    where = `WHERE ${table.alias}.geom && ${envelope} AND ST_Intersects(${table.alias}.geom, ${envelope})`;
  }
  const [rows, counted] = await Promise.all([
    db.query<FeatureRow>(
      `${table.select} ${where} ORDER BY ${table.key} LIMIT $${params.length + 1}::int OFFSET $${params.length + 2}::int`,
      [...params, query.limit, query.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table.from} ${where}`, params),
  ]);
  return {
    features: rows.map((row) => redact(collection, asFeature(row), principal)),
    numberMatched: counted[0]?.n ?? 0,
  };
}

/** One feature by id, redacted; undefined when there is none. */
export async function findItem(
  db: Database,
  collection: OgcCollection,
  id: string,
  principal: Principal | undefined,
): Promise<OgcFeature | undefined> {
  if (collection.definition) {
    const feature = await findFeature(db, collection.definition, id);
    return feature ? redact(collection, feature as OgcFeature, principal) : undefined;
  }
  const rows = await db.query<FeatureRow>(`${ADMIN_UNITS_SQL} WHERE a.code = $1`, [id]);
  return rows[0] ? asFeature(rows[0]) : undefined;
}
