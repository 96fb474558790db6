/**
 * What a print map shows, read from the database for one view box (WGS 84): commune boundaries,
 * the register's main assets (faint context), the plan zones and the version's items. Lines and
 * boundaries are simplified in SQL to what the scale can show (about 0.1 mm on paper).
 */
import { readFile } from 'node:fs/promises';
import type { Geometry, PlanItemKind, PlanZoneKind } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import { BASEMAP_LAND_FILE } from '../land.js';

/** [minLng, minLat, maxLng, maxLat] */
export type LngLatBox = [number, number, number, number];

/** The box data/basemap-land.geojson was clipped to: outside it the map knows no land or sea. */
export const BASEMAP_BOX: LngLatBox = [105.9, 20.0, 107.8, 21.3];

/**
 * The city's extent for a whole-city map: the admin units inside the region the basemap covers
 * (Hai Phong). Units elsewhere (none in production) are not part of the city's map.
 */
export async function cityExtent(
  sql: Sql,
  excludeNames: readonly string[] = [],
): Promise<LngLatBox | undefined> {
  const rows = await sql.query<{ minX: number | null; minY: number; maxX: number; maxY: number }>(
    `SELECT ST_XMin(e) AS "minX", ST_YMin(e) AS "minY", ST_XMax(e) AS "maxX", ST_YMax(e) AS "maxY"
     FROM (SELECT ST_Extent(geom)::geometry AS e FROM admin_units
           WHERE ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4326)) AND NOT (name = ANY($5::text[]))) x`,
    [...BASEMAP_BOX, `{${excludeNames.map((n) => `"${n.replaceAll('"', '')}"`).join(',')}}`],
  );
  const r = rows[0];
  return r && r.minX !== null ? [Number(r.minX), Number(r.minY), Number(r.maxX), Number(r.maxY)] : undefined;
}

export async function communeExtent(sql: Sql, code: string): Promise<LngLatBox | undefined> {
  const rows = await sql.query<{ minX: number; minY: number; maxX: number; maxY: number }>(
    `SELECT ST_XMin(geom) AS "minX", ST_YMin(geom) AS "minY", ST_XMax(geom) AS "maxX", ST_YMax(geom) AS "maxY"
     FROM admin_units WHERE code = $1`,
    [code],
  );
  const r = rows[0];
  return r ? [Number(r.minX), Number(r.minY), Number(r.maxX), Number(r.maxY)] : undefined;
}

export interface MapUnit {
  code: string;
  name: string;
  geometry: Geometry;
  label: [number, number];
}
export interface MapItem {
  kind: PlanItemKind;
  name: string | null;
  attributes: Record<string, unknown>;
  geometry: Geometry;
}
export interface MapZone {
  kind: PlanZoneKind;
  name: string;
  geometry: Geometry;
}
export interface RegisterLayers {
  towers: [number, number][];
  lines: Geometry[];
  submarine: Geometry[];
  landingStations: [number, number][];
}

export interface MapData {
  units: MapUnit[];
  register: RegisterLayers;
  zones: MapZone[];
  items: MapItem[];
  land: Geometry[];
}

const ENVELOPE = 'ST_MakeEnvelope($1, $2, $3, $4, 4326)';

/**
 * Everything inside `box` for the map of `versionId`. `toleranceDeg`: simplification tolerance in
 * degrees (boundaries and register lines only: plan items are drawn as stored).
 */
export async function loadMapData(
  sql: Sql,
  versionId: string,
  box: LngLatBox,
  toleranceDeg: number,
): Promise<MapData> {
  const simplify = (col: string) => `ST_AsGeoJSON(ST_SimplifyPreserveTopology(${col}, $5), 6)::json`;
  const boxParams = [...box, toleranceDeg];
  const units = await sql.query<{ code: string; name: string; geometry: Geometry; label: Geometry }>(
    `SELECT code, name, ${simplify('geom')} AS geometry, ST_AsGeoJSON(label_point, 6)::json AS label
     FROM admin_units WHERE geom && ${ENVELOPE} ORDER BY code`,
    boxParams,
  );
  const towers = await sql.query<{ lng: number; lat: number }>(
    `SELECT ST_X(geom) AS lng, ST_Y(geom) AS lat FROM towers
     WHERE status <> 'decommissioned' AND geom && ${ENVELOPE}`,
    box,
  );
  const lines = await sql.query<{ geometry: Geometry }>(
    `SELECT ${simplify('geom')} AS geometry FROM (
       SELECT geom FROM ducts WHERE status <> 'decommissioned' AND geom && ${ENVELOPE}
       UNION ALL SELECT geom FROM cable_routes WHERE status <> 'decommissioned' AND geom && ${ENVELOPE}
       UNION ALL SELECT geom FROM trenches_tunnels WHERE status <> 'decommissioned' AND geom && ${ENVELOPE}) l`,
    boxParams,
  );
  const submarine = await sql.query<{ geometry: Geometry }>(
    `SELECT ${simplify('geom')} AS geometry FROM submarine_cables
     WHERE status <> 'decommissioned' AND geom && ${ENVELOPE}`,
    boxParams,
  );
  const stations = await sql.query<{ lng: number; lat: number }>(
    `SELECT ST_X(geom) AS lng, ST_Y(geom) AS lat FROM landing_stations
     WHERE status <> 'decommissioned' AND geom && ${ENVELOPE}`,
    box,
  );
  const zones = await sql.query<MapZone>(
    `SELECT kind, name, ST_AsGeoJSON(geom, 7)::json AS geometry FROM plan_zones
     WHERE (plan_version_id IS NULL OR plan_version_id = $5) AND geom && ${ENVELOPE} ORDER BY created_at, id`,
    [...box, versionId],
  );
  const items = await sql.query<MapItem>(
    `SELECT kind, name, attributes, ST_AsGeoJSON(geom, 7)::json AS geometry FROM plan_items
     WHERE plan_version_id = $5 AND ST_Expand(geom, 0.1) && ${ENVELOPE} ORDER BY origin_id`,
    [...box, versionId],
  );
  return {
    units: units.map((u) => ({
      code: u.code,
      name: u.name,
      geometry: u.geometry,
      label: (u.label as { coordinates: [number, number] }).coordinates,
    })),
    register: {
      towers: towers.map((t) => [Number(t.lng), Number(t.lat)]),
      lines: lines.map((l) => l.geometry),
      submarine: submarine.map((l) => l.geometry),
      landingStations: stations.map((t) => [Number(t.lng), Number(t.lat)]),
    },
    zones,
    items,
    land: await landInside(box),
  };
}

let landFile: Promise<{ geometry: Geometry; box: LngLatBox }[]> | undefined;

/** The basemap's land polygons whose bounding box meets `box` (the file is read once). */
async function landInside(box: LngLatBox): Promise<Geometry[]> {
  landFile ??= readFile(BASEMAP_LAND_FILE, 'utf8').then((text) =>
    (JSON.parse(text) as { features: { geometry: Geometry }[] }).features.map((f) => ({
      geometry: f.geometry,
      box: boundsOf(f.geometry),
    })),
  );
  const all = await landFile;
  return all
    .filter(({ box: b }) => b[0] <= box[2] && b[2] >= box[0] && b[1] <= box[3] && b[3] >= box[1])
    .map((l) => l.geometry);
}

export function boundsOf(geometry: Geometry): LngLatBox {
  const box: LngLatBox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      box[0] = Math.min(box[0], c[0]);
      box[1] = Math.min(box[1], Number(c[1]));
      box[2] = Math.max(box[2], c[0]);
      box[3] = Math.max(box[3], Number(c[1]));
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  visit((geometry as { coordinates: unknown }).coordinates);
  return box;
}
