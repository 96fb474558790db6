/**
 * Column types the schema shares, each normalised once here: timestamps as ISO 8601 strings,
 * calendar dates as `YYYY-MM-DD`, PostGIS geometries typed by kind (WGS 84, EPSG:4326), bytes.
 * Their `dataType` is exactly what PostgreSQL's `format_type` prints, so the schema-drift test can
 * compare them with a migrated database.
 */

import { type SQL, sql } from 'drizzle-orm';
import { customType } from 'drizzle-orm/pg-core';
import type { Geometry, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';

/** `timestamptz`, read as an ISO 8601 string in UTC (`2026-12-07T02:33:27.000Z`). */
export const timestamptz = customType<{ data: string; driverData: Date | string }>({
  dataType: () => 'timestamp with time zone',
  toDriver: (value) => value,
  fromDriver: (value) => new Date(value).toISOString(),
});

/** `date`, read as `YYYY-MM-DD` (the drivers give midnight UTC or the text). */
export const calendarDate = customType<{ data: string; driverData: Date | string }>({
  dataType: () => 'date',
  toDriver: (value) => value,
  fromDriver: (value) => (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10)),
});

/** `bytea`, as bytes. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/**
 * A geometry column of one kind in WGS 84. Written from GeoJSON (`ST_GeomFromGeoJSON`); read it
 * with `geoJson(column)`, since the drivers hand back the binary form, which this layer refuses to
 * pass off as GeoJSON.
 */
function geometryOf<G extends Geometry>(kind: string) {
  const dataType = kind === 'Geometry' ? 'geometry(Geometry,4326)' : `geometry(${kind},4326)`;
  return customType<{ data: G; driverData: string | SQL }>({
    dataType: () => dataType,
    toDriver: (value): SQL => sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(value)}), 4326)`,
    fromDriver: () => {
      throw new Error(`Select a ${dataType} column with geoJson(column), not as it is stored`);
    },
  });
}

export const geometryPoint = geometryOf<Point>('Point');
export const geometryLineString = geometryOf<LineString>('LineString');
export const geometryMultiLineString = geometryOf<MultiLineString>('MultiLineString');
export const geometryPolygon = geometryOf<Polygon>('Polygon');
export const geometryMultiPolygon = geometryOf<MultiPolygon>('MultiPolygon');
export const geometryGeometry = geometryOf<Geometry>('Geometry');
