/**
 * The Hai Phong demo data, loaded into a real database and checked with SQL: real units and
 * population, volumes, nothing at sea except submarine cables, units partition the land.
 * Without DATABASE_URL it seeds its own fresh in-memory PGlite; with DATABASE_URL it uses the
 * shared server database and seeds it unless the demo organisations are already there.
 */
import { type Database, migrate, openDatabase } from '@hatang/db';
import { isDatabaseEmpty, type SeedReport, seedDemoData } from '@hatang/seeds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../support/test-database';

const DEMO_ORGS = [
  'OP-SONG',
  'OP-BIEN',
  'OP-CANG',
  'OP-NUI',
  'TOWERCO-HP',
  'SKHCN-HP',
  'SXD-HP',
  'EVN-HP-DEMO',
];
/** Restricts asset checks to rows owned by the demo organisations (other tests may add rows). */
const DEMO_OWNED = `owner_org_id IN (SELECT id FROM organisations WHERE code IN (${DEMO_ORGS.map((c) => `'${c}'`).join(', ')})
  OR code LIKE '%-DEMO' OR code LIKE 'UBND-%')`;

/**
 * Real unit codes are 10xxx–11xxx; other tests sharing a server database add fixture units with
 * 9xxxx codes (far from Hai Phong), which the checks of the real data leave out.
 */
const REAL = "!~ '^9'";

let db: Database;
let own = false;
let report: SeedReport | undefined;

async function one<T>(sql: string): Promise<T> {
  const rows = await db.query<T>(sql);
  return rows[0]!;
}

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    db = await testDatabase();
  } else {
    db = await openDatabase({});
    own = true;
    await migrate(db);
    expect(await isDatabaseEmpty(db)).toBe(true);
  }
  const present = await db.query("SELECT 1 FROM organisations WHERE code = 'OP-SONG'");
  if (present.length === 0) report = await seedDemoData(db);
  if (report) {
    console.log(
      `demo data on ${db.kind}: generated in ${report.generateMs} ms, loaded in ${report.loadMs} ms`,
      report.counts,
    );
  }
});

afterAll(async () => {
  if (own) await db.close();
});

describe('demo data: real geography', () => {
  it('has the 114 units: 45 wards, 67 communes, 2 special zones', async () => {
    const rows = await db.query<{ unit_type: string; n: number }>(
      `SELECT unit_type, count(*)::int AS n FROM admin_units WHERE code ${REAL} GROUP BY unit_type ORDER BY unit_type`,
    );
    expect(rows).toEqual([
      { unit_type: 'commune', n: 67 },
      { unit_type: 'special_zone', n: 2 },
      { unit_type: 'ward', n: 45 },
    ]);
    expect(await isDatabaseEmpty(db)).toBe(false);
  });

  it('sums the population cells exactly to every unit’s published population (4,692,669)', async () => {
    const mismatched = await db.query<{ code: string }>(`
      SELECT u.code FROM admin_units u
      LEFT JOIN (SELECT admin_unit_code, sum(population) AS people FROM population_cells GROUP BY 1) c
        ON c.admin_unit_code = u.code
      WHERE coalesce(c.people, 0) <> u.population AND u.code ${REAL}`);
    expect(mismatched).toEqual([]);
    const total = await one<{ people: number; cells: number }>(
      `SELECT sum(population)::int AS people, count(*)::int AS cells FROM population_cells WHERE admin_unit_code ${REAL}`,
    );
    expect(total.people).toBe(4_692_669);
    expect(total.cells).toBeGreaterThan(250_000);
    expect(total.cells).toBeLessThan(350_000);
  });

  it('has units that partition the land (overlaps only along shared edges)', async () => {
    const overlap = await one<{ m2: number | null }>(`
      SELECT sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)) AS m2
      FROM admin_units a JOIN admin_units b
        ON a.code < b.code AND ST_Intersects(a.geom, b.geom) AND ST_Overlaps(a.geom, b.geom)
      WHERE a.code ${REAL} AND b.code ${REAL}`);
    expect(overlap.m2 ?? 0).toBeLessThan(10_000);
  });
});

describe('demo data: volumes', () => {
  const count = async (table: string): Promise<number> =>
    (await one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${DEMO_OWNED}`)).n;

  it('has ≈ 6,000 towers, 35–45k poles and ≈ 1,500 km of ducts', async () => {
    const towers = await count('towers');
    expect(towers).toBeGreaterThanOrEqual(5500);
    expect(towers).toBeLessThanOrEqual(6500);
    const poles = await count('poles');
    expect(poles).toBeGreaterThanOrEqual(35_000);
    expect(poles).toBeLessThanOrEqual(45_000);
    const ducts = await one<{ km: number }>(
      `SELECT sum(ST_Length(geom::geography)) / 1000 AS km FROM ducts WHERE ${DEMO_OWNED}`,
    );
    expect(ducts.km).toBeGreaterThan(1350);
    expect(ducts.km).toBeLessThan(1650);
  });

  it('fills every asset table', async () => {
    for (const table of [
      'manholes',
      'trenches_tunnels',
      'cable_routes',
      'wifi_points',
      'civil_works',
      'data_centres',
      'street_devices',
      'in_building_systems',
    ]) {
      expect(await count(table), table).toBeGreaterThan(0);
    }
    expect(await count('landing_stations')).toBe(2);
    expect(await count('submarine_cables')).toBe(2);
    const streets = await one<{ primary: number; local: number }>(`
      SELECT count(*) FILTER (WHERE street_class = 'primary')::int AS primary,
             count(*) FILTER (WHERE street_class = 'local')::int AS local FROM streets`);
    expect(streets.primary).toBeGreaterThan(50);
    expect(streets.local).toBeGreaterThan(1000);
  });

  it('has cameras on the shared poles of main streets, each where its pole stands', async () => {
    const devices = await one<{ cameras: number; on_poles: number; misplaced: number; kinds: number }>(`
      SELECT count(*) FILTER (WHERE d.device_type = 'surveillance_camera')::int AS cameras,
             count(p.id)::int AS on_poles,
             count(*) FILTER (WHERE p.id IS NOT NULL AND NOT ST_Equals(p.geom, d.geom))::int AS misplaced,
             count(DISTINCT d.device_type)::int AS kinds
      FROM street_devices d LEFT JOIN poles p ON p.id = d.pole_id WHERE d.${DEMO_OWNED}`);
    expect(devices.cameras).toBeGreaterThan(500);
    expect(devices.on_poles).toBeGreaterThan(devices.cameras / 2);
    expect(devices.misplaced).toBe(0);
    expect(devices.kinds).toBe(4);
  });

  it('has dense street grids in the old centres of Hai Phong and Hải Dương', async () => {
    const km = async (box: string) =>
      (
        await one<{ km: number }>(
          `SELECT coalesce(sum(ST_Length(ST_Intersection(geom, ${box})::geography)), 0) / 1000 AS km
           FROM streets WHERE geom && ${box}`,
        )
      ).km;
    // ≈ 3 km × 6 km in central Hai Phong; ≈ 3 km × 3 km in central Hải Dương.
    expect(await km('ST_MakeEnvelope(106.66, 20.84, 106.72, 20.87, 4326)')).toBeGreaterThan(150);
    expect(await km('ST_MakeEnvelope(106.30, 20.925, 106.34, 20.955, 4326)')).toBeGreaterThan(40);
  });

  it('has ducts between manholes and towers with sensible tenancies', async () => {
    const orphan = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM ducts WHERE ${DEMO_OWNED} AND (from_manhole_id IS NULL OR to_manhole_id IS NULL)`,
    );
    expect(orphan.n).toBe(0);
    const bad = await one<{ untenanted: number; too_high: number; over_max: number }>(`
      SELECT
        count(*) FILTER (WHERE tenants = 0)::int AS untenanted,
        count(*) FILTER (WHERE max_mount > height_m + coalesce(building_height_m, 0))::int AS too_high,
        count(*) FILTER (WHERE tenants > tenants_max)::int AS over_max
      FROM (
        SELECT t.height_m, t.building_height_m, t.tenants_max, count(n.id) AS tenants,
               max(n.mount_height_m) AS max_mount
        FROM towers t LEFT JOIN tenancies n ON n.tower_id = t.id
        WHERE t.${DEMO_OWNED}
        GROUP BY t.id
      ) x`);
    expect(bad).toEqual({ untenanted: 0, too_high: 0, over_max: 0 });
    const ownerMissing = await one<{ n: number }>(`
      SELECT count(*)::int AS n FROM towers t JOIN organisations o ON o.id = t.owner_org_id
      WHERE o.kind = 'operator' AND t.${DEMO_OWNED}
        AND NOT EXISTS (SELECT 1 FROM tenancies n WHERE n.tower_id = t.id AND n.operator_org_id = t.owner_org_id)`);
    expect(ownerMissing.n).toBe(0);
    const wrongUnit = await one<{ n: number }>(`
      SELECT count(*)::int AS n FROM towers t JOIN admin_units u ON u.code = t.admin_unit_code
      WHERE t.${DEMO_OWNED} AND NOT ST_Covers(u.geom, t.geom)`);
    expect(wrongUnit.n).toBe(0);
  });
});

describe('demo data: nothing at sea but submarine cables', () => {
  for (const table of [
    'towers',
    'poles',
    'manholes',
    'wifi_points',
    'landing_stations',
    'data_centres',
    'street_devices',
    'in_building_systems',
  ]) {
    it(`has every ${table} point inside a unit`, async () => {
      const outside = await one<{ n: number }>(`
        SELECT count(*)::int AS n FROM ${table} t
        WHERE t.${DEMO_OWNED}
          AND NOT EXISTS (SELECT 1 FROM admin_units u WHERE ST_Covers(u.geom, t.geom))`);
      expect(outside.n).toBe(0);
    });
  }

  it('has every population cell inside its unit (sample of 1 in 50)', async () => {
    const outside = await one<{ n: number }>(`
      SELECT count(*)::int AS n FROM population_cells c JOIN admin_units u ON u.code = c.admin_unit_code
      WHERE c.id % 50 = 0 AND u.code ${REAL} AND NOT ST_Covers(u.geom, c.geom)`);
    expect(outside.n).toBe(0);
  });

  for (const table of ['streets', 'ducts', 'cable_routes', 'trenches_tunnels', 'civil_works']) {
    it(`has every ${table} line on land (vertices in units, line within their union)`, async () => {
      const owned = table === 'streets' ? 'true' : DEMO_OWNED;
      const vertices = await one<{ n: number }>(`
        SELECT count(*)::int AS n FROM (SELECT (ST_DumpPoints(geom)).geom AS g FROM ${table} WHERE ${owned}) v
        WHERE NOT EXISTS (SELECT 1 FROM admin_units u WHERE ST_Covers(u.geom, v.g))`);
      expect(vertices.n).toBe(0);
      const lines = await one<{ n: number; m: number }>(`
        WITH land AS (SELECT ST_Union(geom) AS geom FROM admin_units)
        SELECT count(*)::int AS n, coalesce(sum(ST_Length(ST_Difference(t.geom, land.geom)::geography)), 0) AS m
        FROM ${table} t, land WHERE ${owned} AND NOT ST_Covers(land.geom, t.geom)`);
      expect(lines.m).toBeLessThan(1);
    });
  }

  it('lands the submarine cables near the coast and runs them mostly at sea', async () => {
    const stations = await db.query<{ code: string; to_sea_m: number }>(`
      WITH land AS (SELECT ST_Union(geom) AS geom FROM admin_units)
      SELECT s.code, ST_Distance(s.geom::geography, ST_Boundary(land.geom)::geography) AS to_sea_m
      FROM landing_stations s, land WHERE s.${DEMO_OWNED}`);
    expect(stations).toHaveLength(2);
    for (const s of stations) expect(s.to_sea_m, s.code).toBeLessThan(1200);
    const cables = await db.query<{ code: string; length_m: number; on_land_m: number; station: boolean }>(`
      SELECT c.code, ST_Length(c.geom::geography) AS length_m,
        (SELECT coalesce(sum(ST_Length(ST_Intersection(u.geom, c.geom)::geography)), 0)
           FROM admin_units u WHERE ST_Intersects(u.geom, c.geom)) AS on_land_m,
        ST_DWithin(ST_StartPoint(c.geom), s.geom, 1e-6) AS station
      FROM submarine_cables c JOIN landing_stations s ON s.id = c.landing_station_id
      WHERE c.${DEMO_OWNED}`);
    expect(cables).toHaveLength(2);
    for (const c of cables) {
      expect(c.length_m, c.code).toBeGreaterThan(20_000);
      expect(c.on_land_m / c.length_m, c.code).toBeLessThan(0.05);
      expect(c.station, c.code).toBe(true);
    }
  });
});

describe('demo data: organisations and codes', () => {
  it('has the demo organisations with valid kinds', async () => {
    const rows = await db.query<{ code: string; kind: string }>(
      `SELECT code, kind FROM organisations WHERE code IN (${DEMO_ORGS.map((c) => `'${c}'`).join(', ')}) ORDER BY code`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.code, r.kind]))).toEqual({
      'EVN-HP-DEMO': 'other_sector',
      'OP-BIEN': 'operator',
      'OP-CANG': 'operator',
      'OP-NUI': 'operator',
      'OP-SONG': 'operator',
      'SKHCN-HP': 'city_department',
      'SXD-HP': 'construction_department',
      'TOWERCO-HP': 'tower_company',
    });
  });

  it('has a commune-centre WiFi point in every commune and special zone', async () => {
    const missing = await one<{ n: number }>(`
      SELECT count(*)::int AS n FROM admin_units u WHERE u.unit_type <> 'ward' AND u.code ${REAL}
        AND NOT EXISTS (SELECT 1 FROM wifi_points w WHERE w.admin_unit_code = u.code AND w.site_type = 'commune_centre')`);
    expect(missing.n).toBe(0);
  });

  it('schedules civil works between 2026 and 2030', async () => {
    const range = await one<{ first: string; last: string }>(
      `SELECT min(starts_on)::text AS first, max(ends_on)::text AS last FROM civil_works WHERE ${DEMO_OWNED}`,
    );
    expect(range.first >= '2026-01-01').toBe(true);
    expect(range.last <= '2030-12-31').toBe(true);
  });
});

describe('demo data: key sites and site offers', () => {
  /** The seeded key sites (other tests sharing a server database add their own, with other sources). */
  const SEEDED =
    "(source LIKE 'demo (synthetic%' OR source LIKE 'NGA World Port Index%' OR source LIKE 'OpenStreetMap (%' OR source LIKE 'OurAirports%')";

  it('has a commune centre at the label point of each of the 114 units, cultural houses and seaports', async () => {
    const rows = await db.query<{ category: string; n: number }>(
      `SELECT category, count(*)::int AS n FROM key_sites WHERE ${SEEDED} GROUP BY category ORDER BY category`,
    );
    const n = Object.fromEntries(rows.map((r) => [r.category, r.n]));
    expect(n.commune_centre).toBe(114);
    expect(n.cultural_house).toBeGreaterThanOrEqual(138);
    expect(n.cultural_house).toBeLessThanOrEqual(276);
    expect(n.seaport).toBe(1);
    expect(n.industrial_park).toBe(5);
    expect(n.school).toBeGreaterThanOrEqual(114);
    const centres = await one<{ units: number }>(
      `SELECT count(DISTINCT admin_unit_code)::int AS units FROM key_sites WHERE ${SEEDED} AND category = 'commune_centre'`,
    );
    expect(centres.units).toBe(114);
  });

  it("has Plan 317's 5G key areas: corridors as lines, transport hubs from OSM and OurAirports", async () => {
    const rows = await db.query<{ category: string; n: number; lines: number }>(
      `SELECT category, count(*)::int AS n,
         count(*) FILTER (WHERE GeometryType(geom) IN ('LINESTRING', 'MULTILINESTRING'))::int AS lines
       FROM key_sites WHERE ${SEEDED} GROUP BY category`,
    );
    const by = Object.fromEntries(rows.map((r) => [r.category, r]));
    expect(by.road_corridor).toMatchObject({ n: 8, lines: 8 });
    expect(by.rail_corridor).toMatchObject({ n: 1, lines: 1 });
    for (const category of ['transport_hub', 'hotel', 'heritage_site', 'college_university']) {
      expect(by[category]?.n, category).toBeGreaterThan(0);
      expect(by[category]?.lines, category).toBe(0);
    }
    // Lines are corridors only, and every category outside the two corridors has none.
    expect(rows.reduce((s, r) => s + r.lines, 0)).toBe(9);
    const real = await one<{ ferries: number; airport: number }>(
      `SELECT count(*) FILTER (WHERE source LIKE 'OpenStreetMap (%')::int AS ferries,
         count(*) FILTER (WHERE source LIKE 'OurAirports%' AND GeometryType(geom) = 'POLYGON')::int AS airport
       FROM key_sites WHERE category = 'transport_hub'`,
    );
    expect(real.ferries).toBeGreaterThanOrEqual(3);
    expect(real.airport).toBe(1);
  });

  it('puts every synthetic key site on land, inside the unit it names (a corridor through it)', async () => {
    const outside = await one<{ n: number }>(`
      SELECT count(*)::int AS n FROM key_sites k JOIN admin_units u ON u.code = k.admin_unit_code
      WHERE k.source LIKE 'demo (synthetic%' AND NOT (CASE
        WHEN k.category IN ('road_corridor', 'rail_corridor') THEN ST_Intersects(u.geom, k.geom)
        ELSE ST_Covers(u.geom, k.geom) END)`);
    expect(outside.n).toBe(0);
    const unplaced = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM key_sites WHERE source LIKE 'demo (synthetic%' AND admin_unit_code IS NULL`,
    );
    expect(unplaced.n).toBe(0);
  });

  it('has 20–40 site offers by the demo communes, each in its commune and mostly published', async () => {
    const offers = await one<{
      n: number;
      published: number;
      misplaced: number;
      roofs_without_height: number;
    }>(`
      SELECT count(*)::int AS n,
             count(*) FILTER (WHERE s.status = 'published')::int AS published,
             count(*) FILTER (WHERE s.admin_unit_code IS DISTINCT FROM o.admin_unit_code
               OR NOT ST_Covers(u.geom, s.geom))::int AS misplaced,
             count(*) FILTER (WHERE s.offer_kind = 'building_roof' AND s.building_height_m IS NULL)::int AS roofs_without_height
      FROM site_offers s JOIN organisations o ON o.id = s.offering_org_id
      JOIN admin_units u ON u.code = s.admin_unit_code
      WHERE o.code LIKE 'UBND-%'`);
    expect(offers.n).toBeGreaterThanOrEqual(20);
    expect(offers.n).toBeLessThanOrEqual(40);
    expect(offers.published).toBeGreaterThan(offers.n / 2);
    expect(offers.misplaced).toBe(0);
    expect(offers.roofs_without_height).toBe(0);
  });
});
