import { TECHNOLOGIES, type Technology } from '@hatang/analysis';
import type { Sql } from '@hatang/db';

/** An operator's uploaded coverage polygon for one technology, as a GeoJSON Feature. */
export interface CoveragePolygonFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'MultiPolygon'; coordinates: unknown };
  properties: {
    operatorId: string;
    technology: Technology;
    source: string | null;
    uploadedAt: string;
    uploadedBy: string | null;
  };
}

export const isTechnology = (value: string): value is Technology =>
  (TECHNOLOGIES as readonly string[]).includes(value);

interface Row {
  id: string;
  operator_id: string;
  technology: Technology;
  source: string | null;
  uploaded_at: string;
  uploaded_by: string | null;
  geometry: string;
}

const SELECT = `SELECT id::text, operator_org_id::text AS operator_id, technology, source,
    to_char(uploaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS uploaded_at, uploaded_by,
    ST_AsGeoJSON(geom)::text AS geometry
  FROM coverage_polygons`;

const featureOf = (r: Row): CoveragePolygonFeature => ({
  type: 'Feature',
  id: r.id,
  geometry: JSON.parse(r.geometry) as CoveragePolygonFeature['geometry'],
  properties: {
    operatorId: r.operator_id,
    technology: r.technology,
    source: r.source,
    uploadedAt: r.uploaded_at,
    uploadedBy: r.uploaded_by,
  },
});

export async function listCoveragePolygons(sql: Sql): Promise<CoveragePolygonFeature[]> {
  const rows = await sql.query<Row>(`${SELECT} ORDER BY operator_org_id, technology`);
  return rows.map(featureOf);
}

export async function findCoveragePolygon(
  sql: Sql,
  operatorId: string,
  technology: Technology,
  lock = false,
): Promise<CoveragePolygonFeature | undefined> {
  const rows = await sql.query<Row>(
    `${SELECT} WHERE operator_org_id = $1 AND technology = $2${lock ? ' FOR UPDATE' : ''}`,
    [operatorId, technology],
  );
  return rows[0] ? featureOf(rows[0]) : undefined;
}

/** Inserts or replaces the operator × technology polygon (a Polygon is stored as a MultiPolygon). */
export async function saveCoveragePolygon(
  sql: Sql,
  operatorId: string,
  technology: Technology,
  geometry: unknown,
  source: string | null,
  uploadedBy: string | null,
): Promise<CoveragePolygonFeature> {
  await sql.query(
    `INSERT INTO coverage_polygons (id, operator_org_id, technology, source, geom, uploaded_by)
     VALUES ($1, $2, $3, $4, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($5), 4326)), $6)
     ON CONFLICT (operator_org_id, technology) DO UPDATE
       SET source = excluded.source, geom = excluded.geom, uploaded_by = excluded.uploaded_by,
           uploaded_at = clock_timestamp()`,
    [crypto.randomUUID(), operatorId, technology, source, JSON.stringify(geometry), uploadedBy],
  );
  const saved = await findCoveragePolygon(sql, operatorId, technology);
  if (!saved) throw new Error('coverage polygon not saved');
  return saved;
}

export async function deleteCoveragePolygon(sql: Sql, id: string): Promise<void> {
  await sql.query('DELETE FROM coverage_polygons WHERE id = $1', [id]);
}
