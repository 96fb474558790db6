/**
 * Loads the passive network for the sharing finders and the route planner: ducts, poles,
 * trenches/tunnels, streets, cable routes and civil works as plain data (`[lng, lat]` WGS 84).
 * An optional bbox `[minLng, minLat, maxLng, maxLat]` keeps rows whose geometry touches it.
 */
import type { LngLat, PoleInput } from '@hatang/analysis';
import type { Sql } from '@hatang/db';

export type BBox = readonly [number, number, number, number];

const inBox = (bbox: BBox | undefined, first: number) =>
  bbox ? ` AND geom && ST_MakeEnvelope($${first}, $${first + 1}, $${first + 2}, $${first + 3}, 4326)` : '';
const boxParams = (bbox: BBox | undefined) => (bbox ? [...bbox] : []);
const line = (json: string) => (JSON.parse(json) as { coordinates: LngLat[] }).coordinates;

export interface DuctRow {
  id: string;
  code: string;
  ownerOrgId: string;
  status: string;
  tubesTotal: number;
  tubesUsed: number;
  fromManholeId: string | null;
  toManholeId: string | null;
  coordinates: LngLat[];
  lengthM: number;
}

export async function loadDucts(sql: Sql, statuses: readonly string[], bbox?: BBox): Promise<DuctRow[]> {
  const rows = await sql.query<{
    id: string;
    code: string;
    owner: string;
    status: string;
    tubes_total: number;
    tubes_used: number;
    from_id: string | null;
    to_id: string | null;
    geometry: string;
    length_m: number;
  }>(
    `SELECT id::text, code, owner_org_id::text AS owner, status, tubes_total, tubes_used,
            from_manhole_id::text AS from_id, to_manhole_id::text AS to_id,
            ST_AsGeoJSON(geom, 7)::text AS geometry, ST_Length(geom::geography) AS length_m
     FROM ducts WHERE status = ANY($1::text[])${inBox(bbox, 2)} ORDER BY id`,
    [`{${statuses.join(',')}}`, ...boxParams(bbox)],
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    ownerOrgId: r.owner,
    status: r.status,
    tubesTotal: Number(r.tubes_total),
    tubesUsed: Number(r.tubes_used),
    fromManholeId: r.from_id,
    toManholeId: r.to_id,
    coordinates: line(r.geometry),
    lengthM: Number(r.length_m),
  }));
}

export interface PoleRow extends PoleInput {
  code: string;
}

export async function loadPoles(sql: Sql, bbox?: BBox): Promise<PoleRow[]> {
  const rows = await sql.query<{
    id: string;
    code: string;
    owner: string;
    lng: number;
    lat: number;
    used: number;
    max: number;
  }>(
    `SELECT id::text, code, owner_org_id::text AS owner, ST_X(geom) AS lng, ST_Y(geom) AS lat,
            attachments_used AS used, attachments_max AS max
     FROM poles WHERE status = 'existing'${inBox(bbox, 1)} ORDER BY id`,
    boxParams(bbox),
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    ownerOrgId: r.owner,
    position: [Number(r.lng), Number(r.lat)],
    attachmentsUsed: Number(r.used),
    attachmentsMax: Number(r.max),
  }));
}

export interface LineRow {
  id: string;
  code: string;
  ownerOrgId: string;
  coordinates: LngLat[];
}

/** Existing trenches and technical tunnels. */
export async function loadTrenchesTunnels(sql: Sql, bbox?: BBox): Promise<LineRow[]> {
  const rows = await sql.query<{ id: string; code: string; owner: string; geometry: string }>(
    `SELECT id::text, code, owner_org_id::text AS owner, ST_AsGeoJSON(geom, 7)::text AS geometry
     FROM trenches_tunnels WHERE status = 'existing'${inBox(bbox, 1)} ORDER BY id`,
    boxParams(bbox),
  );
  return rows.map((r) => ({ id: r.id, code: r.code, ownerOrgId: r.owner, coordinates: line(r.geometry) }));
}

export interface StreetRow {
  id: string;
  name: string | null;
  streetClass: 'primary' | 'secondary' | 'local';
  coordinates: LngLat[];
}

export async function loadStreets(sql: Sql, bbox?: BBox): Promise<StreetRow[]> {
  const rows = await sql.query<{
    id: string;
    name: string | null;
    street_class: StreetRow['streetClass'];
    geometry: string;
  }>(
    `SELECT id::text, name, street_class, ST_AsGeoJSON(geom, 7)::text AS geometry
     FROM streets WHERE true${inBox(bbox, 1)} ORDER BY id`,
    boxParams(bbox),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    streetClass: r.street_class,
    coordinates: line(r.geometry),
  }));
}

export interface CableRouteRow extends LineRow {
  status: string;
  placement: string;
}

export async function loadCableRoutes(
  sql: Sql,
  filter: { statuses: readonly string[]; placements: readonly string[] },
  bbox?: BBox,
): Promise<CableRouteRow[]> {
  const rows = await sql.query<{
    id: string;
    code: string;
    owner: string;
    status: string;
    placement: string;
    geometry: string;
  }>(
    `SELECT id::text, code, owner_org_id::text AS owner, status, placement, ST_AsGeoJSON(geom, 7)::text AS geometry
     FROM cable_routes WHERE status = ANY($1::text[]) AND placement = ANY($2::text[])${inBox(bbox, 3)} ORDER BY id`,
    [`{${filter.statuses.join(',')}}`, `{${filter.placements.join(',')}}`, ...boxParams(bbox)],
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    ownerOrgId: r.owner,
    status: r.status,
    placement: r.placement,
    coordinates: line(r.geometry),
  }));
}

export interface CivilWorkRow extends LineRow {
  name: string;
  sector: string;
  status: string;
  startsOn: string;
  endsOn: string;
}

/** Other sectors' works still to come or under way. */
export async function loadCivilWorks(sql: Sql, bbox?: BBox): Promise<CivilWorkRow[]> {
  const rows = await sql.query<{
    id: string;
    code: string;
    owner: string;
    name: string;
    sector: string;
    status: string;
    starts_on: string;
    ends_on: string;
    geometry: string;
  }>(
    `SELECT id::text, code, owner_org_id::text AS owner, name, sector, status, starts_on::text, ends_on::text,
            ST_AsGeoJSON(geom, 7)::text AS geometry
     FROM civil_works WHERE status IN ('planned', 'under_construction')${inBox(bbox, 1)} ORDER BY id`,
    boxParams(bbox),
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    ownerOrgId: r.owner,
    name: r.name,
    sector: r.sector,
    status: r.status,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    coordinates: line(r.geometry),
  }));
}
