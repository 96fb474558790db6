/**
 * Loads the facts the indicators are computed from (packages/analysis/src/indicators): the
 * register in an area (the city, or one commune's polygon) and a plan version's items. Lengths
 * are measured on the ellipsoid (geography), in metres, and only the part inside the commune
 * counts; points count when inside, tower areas by their centroid.
 */
import type { PlanItemFact, PlannedSite, RegisterFacts } from '@hatang/analysis';
import { phaseEndYear } from '@hatang/analysis';
import type { Sql } from '@hatang/db';

/** An area to measure in: null = the whole register; otherwise an admin unit code. */
export type AreaCode = string | null;

/** `length of geom (metres) inside the area`; `$1` is the area code when there is one. */
const lengthIn = (area: AreaCode, geom: string) =>
  area
    ? `coalesce(sum(ST_Length(ST_Intersection(${geom}, a.geom)::geography)), 0)`
    : `coalesce(sum(ST_Length(${geom}::geography)), 0)`;
const areaJoin = (area: AreaCode, geom: string) =>
  area ? `JOIN admin_units a ON a.code = $1 AND ST_Intersects(a.geom, ${geom})` : '';
const params = (area: AreaCode) => (area ? [area] : []);

/** The register's existing assets in the area, as the indicators need them. */
export async function loadRegisterFacts(sql: Sql, area: AreaCode): Promise<RegisterFacts> {
  const cables = await sql.query<{ placement: string; length_m: number }>(
    `SELECT s.placement, ${lengthIn(area, 's.geom')} AS length_m
     FROM cable_routes s ${areaJoin(area, 's.geom')} WHERE s.status = 'existing' GROUP BY s.placement`,
    params(area),
  );
  const lengthOf = async (table: string) => {
    const rows = await sql.query<{ length_m: number }>(
      `SELECT ${lengthIn(area, 's.geom')} AS length_m FROM ${table} s ${areaJoin(area, 's.geom')}
       WHERE s.status = 'existing'`,
      params(area),
    );
    return Number(rows[0]?.length_m ?? 0);
  };
  // Tenants per existing tower, as a histogram (thousands of towers, a handful of rows).
  const tenants = await sql.query<{ tenants: number; towers: number }>(
    `SELECT tenants, count(*)::int AS towers FROM (
       SELECT (SELECT count(*)::int FROM tenancies n WHERE n.tower_id = s.id) AS tenants
       FROM towers s ${areaJoin(area, 's.geom')} WHERE s.status = 'existing') t
     GROUP BY tenants ORDER BY tenants`,
    params(area),
  );
  const counts = await sql.query<{ what: string; n: number }>(
    `SELECT 'landing' AS what, count(*)::int AS n FROM landing_stations s ${areaJoin(area, 's.geom')}
       WHERE s.status = 'existing'
     UNION ALL
     SELECT 'wifi:' || s.site_type, count(*)::int FROM wifi_points s ${areaJoin(area, 's.geom')}
       WHERE s.status = 'existing' GROUP BY s.site_type`,
    params(area),
  );
  const byPlacement = new Map(cables.map((r) => [r.placement, Number(r.length_m)]));
  return {
    cableLengthM: {
      aerial: byPlacement.get('aerial') ?? 0,
      underground: byPlacement.get('underground') ?? 0,
      submarine: byPlacement.get('submarine') ?? 0,
    },
    ductLengthM: await lengthOf('ducts'),
    trenchTunnelLengthM: await lengthOf('trenches_tunnels'),
    submarineCableLengthM: await lengthOf('submarine_cables'),
    towerTenants: tenants.flatMap((r) => Array<number>(Number(r.towers)).fill(Number(r.tenants))),
    landingStations: Number(counts.find((r) => r.what === 'landing')?.n ?? 0),
    wifiPointsBySiteType: Object.fromEntries(
      counts.filter((r) => r.what.startsWith('wifi:')).map((r) => [r.what.slice(5), Number(r.n)]),
    ),
  };
}

interface ItemRow {
  kind: string;
  phase: PlanItemFact['phase'];
  status: PlanItemFact['status'];
  attributes: string;
  length_m: number;
}

/**
 * The version's own items in the area (items a baseline copied from the register are the
 * register already and are left out). Lines: their length inside the area, metres.
 */
export async function loadItemFacts(sql: Sql, versionId: string, area: AreaCode): Promise<PlanItemFact[]> {
  const where = area
    ? `AND ST_Intersects(a.geom, CASE WHEN GeometryType(i.geom) = 'POLYGON' THEN ST_Centroid(i.geom) ELSE i.geom END)`
    : '';
  const length = area
    ? `CASE WHEN GeometryType(i.geom) = 'LINESTRING' THEN ST_Length(ST_Intersection(i.geom, a.geom)::geography) ELSE 0 END`
    : `CASE WHEN GeometryType(i.geom) = 'LINESTRING' THEN ST_Length(i.geom::geography) ELSE 0 END`;
  const rows = await sql.query<ItemRow>(
    `SELECT i.kind, i.phase, i.status, i.attributes::text AS attributes, ${length} AS length_m
     FROM plan_items i ${area ? 'JOIN admin_units a ON a.code = $2' : ''}
     WHERE i.plan_version_id = $1 AND i.source_id IS NULL ${where}
     ORDER BY i.id`,
    area ? [versionId, area] : [versionId],
  );
  return rows.map((r) => ({
    kind: r.kind,
    phase: r.phase,
    status: r.status,
    attributes: JSON.parse(r.attributes) as Record<string, unknown>,
    lengthM: Number(r.length_m),
    fromRegister: false,
  }));
}

/**
 * The version's new antenna sites anywhere (a site outside a commune still covers its edge):
 * tower sites, and tower areas by their centroid at the area's maximum height.
 */
export async function loadPlannedSites(sql: Sql, versionId: string): Promise<PlannedSite[]> {
  const rows = await sql.query<{
    id: string;
    lng: number;
    lat: number;
    height_m: number | null;
    phase: PlanItemFact['phase'];
  }>(
    `SELECT i.id::text, ST_X(ST_Centroid(i.geom)) AS lng, ST_Y(ST_Centroid(i.geom)) AS lat, i.phase,
       (CASE i.kind WHEN 'tower_area' THEN i.attributes->>'maxHeightM' ELSE i.attributes->>'heightM' END)::float8 AS height_m
     FROM plan_items i
     WHERE i.plan_version_id = $1 AND i.source_id IS NULL AND i.status <> 'cancelled'
       AND i.kind IN ('tower_site', 'tower_area')
     ORDER BY i.id`,
    [versionId],
  );
  return rows.map((r) => ({
    id: r.id,
    lng: Number(r.lng),
    lat: Number(r.lat),
    heightM: r.height_m === null ? null : Number(r.height_m),
    fromYear: phaseEndYear(r.phase),
  }));
}

/**
 * A cheap fingerprint of the register tables the non-coverage indicators read (and the key sites
 * register): a cached answer
 * is valid while it is unchanged.
 */
export async function readRegisterVersion(sql: Sql): Promise<string> {
  const tables = [
    'cable_routes',
    'ducts',
    'trenches_tunnels',
    'submarine_cables',
    'landing_stations',
    'wifi_points',
  ];
  const parts = tables.map(
    (t) =>
      `(SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') || ':' || coalesce(sum(version), 0) FROM ${t})`,
  );
  const rows = await sql.query<{ key: string }>(`SELECT ${parts.join(" || '/' || ")} AS key`);
  return String(rows[0]?.key ?? '');
}
