import { metresPerDegreeLat, metresPerDegreeLng, radiusTable, servingRadiusM } from '@hatang/analysis';
import type { IndicatorReport } from '@hatang/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../apps/api/src/app.js';
import { createOrganisation, createUnitWithCells } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { plansApp } from './plans-support.js';

/**
 * Plan 317's 5G key areas: transport hubs, road and rail corridors (lines), hotels, heritage sites,
 * colleges. A corridor has 5G when the covered share of its length reaches 0.95 (the default).
 */
type KeySite = {
  id: string;
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown> & { category: string; covered5gLengthShare?: number | null };
};
type Invalid = { error: { code: string; details: { path: string[]; message: string }[] } };
type Rejected = { error: { code: string }; rows: { row: number; field: string; message: string }[] };
type StatusBody = { features: KeySite[]; corridorCoveredShare: number };

let app: App;
let planner: Session;
let viewer: Session;
let unitCode: string;
let centre: [number, number];
/** `eastM` metres east and `northM` north of the unit's centre, [lng, lat]. */
const at = (eastM: number, northM = 0): [number, number] => [
  Number((centre[0] + eastM / metresPerDegreeLng(centre[1])).toFixed(7)),
  Number((centre[1] + northM / metresPerDegreeLat(centre[1])).toFixed(7)),
];
const feature = (geometry: unknown, properties: Record<string, unknown>) => ({
  type: 'Feature',
  geometry,
  properties: { adminUnitCode: unitCode, ...properties },
});
const line = (...points: [number, number][]) => ({ type: 'LineString', coordinates: points });
const create = (json: unknown) =>
  call<KeySite & Invalid>(app, 'POST', '/api/v1/key-sites', { as: planner, json });

beforeAll(async () => {
  const db = await testDatabase();
  app = plansApp(db);
  centre = [-11.5 - Math.random() * 0.5, 8.5 + Math.random() * 0.5];
  unitCode = await createUnitWithCells(db, centre, 'Xã Hành Lang');
  const city = await createOrganisation(db, 'city_department');
  planner = await sessionFor(app, db, city, ['planner']);
  viewer = await sessionFor(app, db, await createOrganisation(db, 'public'), ['viewer']);
});

describe('key-site categories of Plan 317 III.1: corridors are lines, the rest points or polygons', () => {
  it('stores a road corridor as a LineString and a rail corridor as a MultiLineString', async () => {
    const road = await create(
      feature(line(at(-200, 900), at(200, 900)), { category: 'road_corridor', name: 'Tuyến QL thử' }),
    );
    expect(road.status).toBe(201);
    expect(road.body.geometry.type).toBe('LineString');
    const rail = await create(
      feature(
        {
          type: 'MultiLineString',
          coordinates: [
            [at(-200, 950), at(0, 950)],
            [at(50, 950), at(200, 950)],
          ],
        },
        { category: 'rail_corridor', name: 'Tuyến đường sắt thử' },
      ),
    );
    expect(rail.status).toBe(201);
    const read = await call<KeySite>(app, 'GET', `/api/v1/key-sites/${rail.body.id}`, { as: viewer });
    expect(read.body.geometry).toEqual({
      type: 'MultiLineString',
      coordinates: [
        [at(-200, 950), at(0, 950)],
        [at(50, 950), at(200, 950)],
      ],
    });
    for (const site of [road, rail])
      expect((await call(app, 'DELETE', `/api/v1/key-sites/${site.body.id}`, { as: planner })).status).toBe(
        204,
      );
  });

  it('refuses a point corridor and a line hotel with a 400 naming geometry.type', async () => {
    const pointRoad = await create(
      feature({ type: 'Point', coordinates: at(0) }, { category: 'road_corridor', name: 'Đường điểm' }),
    );
    expect(pointRoad.status).toBe(400);
    expect(pointRoad.body.error.details).toEqual([
      { path: ['geometry', 'type'], message: expect.stringContaining('LineString') },
    ]);
    const lineHotel = await create(
      feature(line(at(0), at(100)), { category: 'hotel', name: 'Khách sạn dài' }),
    );
    expect(lineHotel.status).toBe(400);
    expect(lineHotel.body.error.details.map((d) => d.path.join('.'))).toEqual(['geometry.type']);
    expect(lineHotel.body.error.details[0]?.message).toMatch(/hotel.*"Point" or "Polygon"/);

    // A PATCH that turns a hotel into a line is refused the same way, and a broken part is located.
    const hotel = await create(
      feature({ type: 'Point', coordinates: at(10) }, { category: 'hotel', name: 'KS' }),
    );
    expect(hotel.status).toBe(201);
    const patched = await call<Invalid>(app, 'PATCH', `/api/v1/key-sites/${hotel.body.id}`, {
      as: planner,
      json: { geometry: line(at(0), at(100)) },
      headers: { 'if-match': '1' },
    });
    expect(patched.status).toBe(400);
    expect(patched.body.error.details.map((d) => d.path.join('.'))).toEqual(['geometry.type']);
    const broken = await create(
      feature(
        { type: 'MultiLineString', coordinates: [[at(0), at(100)], [at(0)]] },
        { category: 'rail_corridor', name: 'Hỏng' },
      ),
    );
    expect(broken.status).toBe(400);
    expect(broken.body.error.details[0]?.path.slice(0, 3)).toEqual(['geometry', 'coordinates', 1]);
    await call(app, 'DELETE', `/api/v1/key-sites/${hotel.body.id}`, { as: planner });
  });

  it('imports corridors from GeoJSON LineStrings and CSV WKT, and refuses a line hotel by row', async () => {
    const file = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: 'Tuyến nhập GeoJSON', category: 'road_corridor', adminUnitCode: unitCode },
          geometry: line(at(-300, -900), at(300, -900)),
        },
        {
          type: 'Feature',
          properties: { name: 'Ga nhập GeoJSON', category: 'transport_hub', adminUnitCode: unitCode },
          geometry: { type: 'Point', coordinates: at(0, -880) },
        },
      ],
    };
    const geojson = await call<{ imported: number; ids: string[] }>(app, 'POST', '/api/v1/key-sites/import', {
      as: planner,
      json: { format: 'geojson', content: JSON.stringify(file) },
    });
    expect(geojson.status).toBe(201);
    expect(geojson.body.imported).toBe(2);
    const [a, b] = [at(-300, -950), at(300, -950)];
    const csv = `name,category,adminUnitCode,wkt\nTuyến nhập CSV,rail_corridor,${unitCode},"LINESTRING(${a[0]} ${a[1]}, ${b[0]} ${b[1]})"\n`;
    const fromCsv = await call<{ ids: string[] }>(app, 'POST', '/api/v1/key-sites/import', {
      as: planner,
      json: { format: 'csv', content: csv },
    });
    expect(fromCsv.status).toBe(201);
    const rail = await call<KeySite>(app, 'GET', `/api/v1/key-sites/${fromCsv.body.ids[0]}`, { as: viewer });
    expect(rail.body).toMatchObject({
      geometry: { type: 'LineString' },
      properties: { category: 'rail_corridor' },
    });

    const wrong = `name,category,wkt\nKhách sạn tuyến,hotel,"LINESTRING(${a[0]} ${a[1]}, ${b[0]} ${b[1]})"\n`;
    const refused = await call<Rejected>(app, 'POST', '/api/v1/key-sites/import', {
      as: planner,
      json: { format: 'csv', content: wrong },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.rows).toEqual([
      { row: 1, field: 'geometry', message: expect.stringContaining('hotel') },
    ]);
    for (const id of [...geojson.body.ids, ...fromCsv.body.ids])
      await call(app, 'DELETE', `/api/v1/key-sites/${id}`, { as: planner });
  });
});

describe('a corridor counts for 5G by the covered share of its length', { shuffle: false }, () => {
  // A rural commune (225 people/km²): a 5G tower at the centre serves `radius` metres.
  const radius = servingRadiusM(radiusTable(), '5G-sub6', 'rural', 30);
  let full: string;
  let half: string;

  it('flags a fully covered corridor and not a half covered one', async () => {
    const db = await testDatabase();
    const owner = await createOrganisation(db, 'operator');
    const operator = await createOrganisation(db, 'operator');
    const towerId = crypto.randomUUID();
    const [tx, ty] = at(0);
    await db.query(
      `INSERT INTO towers (id, code, owner_org_id, status, tower_class, structure, placement, height_m, antenna_slots_total,
         tenants_max, admin_unit_code, geom)
       VALUES ($1, $2, $3, 'existing', 'A2b', 'monopole', 'ground', 30, 12, 3, $4, ST_SetSRID(ST_MakePoint($5, $6), 4326))`,
      [towerId, `KC-${towerId.slice(0, 6)}`, owner, unitCode, tx, ty],
    );
    await db.query(
      `INSERT INTO tenancies (id, tower_id, operator_org_id, technologies, antenna_count, mount_height_m, since)
       VALUES ($1, $2, $3, '{5G}', 2, 30, '2024-01-01')`,
      [crypto.randomUUID(), towerId, operator],
    );
    // Fully inside the radius: 0.9 × radius either side of the tower, 10 m north of it.
    const inside = await create(
      feature(line(at(-0.9 * radius, 10), at(0.9 * radius, 10)), {
        category: 'road_corridor',
        name: 'Tuyến phủ đủ',
      }),
    );
    // From the tower to twice the radius east: half of it inside.
    const halfway = await create(
      feature(line(at(0, -10), at(2 * radius, -10)), { category: 'rail_corridor', name: 'Tuyến phủ nửa' }),
    );
    expect([inside.status, halfway.status]).toEqual([201, 201]);
    full = inside.body.id;
    half = halfway.body.id;

    const status = await call<StatusBody>(app, 'GET', `/api/v1/key-sites/status?commune=${unitCode}`, {
      as: viewer,
    });
    expect(status.status).toBe(200);
    expect(status.body.corridorCoveredShare).toBe(0.95);
    const props = (id: string) => status.body.features.find((f) => f.id === id)!.properties;
    expect(props(full)).toMatchObject({ has5g: true, covered5gLengthShare: 1 });
    expect(props(half).has5g).toBe(false);
    expect(props(half).covered5gLengthShare).toBeCloseTo(0.5, 1);

    // A threshold of 0.45 counts the half covered one too.
    const lenient = await call<StatusBody>(
      app,
      'GET',
      `/api/v1/key-sites/status?commune=${unitCode}&corridorCoveredShare=0.45`,
      { as: viewer },
    );
    expect(lenient.body.features.find((f) => f.id === half)!.properties.has5g).toBe(true);
    expect(
      (await call(app, 'GET', '/api/v1/key-sites/status?corridorCoveredShare=1.5', { as: viewer })).status,
    ).toBe(400);
  });

  it('counts corridors and a new hotel in the 5G key-site indicator, with the rule in its breakdown', async () => {
    const report = () =>
      call<IndicatorReport>(app, 'GET', `/api/v1/indicators?commune=${unitCode}`, { as: planner });
    const fiveG = async () => (await report()).body.indicators.find((v) => v.key === 'keySites5gPercent');
    const before = await fiveG();
    // The two corridors: the full one has 5G.
    expect(before?.actualParts).toEqual({ part: 1, whole: 2 });
    expect(before?.breakdown).toMatchObject({
      road_corridor: 100,
      rail_corridor: 0,
      corridorCoveredSharePercent: 95,
    });
    const hotel = await create(
      feature({ type: 'Point', coordinates: at(100, 100) }, { category: 'hotel', name: 'Khách sạn có 5G' }),
    );
    expect(hotel.status).toBe(201);
    const after = await fiveG();
    expect(after?.actualParts).toEqual({ part: 2, whole: 3 });
    expect(after?.breakdown).toMatchObject({ hotel: 100 });
    // A hotel is no broadband site of the plan: the fibre indicator does not count it.
    const fibre = (await report()).body.indicators.find((v) => v.key === 'keySitesFiberPercent');
    expect(fibre?.breakdown).toMatchObject({ hotel: 0 });
    expect(fibre?.actualParts?.whole ?? 0).toBe(0);
  });
});
