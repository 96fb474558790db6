import type { BBox, SiteGeometry } from '@hatang/contracts';
import type { Sql } from '@hatang/db';

/** ISO 8601 UTC text of a timestamptz column. */
export const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A GeoJSON parameter as a 2D WGS 84 geometry. */
export const geometrySql = (param: string) => `ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${param}), 4326))`;

/** `AND geom && envelope` for a bbox, with its parameters appended to `params`. */
export function bboxFilter(column: string, bbox: BBox | undefined, params: unknown[]): string {
  if (!bbox) return '';
  params.push(...bbox);
  const n = params.length;
  return ` AND ${column} && ST_MakeEnvelope($${n - 3}, $${n - 2}, $${n - 1}, $${n}, 4326)`;
}

/**
 * The admin unit a site lies in: the unit containing a point on its surface (a polygon's
 * centroid may fall outside it), or null outside every unit.
 */
export async function unitOfGeometry(sql: Sql, geometry: SiteGeometry): Promise<string | null> {
  const rows = await sql.query<{ code: string }>(
    `SELECT code FROM admin_units WHERE ST_Intersects(geom, ST_PointOnSurface(${geometrySql('$1')}))
     ORDER BY code LIMIT 1`,
    [JSON.stringify(geometry)],
  );
  return rows[0]?.code ?? null;
}
