/** Loads towers, units and plan items for the tower-sharing finders. */
import type { AdminUnitType, SharingTower } from '@hatang/analysis';
import type { Sql } from '@hatang/db';

export interface LoadedTower extends SharingTower {
  code: string;
}

interface TowerRow {
  id: string;
  code: string;
  owner_org_id: string;
  lng: number;
  lat: number;
  top_m: number;
  tenants_max: number;
  antenna_slots_total: number;
  tenant_count: number;
  antennas_used: number;
  tenant_ids: string;
  unit_code: string | null;
  unit_type: AdminUnitType | null;
}

/**
 * Standing towers (existing, or also under construction) with their tenancy counts. The unit is
 * the tower's `admin_unit_code`, else the unit containing it.
 */
export async function loadSharingTowers(
  sql: Sql,
  statuses: readonly string[] = ['existing'],
  /** Only towers in `[minLng, minLat, maxLng, maxLat]` (a nearby query needs a few hundred metres). */
  bbox?: readonly [number, number, number, number],
): Promise<LoadedTower[]> {
  const rows = await sql.query<TowerRow>(
    `SELECT t.id::text, t.code, t.owner_org_id::text, ST_X(t.geom) AS lng, ST_Y(t.geom) AS lat,
            t.height_m + coalesce(t.building_height_m, 0) AS top_m, t.tenants_max, t.antenna_slots_total,
            coalesce(n.tenant_count, 0) AS tenant_count, coalesce(n.antennas_used, 0) AS antennas_used,
            coalesce(n.tenant_ids, '') AS tenant_ids, coalesce(k.code, c.code) AS unit_code, coalesce(k.unit_type, c.unit_type) AS unit_type
     FROM towers t
     LEFT JOIN (SELECT tower_id, count(*)::int AS tenant_count, sum(antenna_count)::int AS antennas_used,
                       string_agg(operator_org_id::text, ',') AS tenant_ids
                FROM tenancies GROUP BY tower_id) n ON n.tower_id = t.id
     LEFT JOIN admin_units k ON k.code = t.admin_unit_code
     LEFT JOIN LATERAL (SELECT a.code, a.unit_type FROM admin_units a
                        WHERE t.admin_unit_code IS NULL AND ST_Intersects(a.geom, t.geom)
                        ORDER BY a.code LIMIT 1) c ON true
     WHERE t.status = ANY($1::text[])${bbox ? ' AND t.geom && ST_MakeEnvelope($2, $3, $4, $5, 4326)' : ''}
     ORDER BY t.id`,
    [`{${statuses.join(',')}}`, ...(bbox ?? [])],
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    ownerOrgId: r.owner_org_id,
    position: [Number(r.lng), Number(r.lat)],
    heightM: Number(r.top_m),
    tenantsMax: Number(r.tenants_max),
    tenantCount: Number(r.tenant_count),
    antennaSlotsTotal: Number(r.antenna_slots_total),
    antennaSlotsUsed: Number(r.antennas_used),
    unitCode: r.unit_code,
    unitType: r.unit_type,
    tenantOperatorIds: r.tenant_ids ? r.tenant_ids.split(',') : [],
  }));
}

export interface UnitAt {
  code: string;
  name: string;
  unitType: AdminUnitType;
}

/** The admin unit containing `[lng, lat]`, or null (at sea, outside the city). */
export async function unitAt(sql: Sql, position: [number, number]): Promise<UnitAt | null> {
  const rows = await sql.query<{ code: string; name: string; unit_type: AdminUnitType }>(
    `SELECT code, name, unit_type FROM admin_units
     WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY code LIMIT 1`,
    [position[0], position[1]],
  );
  const row = rows[0];
  return row ? { code: row.code, name: row.name, unitType: row.unit_type } : null;
}

export interface PlanTowerSite {
  kind: string;
  versionKind: 'baseline' | 'draft' | 'approved' | 'superseded';
  position: [number, number] | null;
  heightM: number | null;
}

/** A plan item's kind, version kind, point and planned height (metres), or undefined. */
export async function loadPlanItem(sql: Sql, id: string): Promise<PlanTowerSite | undefined> {
  const rows = await sql.query<{
    kind: string;
    version_kind: PlanTowerSite['versionKind'];
    lng: number | null;
    lat: number | null;
    height: string | null;
  }>(
    `SELECT i.kind, v.kind AS version_kind,
            CASE WHEN GeometryType(i.geom) = 'POINT' THEN ST_X(i.geom) END AS lng,
            CASE WHEN GeometryType(i.geom) = 'POINT' THEN ST_Y(i.geom) END AS lat,
            i.attributes->>'heightM' AS height
     FROM plan_items i JOIN plan_versions v ON v.id = i.plan_version_id WHERE i.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    kind: row.kind,
    versionKind: row.version_kind,
    position: row.lng === null || row.lat === null ? null : [Number(row.lng), Number(row.lat)],
    heightM: row.height === null ? null : Number(row.height),
  };
}

/** Organisation codes and names by id (for labelling owners in answers). */
export async function loadOrganisations(sql: Sql): Promise<Map<string, { code: string; name: string }>> {
  const rows = await sql.query<{ id: string; code: string; name: string }>(
    'SELECT id::text, code, name FROM organisations',
  );
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}
