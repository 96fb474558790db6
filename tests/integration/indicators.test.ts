/**
 * Indicators against Plan 317's 2030 targets through the API, on a made-up ward (code 95xxx) in
 * the Indian Ocean (around 60° E, 5° S), far from the demo data and other tests' fixtures, whose
 * figures are worked out by hand below. Lines run north–south, so their length is Δlat × the
 * metres of a degree of latitude there (WGS 84).
 */
import { metresPerDegreeLat, metresPerDegreeLng } from '@hatang/analysis';
import type { IndicatorReport, IndicatorValue } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../apps/api/src/app.js';
import { createOrganisation, insertTestUnit, squareWkt, testCellId } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { plansApp } from './plans-support.js';

let db: Database;
let app: App;
let planner: Session;
let viewer: Session;
let reviewer: Session;
let owner: string;
let draftId: string;

/** The ward's code (a made-up 9xxxx one). */
let UNIT: string;
// The ward: a 0.04° square from (L, B).
const L = 60;
const B = -5;
const K_LAT = metresPerDegreeLat(B + 0.02);
/** `[lng, lat]` east/north metres from A = (L + 0.02, B + 0.01), the first tower. */
const fromA = (eastM: number, northM: number): [number, number] => [
  L + 0.02 + eastM / metresPerDegreeLng(B + 0.01),
  B + 0.01 + northM / K_LAT,
];
const A = fromA(0, 0);
const CELL_B = fromA(600, 0);
const CELL_C = fromA(0, 1500);
const line = (x: number, y0: number, y1: number) => `LINESTRING(${L + x} ${B + y0}, ${L + x} ${B + y1})`;
const km = (deg: number) => (deg * K_LAT) / 1000;

async function insertAsset(table: string, columns: string, values: string, params: unknown[]) {
  await db.query(`INSERT INTO ${table} (id, code, owner_org_id, ${columns}) VALUES ($1, $2, $3, ${values})`, [
    crypto.randomUUID(),
    `IND-${crypto.randomUUID().slice(0, 8)}`,
    owner,
    ...params,
  ]);
}

async function tower(at: [number, number], status: string, tenants: { op: string; techs: string[] }[]) {
  const id = crypto.randomUUID();
  await db.query(
    `INSERT INTO towers (id, code, owner_org_id, status, tower_class, structure, placement, height_m,
       antenna_slots_total, tenants_max, admin_unit_code, geom)
     VALUES ($1, $2, $3, $4, 'A2b', 'monopole', 'ground', 30, 12, 3, $5, ST_SetSRID(ST_MakePoint($6, $7), 4326))`,
    [id, `IND-T-${id.slice(0, 8)}`, owner, status, UNIT, at[0], at[1]],
  );
  for (const t of tenants) {
    await db.query(
      `INSERT INTO tenancies (id, tower_id, operator_org_id, technologies, antenna_count, mount_height_m, since)
       VALUES ($1, $2, $3, $4::text[], 2, 30, '2024-01-01')`,
      [crypto.randomUUID(), id, t.op, `{${t.techs.join(',')}}`],
    );
  }
}

beforeAll(async () => {
  db = await testDatabase();
  app = plansApp(db);
  const city = await createOrganisation(db, 'city_department');
  owner = await createOrganisation(db, 'operator');
  const other = await createOrganisation(db, 'operator');
  planner = await sessionFor(app, db, city, ['planner']);
  reviewer = await sessionFor(app, db, await createOrganisation(db, 'construction_department'), ['reviewer']);
  viewer = await sessionFor(app, db, await createOrganisation(db, 'public'), ['viewer']);

  UNIT = await insertTestUnit(db, {
    geomWkt: squareWkt([L + 0.02, B + 0.02], 0.02),
    labelPoint: [L + 0.02, B + 0.02],
    name: 'Phường Chỉ Tiêu',
    unitType: 'ward',
    areaKm2: 19,
    population: 180,
  });
  // Population: A 100 people (under tower 1), B 50 people 600 m east, C 30 people 1.5 km north.
  for (const [i, [at, people]] of (
    [
      [A, 100],
      [CELL_B, 50],
      [CELL_C, 30],
    ] as const
  ).entries()) {
    await db.query(
      `INSERT INTO population_cells (id, admin_unit_code, population, geom) VALUES ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326))`,
      [testCellId(UNIT, i), UNIT, people, at[0], at[1]],
    );
  }
  // Towers (urban: 5G 400 m, 4G 800 m at 30 m): 1 at A with two tenants (4G+5G, 4G); 2 with one
  // 4G tenant 1 km west and 700 m north of A (1.22 km from A, 1.28 km from C: covers no cell);
  // 3 with no tenant; a planned one that does not count.
  await tower(A, 'existing', [
    { op: owner, techs: ['4G', '5G'] },
    { op: other, techs: ['4G'] },
  ]);
  await tower(fromA(-1000, 700), 'existing', [{ op: owner, techs: ['4G'] }]);
  await tower(fromA(-1500, 0), 'existing', []);
  await tower(fromA(-1500, 300), 'planned', [{ op: owner, techs: ['5G'] }]);

  // Cables: aerial 0.009° inside, + 0.010° crossing the north edge (0.005° inside); underground 0.004°.
  const cable = (geom: string, placement: string, status = 'existing') =>
    insertAsset(
      'cable_routes',
      'status, cable_type, core_count, placement, geom',
      `$4, 'fiber', 48, $5, ST_GeomFromText($6, 4326)`,
      [status, placement, geom],
    );
  await cable(line(0.005, 0.002, 0.011), 'aerial');
  await cable(line(0.035, 0.035, 0.045), 'aerial');
  await cable(line(0.006, 0.002, 0.006), 'underground');
  await cable(line(0.009, 0.002, 0.03), 'aerial', 'planned');
  // Ducts: 0.010° existing; a decommissioned one that does not count.
  const duct = (geom: string, status: string) =>
    insertAsset(
      'ducts',
      'status, tubes_total, tubes_used, diameter_mm, depth_m, geom',
      `$4, 6, 2, 110, 0.8, ST_GeomFromText($5, 4326)`,
      [status, geom],
    );
  await duct(line(0.007, 0.002, 0.012), 'existing');
  await duct(line(0.008, 0.002, 0.012), 'decommissioned');
  // A landing station and WiFi points: 2 cultural houses and a commune centre inside, one outside.
  await insertAsset(
    'landing_stations',
    'status, name, protection_radius_m, geom',
    `'existing', 'Trạm cập bờ thử', 500, ST_SetSRID(ST_MakePoint($4, $5), 4326)`,
    [L + 0.03, B + 0.03],
  );
  const wifi = (x: number, siteType: string) =>
    insertAsset(
      'wifi_points',
      'status, name, site_type, bandwidth_mbps, geom',
      `'existing', 'Điểm WiFi', $4, 100, ST_SetSRID(ST_MakePoint($5, $6), 4326)`,
      [siteType, L + x, B + 0.03],
    );
  await wifi(0.01, 'cultural_house');
  await wifi(0.011, 'cultural_house');
  await wifi(0.012, 'commune_centre');
  await wifi(0.05, 'cultural_house');

  // Data centres: two in service (one LOTUS-certified), a green one planned (does not count yet).
  const dataCentre = (status: string, green: string, x: number) =>
    insertAsset(
      'data_centres',
      'status, name, green_certification, power_mw, geom',
      `$4, 'TTDL thử', $5, 5, ST_SetSRID(ST_MakePoint($6, $7), 4326)`,
      [status, green, L + x, B + 0.025],
    );
  await dataCentre('existing', 'lotus', 0.01);
  await dataCentre('existing', 'none', 0.011);
  await dataCentre('planned', 'leed', 0.012);
  // Main streets: a primary street 0.010° and a secondary one 0.005° (north–south); a local street
  // does not count. An existing camera on the primary street with a 100 m view sees 200 m of it;
  // a planned camera and an IoT sensor on the secondary street see nothing that counts.
  const street = (streetClass: string, geom: string) =>
    db.query(
      `INSERT INTO streets (id, name, street_class, geom) VALUES ($1, 'Phố thử', $2, ST_GeomFromText($3, 4326))`,
      [crypto.randomUUID(), streetClass, geom],
    );
  await street('primary', line(0.03, 0.002, 0.012));
  await street('secondary', line(0.033, 0.002, 0.007));
  await street('local', line(0.036, 0.002, 0.012));
  const device = (status: string, type: string, viewRangeM: number | null, x: number) =>
    insertAsset(
      'street_devices',
      'status, device_type, view_range_m, geom',
      `$4, $5, $6, ST_SetSRID(ST_MakePoint($7, $8), 4326)`,
      [status, type, viewRangeM, L + x, B + 0.007],
    );
  await device('existing', 'surveillance_camera', 100, 0.03);
  await device('planned', 'surveillance_camera', 100, 0.033);
  await device('existing', 'iot_sensor', null, 0.033);
  await device('existing', 'surveillance_camera', 100, 0.036);

  // Key sites (fiber within 200 m of a fiber route or duct, WiFi within 100 m, 5G by the model):
  // a school at A (5G from tower 1), a hospital 0.0005° east of the aerial fiber cable (fiber), a
  // state agency 0.0001° from the planned unphased duct, a tourist site 100 m east of C (the
  // planned tower area's 5G from 2030), a cultural house on a WiFi point, and a commune centre
  // 0.0005° from the planned WiFi point (from 2027).
  const keySite = (category: string, at: readonly [number, number]) =>
    db.query(
      `INSERT INTO key_sites (id, category, name, admin_unit_code, source, geom)
       VALUES ($1, $2, $3, $4, 'test', ST_SetSRID(ST_MakePoint($5, $6), 4326))`,
      [crypto.randomUUID(), category, `Điểm ${category}`, UNIT, at[0], at[1]],
    );
  await keySite('school', A);
  await keySite('hospital', [L + 0.0055, B + 0.005]);
  await keySite('state_agency', [L + 0.0151, B + 0.005]);
  await keySite('tourist_site', fromA(100, 1500));
  await keySite('cultural_house', [L + 0.01, B + 0.03]);
  await keySite('commune_centre', [L + 0.0225, B + 0.02]);

  // A plan: baseline (copies the register, including the fixture) and a draft forked from it.
  const plan = await call<{ id: string }>(app, 'POST', '/api/v1/plans', {
    as: planner,
    json: { name: 'Kế hoạch chỉ tiêu' },
  });
  const baseline = await call<{ id: string }>(app, 'POST', `/api/v1/plans/${plan.body.id}/baseline`, {
    as: planner,
    json: { name: 'Hiện trạng' },
  });
  const draft = await call<{ id: string }>(app, 'POST', `/api/v1/plan-versions/${baseline.body.id}/fork`, {
    as: planner,
    json: { name: 'Phương án chỉ tiêu' },
  });
  draftId = draft.body.id;
  const item = async (geometry: unknown, properties: Record<string, unknown>) => {
    const r = await call(app, 'POST', `/api/v1/plan-versions/${draftId}/items`, {
      as: planner,
      json: { type: 'Feature', geometry, properties },
    });
    if (r.status !== 201) throw new Error(`item: ${r.status} ${JSON.stringify(r.body)}`);
  };
  const lineOf = (x: number, y0: number, y1: number) => ({
    type: 'LineString',
    coordinates: [
      [L + x, B + y0],
      [L + x, B + y1],
    ],
  });
  const point = (at: readonly [number, number]) => ({ type: 'Point', coordinates: [at[0], at[1]] });
  await item(lineOf(0.005, 0.002, 0.005), { kind: 'undergrounding', phase: '2026-2027' });
  await item(lineOf(0.0051, 0.005, 0.011), { kind: 'undergrounding', phase: '2028-2030' });
  await item(lineOf(0.0052, 0.002, 0.011), {
    kind: 'undergrounding',
    phase: '2026-2027',
    status: 'cancelled',
  });
  await item(lineOf(0.015, 0.002, 0.007), { kind: 'duct_route' });
  // Outside the ward (0.1° east): only city-wide.
  await item(lineOf(0.2, 0.002, 0.012), { kind: 'duct_route', phase: '2026-2027' });
  const d = 0.0009;
  await item(
    {
      type: 'Polygon',
      coordinates: [
        [
          [CELL_C[0] - d, CELL_C[1] - d],
          [CELL_C[0] + d, CELL_C[1] - d],
          [CELL_C[0] + d, CELL_C[1] + d],
          [CELL_C[0] - d, CELL_C[1] + d],
          [CELL_C[0] - d, CELL_C[1] - d],
        ],
      ],
    },
    {
      kind: 'tower_area',
      phase: '2028-2030',
      attributes: { towerClass: 'A2b', maxHeightM: 30, tenantsPlanned: 3 },
    },
  );
  await item(point(CELL_B), { kind: 'tower_site', phase: '2031-2040', attributes: { heightM: 30 } });
  await item(point([L + 0.02, B + 0.02]), {
    kind: 'data_centre',
    phase: '2028-2030',
    attributes: { isGreen: true },
  });
  await item(point([L + 0.021, B + 0.02]), { kind: 'data_centre', phase: '2026-2027' });
  await item(point([L + 0.022, B + 0.02]), {
    kind: 'wifi_point',
    phase: '2026-2027',
    attributes: { siteType: 'cultural_house' },
  });
  // The API keeps landing stations to the Hai Phong coast (its basemap), which this ward is far
  // from: the planned one is written straight into the table.
  await db.query(
    `INSERT INTO plan_items (id, plan_version_id, origin_id, kind, phase, status, geom)
     VALUES ($1, $2, $1, 'landing_station', '2028-2030', 'planned', ST_SetSRID(ST_MakePoint($3, $4), 4326))`,
    [crypto.randomUUID(), draftId, L + 0.031, B + 0.03],
  );
});

const byKey = (report: IndicatorReport) => new Map(report.indicators.map((v) => [v.key, v]));
function expectFigures(value: IndicatorValue | undefined, actual: number | null, planned: number[] | null) {
  expect(value, 'indicator present').toBeDefined();
  if (actual === null) expect(value?.actual).toBeNull();
  else expect(value?.actual).toBeCloseTo(actual, 2);
  if (!planned) return expect(value?.planned).toBeNull();
  const got = value?.planned;
  expect([got?.['2027'], got?.['2030'], got?.['2040']].map((x) => Number(x))).toEqual(
    planned.map((x, i) => expect.closeTo(x, i >= 0 ? 2 : 2)),
  );
}

describe('indicators of the register in one ward', () => {
  it('measures population coverage, cables, towers, ducts and counts by hand', async () => {
    const r = await call<IndicatorReport>(app, 'GET', `/api/v1/indicators?commune=${UNIT}`, { as: viewer });
    expect(r.status).toBe(200);
    expect(r.body.commune).toEqual({ code: UNIT, name: 'Phường Chỉ Tiêu' });
    expect(r.body.version).toBeNull();
    const v = byKey(r.body);
    // 5G: A (100 of 180); 4G: A and B (150 of 180).
    expectFigures(v.get('population5gPercent'), 55.56, null);
    expect(v.get('population5gPercent')?.actualParts).toEqual({ part: 100, whole: 180 });
    expect(v.get('population5gPercent')?.target).toMatchObject({
      value: 100,
      year: 2030,
      source: 'Plan 317, section II.2',
    });
    expectFigures(v.get('population4gPercent'), 83.33, null);
    // Aerial 0.009° + 0.005° inside; underground 0.004°; ducts 0.010°.
    expectFigures(v.get('cableAerialKm'), km(0.014), null);
    expectFigures(v.get('cableUndergroundKm'), km(0.004), null);
    expectFigures(v.get('undergroundCableSharePercent'), (4 / 18) * 100, null);
    expectFigures(v.get('ductKm'), km(0.01), null);
    // Towers: 2 + 1 + 0 tenants on 3 existing towers; one shared.
    expectFigures(v.get('tenantsPerTower'), 1, null);
    expectFigures(v.get('sharedTowerPercent'), 33.33, null);
    expectFigures(v.get('towerCount'), 3, null);
    expectFigures(v.get('landingStations'), 1, null);
    expectFigures(v.get('wifiPoints'), 3, null);
    expect(v.get('wifiPoints')?.breakdown).toEqual({ cultural_house: 2, commune_centre: 1 });
    // Key sites: of the school, hospital, state agency and tourist site, the hospital has fiber
    // and the school 5G; of the cultural house and commune centre, the cultural house has WiFi.
    expectFigures(v.get('keySitesFiberPercent'), 25, null);
    expect(v.get('keySitesFiberPercent')?.actualParts).toEqual({ part: 1, whole: 4 });
    expect(v.get('keySitesFiberPercent')?.breakdown).toMatchObject({ hospital: 100, school: 0 });
    expectFigures(v.get('keySites5gPercent'), 25, null);
    expectFigures(v.get('communeWifiPercent'), 50, null);
    expectFigures(v.get('dataCentres'), 2, null);
    expectFigures(v.get('greenDataCentres'), 1, null);
    // 200 m of the primary street seen, of 0.015° of main streets (the local one does not count).
    const cameras = v.get('mainStreetCameraPercent');
    expect(cameras?.actualParts?.part).toBeCloseTo(200, 0);
    expect(cameras?.actualParts?.whole).toBeCloseTo(0.015 * K_LAT, 0);
    expect(cameras?.actual).toBeCloseTo((200 / (0.015 * K_LAT)) * 100, 1);
    expect(r.body.unavailable).toEqual([]);
  });

  it('refuses an unknown commune (404) and a malformed one (400)', async () => {
    expect((await call(app, 'GET', '/api/v1/indicators?commune=00000', { as: viewer })).status).toBe(404);
    const bad = await call<{ error: { code: string; details: { path: string[] }[] } }>(
      app,
      'GET',
      '/api/v1/indicators?commune=HP&year=2030',
      { as: viewer },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => d.path.join('.')).sort()).toEqual(['query', 'query.commune']);
  });

  it('is for signed-in users only', async () => {
    expect((await call(app, 'GET', '/api/v1/indicators')).status).toBe(401);
  });
});

// The cache test changes the draft the figures above are read from: these steps stay in order in a
// shuffled run (--sequence.shuffle), which then shuffles only the files.
describe('indicators of a plan version: target, actual and planned by milestone', { shuffle: false }, () => {
  it('adds the version’s items at the end of their phase, and not the baseline’s register copies', async () => {
    const r = await call<IndicatorReport>(
      app,
      'GET',
      `/api/v1/plan-versions/${draftId}/indicators?commune=${UNIT}`,
      {
        as: planner,
      },
    );
    expect(r.status).toBe(200);
    expect(r.body.version).toMatchObject({ id: draftId, kind: 'draft' });
    const v = byKey(r.body);
    // 5G: the tower area at C (30 people) from 2030, the tower site at B (50) from 2040.
    expectFigures(v.get('population5gPercent'), 55.56, [55.56, 72.22, 100]);
    expectFigures(v.get('population4gPercent'), 83.33, [83.33, 83.33, 83.33]);
    // Undergrounding: 0.003° by 2027, + 0.006° by 2030; the cancelled one never.
    expectFigures(v.get('undergroundingKm'), null, [km(0.003), km(0.009), km(0.009)]);
    expectFigures(v.get('cableAerialKm'), km(0.014), [km(0.011), km(0.005), km(0.005)]);
    expectFigures(v.get('undergroundCableSharePercent'), (4 / 18) * 100, [
      (7 / 18) * 100,
      (13 / 18) * 100,
      (13 / 18) * 100,
    ]);
    // Towers: + a tower area for 3 tenants (2030) and a tower site (2040).
    expectFigures(v.get('tenantsPerTower'), 1, [1, 1.5, 1.4]);
    expectFigures(v.get('sharedTowerPercent'), 33.33, [33.33, 50, 40]);
    expectFigures(v.get('plannedTowerAreaTenants'), null, [0, 3, 3]);
    // Ducts: the unphased 0.005° route counts at 2040; the one outside the ward not at all.
    expectFigures(v.get('ductKm'), km(0.01), [km(0.01), km(0.01), km(0.015)]);
    expectFigures(v.get('landingStations'), 1, [1, 2, 2]);
    // The register's 2 (1 green) plus the draft's data-centre items at each milestone.
    expectFigures(v.get('dataCentres'), 2, [3, 4, 4]);
    expectFigures(v.get('greenDataCentres'), 1, [1, 2, 2]);
    expect(v.get('greenDataCentres')?.target).toMatchObject({ value: 2, max: 3 });
    expectFigures(v.get('wifiPoints'), 3, [4, 4, 4]);
    // Key sites: the state agency gets fiber from the unphased duct (2040), the tourist site 5G
    // from the tower area (2030), the commune centre WiFi from the planned point (2027).
    expectFigures(v.get('keySitesFiberPercent'), 25, [25, 25, 50]);
    expectFigures(v.get('keySites5gPercent'), 25, [25, 50, 50]);
    expectFigures(v.get('communeWifiPercent'), 50, [100, 100, 100]);
  });

  it('counts items outside the ward city-wide', async () => {
    const r = await call<IndicatorReport>(app, 'GET', `/api/v1/plan-versions/${draftId}/indicators`, {
      as: planner,
    });
    expect(r.body.commune).toBeNull();
    const duct = byKey(r.body).get('ductKm');
    // Register + this version's routes: 0.005° (2040) and 0.010° outside the ward (2027).
    expect((duct?.planned?.['2027'] ?? 0) - (duct?.actual ?? 0)).toBeCloseTo(km(0.01), 2);
    expect((duct?.planned?.['2040'] ?? 0) - (duct?.actual ?? 0)).toBeCloseTo(km(0.015), 2);
  });

  it('answers from the cache until the version changes, then recomputes', async () => {
    const path = `/api/v1/plan-versions/${draftId}/indicators?commune=${UNIT}`;
    // Other test files may write to the register of a shared server database between two calls
    // (a new cache key): ask again until two calls in a row see the same data.
    let first = await call<IndicatorReport>(app, 'GET', path, { as: planner });
    let again = await call<IndicatorReport>(app, 'GET', path, { as: planner });
    for (let i = 0; i < 5 && !again.body.cached; i++) {
      first = again;
      again = await call<IndicatorReport>(app, 'GET', path, { as: planner });
    }
    expect(again.body.cached).toBe(true);
    expect(again.body.indicators).toEqual(first.body.indicators);
    await call(app, 'POST', `/api/v1/plan-versions/${draftId}/items`, {
      as: planner,
      json: {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [A[0] + 0.001, A[1]] },
        properties: { kind: 'wifi_point', phase: '2028-2030' },
      },
    });
    const after = await call<IndicatorReport>(app, 'GET', path, { as: planner });
    expect(after.body.cached).toBe(false);
    expectFigures(byKey(after.body).get('wifiPoints'), 3, [4, 5, 5]);
    console.log(`indicators of a version in one ward: ${JSON.stringify(after.body.timingsMs)} ms`);
  });

  it('hides a draft’s indicators from those who may not read drafts (404), like the version', async () => {
    const path = `/api/v1/plan-versions/${draftId}/indicators`;
    expect((await call(app, 'GET', path, { as: viewer })).status).toBe(404);
    expect((await call(app, 'GET', path, { as: reviewer })).status).toBe(200);
    expect(
      (await call(app, 'GET', `/api/v1/plan-versions/${crypto.randomUUID()}/indicators`, { as: planner }))
        .status,
    ).toBe(404);
  });
});
