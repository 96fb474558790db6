import {
  type AdminUnitInput,
  type AdminUnitType,
  CellGrid,
  type CoveragePolygonInput,
  type MultiPolygonCoordinates,
  type SiteOfferInput,
  type Technology,
  type TowerInput,
} from '@hatang/analysis';
import type { Sql } from '@hatang/db';

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
const TOWER_OFFERS = `FROM site_offers s WHERE s.status = 'published' AND s.purpose IN ('tower', 'both')`;

/** Restricted zones that keep new sites out: the global ones and those of approved plan versions. */
const RESTRICTED_ZONES = `FROM plan_zones z WHERE z.kind = 'restricted' AND (z.plan_version_id IS NULL
  OR EXISTS (SELECT 1 FROM plan_versions v WHERE v.id = z.plan_version_id AND v.kind = 'approved'))`;

export async function readDataVersion(sql: Sql): Promise<CoverageDataVersion> {
  const rows = await sql.query<{
    grid: string;
    polygons: string;
    towers: string;
    zones: string;
    offers: string;
  }>(
    `SELECT
       (SELECT count(*) || ':' || coalesce(sum(population), 0) || ':' || coalesce(max(id), 0) FROM population_cells)
         || '/' || (SELECT count(*) || ':' || coalesce(sum(hashtext(code || unit_type)), 0) FROM admin_units) AS grid,
       (SELECT count(*) || ':' || coalesce(max(uploaded_at)::text, '') || ':'
         || coalesce(sum(hashtext(id::text || uploaded_at::text)), 0) FROM coverage_polygons) AS polygons,
       (SELECT count(*) || ':' || coalesce(sum(hashtext(z.id::text || z.version::text)), 0) ${RESTRICTED_ZONES}) AS zones,
       (SELECT count(*) || ':' || coalesce(sum(hashtext(s.id::text || s.version::text)), 0) ${TOWER_OFFERS}) AS offers,
       (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') || ':' || coalesce(sum(version), 0) FROM towers)
         || '/' || (SELECT count(*) || ':' || coalesce(sum(hashtext(tower_id::text || operator_org_id::text
           || technologies::text || mount_height_m::text)), 0) FROM tenancies) AS towers`,
  );
  const row = rows[0];
  if (!row) throw new Error('no version row');
  return {
    grid: String(row.grid),
    polygons: String(row.polygons),
    towers: String(row.towers),
    zones: String(row.zones),
    offers: String(row.offers),
  };
}

export interface LoadedGrid {
  grid: CellGrid;
  names: Map<string, string>;
}

/** The population grid and admin units as the engine's columns (cells in id order). */
export async function loadGrid(sql: Sql): Promise<LoadedGrid> {
  const unitRows = await sql.query<{ code: string; name: string; unit_type: AdminUnitType }>(
    'SELECT code, name, unit_type FROM admin_units ORDER BY code',
  );
  const units: AdminUnitInput[] = unitRows.map((u) => ({
    code: u.code,
    name: u.name,
    unitType: u.unit_type,
  }));
  const unitIndex = new Map(units.map((u, i) => [u.code, i]));
  // One text row per 50k cells: far fewer round trips and row objects than one row per cell.
  const chunks = await sql.query<{ body: string }>(
    `SELECT string_agg(admin_unit_code || ',' || population || ',' || ST_X(geom) || ',' || ST_Y(geom), ';' ORDER BY id) AS body
     FROM (SELECT id, admin_unit_code, population, geom, (row_number() OVER (ORDER BY id) - 1) / 50000 AS chunk
           FROM population_cells) c
     GROUP BY chunk ORDER BY chunk`,
  );
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

interface TowerRow {
  id: string;
  lng: number;
  lat: number;
  unit_code: string | null;
  top_m: number;
  tenants_max: number;
  tenancies: string;
}

/** Towers with the given statuses and their tenancies, as the engine's input. */
export async function loadTowers(sql: Sql, statuses: readonly string[]): Promise<TowerInput[]> {
  const rows = await sql.query<TowerRow>(
    `SELECT t.id::text, ST_X(t.geom) AS lng, ST_Y(t.geom) AS lat, t.admin_unit_code AS unit_code,
            t.height_m + coalesce(t.building_height_m, 0) AS top_m, t.tenants_max,
            coalesce((SELECT json_agg(json_build_object('operatorId', n.operator_org_id, 'technologies', n.technologies,
                       'mountHeightM', n.mount_height_m))::text
                      FROM tenancies n WHERE n.tower_id = t.id), '[]') AS tenancies
     FROM towers t WHERE t.status = ANY($1::text[]) ORDER BY t.id`,
    [`{${statuses.join(',')}}`],
  );
  return rows.map((r) => ({
    id: r.id,
    lng: Number(r.lng),
    lat: Number(r.lat),
    unitCode: r.unit_code,
    heightM: Number(r.top_m),
    tenantsMax: Number(r.tenants_max),
    tenancies: JSON.parse(r.tenancies) as TowerInput['tenancies'],
  }));
}

/** Operators' uploaded coverage polygons. */
export async function loadPolygons(sql: Sql): Promise<CoveragePolygonInput[]> {
  const rows = await sql.query<{ operator_id: string; technology: Technology; geometry: string }>(
    `SELECT operator_org_id::text AS operator_id, technology, ST_AsGeoJSON(geom)::text AS geometry
     FROM coverage_polygons ORDER BY operator_org_id, technology`,
  );
  return rows.map((r) => ({
    operatorId: r.operator_id,
    technology: r.technology,
    multiPolygon: (JSON.parse(r.geometry) as { coordinates: MultiPolygonCoordinates }).coordinates,
  }));
}

/** Restricted plan zones (global and approved) as MultiPolygon coordinates: no new site goes there. */
export async function loadRestrictedZones(sql: Sql): Promise<MultiPolygonCoordinates[]> {
  const rows = await sql.query<{ geometry: string }>(
    `SELECT ST_AsGeoJSON(ST_Multi(z.geom))::text AS geometry ${RESTRICTED_ZONES} ORDER BY z.id`,
  );
  return rows.map((r) => (JSON.parse(r.geometry) as { coordinates: MultiPolygonCoordinates }).coordinates);
}

export interface OperatorInfo {
  id: string;
  code: string;
  name: string;
}

/** Operators: the given ids, or by default every organisation holding a tenancy or a polygon. */
export async function loadOperators(sql: Sql, ids?: readonly string[]): Promise<OperatorInfo[]> {
  if (ids) {
    return sql.query<OperatorInfo>(
      'SELECT id::text, code, name FROM organisations WHERE id = ANY($1::uuid[]) ORDER BY code',
      [`{${ids.join(',')}}`],
    );
  }
  return sql.query<OperatorInfo>(
    `SELECT o.id::text, o.code, o.name FROM organisations o
     WHERE EXISTS (SELECT 1 FROM tenancies n WHERE n.operator_org_id = o.id)
        OR EXISTS (SELECT 1 FROM coverage_polygons p WHERE p.operator_org_id = o.id)
     ORDER BY o.code`,
  );
}

/**
 * Published site offers for towers as candidate positions: a point on the offer's surface and the
 * antenna height it allows — the max structure height, on top of the building for a roof (no
 * height given: the new-site default).
 */
export async function loadSiteOffers(sql: Sql): Promise<SiteOfferInput[]> {
  const rows = await sql.query<{
    id: string;
    lng: number;
    lat: number;
    unit_code: string | null;
    height_m: number | null;
  }>(
    `SELECT s.id::text, ST_X(ST_PointOnSurface(s.geom)) AS lng, ST_Y(ST_PointOnSurface(s.geom)) AS lat,
            s.admin_unit_code AS unit_code,
            CASE WHEN s.max_structure_height_m IS NULL THEN NULL
                 ELSE s.max_structure_height_m + coalesce(s.building_height_m, 0) END AS height_m
     ${TOWER_OFFERS} ORDER BY s.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    lng: Number(r.lng),
    lat: Number(r.lat),
    unitCode: r.unit_code,
    heightM: r.height_m === null ? null : Number(r.height_m),
  }));
}
