import { tmpdir } from 'node:os';
import { metresPerDegreeLat, metresPerDegreeLng } from '@hatang/analysis';
import { fromVn2000, toVn2000 } from '@hatang/geo';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { AnalysisThread } from '../../apps/api/src/features/analysis/analysis-thread.js';
import { ParsePool } from '../../apps/api/src/jobs/parse-pool.js';
import { defaultUploadLimits } from '../../apps/api/src/jobs/upload-limits.js';
import { createOrganisation, createUnitWithCells, sampleFeature } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { plansApp } from './plans-support.js';
import { keySiteFeature } from './sites-support.js';

type KeySite = {
  id: string;
  geometry: { type: string; coordinates: unknown };
  properties: {
    category: string;
    name: string;
    adminUnitCode: string | null;
    source: string | null;
    version: number;
    hasFiber?: boolean;
    has4g?: boolean;
    has5g?: boolean;
    hasWifi?: boolean;
    fiberDistanceM?: number | null;
  };
};
type Summary = {
  category: string;
  total: number;
  withFiber: number;
  with4g: number;
  with5g: number;
  withWifi: number;
};
type StatusBody = { features: KeySite[]; summary: Summary[]; commune: string | null };
type Rejected = { error: { code: string }; rows: { row: number; field: string; message: string }[] };

let app: App;
let planner: Session;
let admin: Session;
let viewer: Session;
let operatorOrg: string;
let unitCode: string;
let centre: [number, number];
/** `eastM` metres east and `northM` north of the unit's centre, [lng, lat]. */
const at = (eastM: number, northM = 0): [number, number] => [
  Number((centre[0] + eastM / metresPerDegreeLng(centre[1])).toFixed(7)),
  Number((centre[1] + northM / metresPerDegreeLat(centre[1])).toFixed(7)),
];

beforeAll(async () => {
  const db = await testDatabase();
  app = plansApp(db);
  centre = [-9.5 - Math.random() * 0.5, 6.5 + Math.random() * 0.5];
  unitCode = await createUnitWithCells(db, centre, 'Xã Trọng Điểm');
  const city = await createOrganisation(db, 'city_department');
  planner = await sessionFor(app, db, city, ['planner']);
  admin = await sessionFor(app, db, city, ['admin']);
  viewer = await sessionFor(app, db, await createOrganisation(db, 'public'), ['viewer']);
  operatorOrg = await createOrganisation(db, 'operator');
});

const create = (as: Session, feature: unknown) =>
  call<KeySite>(app, 'POST', '/api/v1/key-sites', { as, json: feature });

describe('the key sites register', () => {
  it('lets planners create, change and delete key sites, and everyone signed in read them', async () => {
    const created = await create(
      planner,
      keySiteFeature(at(100), { category: 'hospital', name: 'Bệnh viện thử' }),
    );
    expect(created.status).toBe(201);
    expect(created.body.properties).toMatchObject({
      category: 'hospital',
      adminUnitCode: unitCode,
      version: 1,
    });
    const path = `/api/v1/key-sites/${created.body.id}`;
    expect((await call(app, 'GET', path, { as: viewer })).status).toBe(200);
    const renamed = await call<KeySite>(app, 'PATCH', path, {
      as: planner,
      json: { properties: { name: 'Bệnh viện đa khoa thử' } },
      headers: { 'if-match': '1' },
    });
    expect(renamed.body.properties).toMatchObject({ name: 'Bệnh viện đa khoa thử', version: 2 });
    const stale = await call(app, 'PATCH', path, {
      as: planner,
      json: { properties: { name: 'x' } },
      headers: { 'if-match': '1' },
    });
    expect(stale.status).toBe(409);
    expect((await create(viewer, keySiteFeature(at(100)))).status).toBe(403);
    const bad = await call<{ error: { details: { path: string[] }[] } }>(app, 'POST', '/api/v1/key-sites', {
      as: planner,
      json: keySiteFeature(at(100), { category: 'castle', name: '' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => d.path.join('.'))).toEqual(
      expect.arrayContaining(['properties.category', 'properties.name']),
    );
    expect((await call(app, 'DELETE', path, { as: planner })).status).toBe(204);
    const history = await call<{ items: { action: string }[] }>(app, 'GET', `${path}/history`, {
      as: viewer,
    });
    expect(history.body.items.map((i) => i.action)).toEqual(['delete', 'update', 'create']);
  });
});

describe('importing key sites', () => {
  const count = async (name: string) => {
    const db = await testDatabase();
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM key_sites WHERE name = $1', [
      name,
    ]);
    return Number(rows[0]!.n);
  };

  it('imports a CSV with lon/lat columns', async () => {
    const [x1, y1] = at(300);
    const [x2, y2] = at(400);
    const csv = `name,category,lon,lat\nTrường CSV 1,school,${x1},${y1}\nChợ CSV,commercial_area,${x2},${y2}\n`;
    const res = await call<{ imported: number; ids: string[] }>(app, 'POST', '/api/v1/key-sites/import', {
      as: planner,
      json: { format: 'csv', content: csv, source: 'Sở GD&ĐT (thử)' },
    });
    expect(res.status).toBe(201);
    expect(res.body.imported).toBe(2);
    const first = await call<KeySite>(app, 'GET', `/api/v1/key-sites/${res.body.ids[0]}`, { as: viewer });
    expect(first.body.properties).toMatchObject({ adminUnitCode: unitCode, source: 'Sở GD&ĐT (thử)' });
  });

  it('imports VN-2000 X/Y columns (X the northing) to the same place', async () => {
    // A point in Hai Phong, so that EPSG:9210 is meaningful; no unit there in the test database is needed.
    const lngLat: [number, number] = [106.6881, 20.8449];
    const xy = toVn2000(lngLat);
    const csv = `ten;loai;X;Y\nUBND thử VN2000;state_agency;${xy.y.toFixed(3)};${xy.x.toFixed(3)}\n`;
    const res = await call<{ ids: string[] }>(app, 'POST', '/api/v1/key-sites/import', {
      as: planner,
      json: { format: 'csv', content: csv },
    });
    expect(res.status).toBe(201);
    const site = await call<KeySite>(app, 'GET', `/api/v1/key-sites/${res.body.ids[0]}`, { as: viewer });
    const [lng, lat] = site.body.geometry.coordinates as [number, number];
    const back = fromVn2000(xy);
    expect(Math.abs(lng - back[0]) * metresPerDegreeLng(lat)).toBeLessThan(0.05);
    expect(Math.abs(lat - back[1]) * metresPerDegreeLat(lat)).toBeLessThan(0.05);
    await call(app, 'DELETE', `/api/v1/key-sites/${res.body.ids[0]}`, { as: planner });
  });

  it('imports GeoJSON points and polygons', async () => {
    const [x, y] = at(-300);
    const file = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: 'KCN GeoJSON', category: 'industrial_park' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [x, y],
                [x + 0.001, y],
                [x + 0.001, y + 0.001],
                [x, y + 0.001],
                [x, y],
              ],
            ],
          },
        },
        {
          type: 'Feature',
          properties: { name: 'Cảng GeoJSON', category: 'seaport' },
          geometry: { type: 'Point', coordinates: [x, y] },
        },
      ],
    };
    const res = await call<{ imported: number }>(app, 'POST', '/api/v1/key-sites/import', {
      as: admin,
      json: { format: 'geojson', content: JSON.stringify(file) },
    });
    expect(res.status).toBe(201);
    expect(res.body.imported).toBe(2);
  });

  it('reads the file in the parse pool, not on the request thread, under its limits; nothing lands', async () => {
    const db = await testDatabase();
    // One worker, no queue, and at most 3 features per file.
    const pool = new ParsePool({
      ...defaultUploadLimits(tmpdir()),
      poolSize: 1,
      queueSize: 0,
      maxFeatures: 3,
    });
    const small = createApp({ db, auth: { scryptN: TEST_SCRYPT_N }, uploads: pool });
    const as = await sessionFor(small, db, await createOrganisation(db, 'city_department'), ['planner']);
    const [x, y] = at(700);
    const rows = (n: number) =>
      [
        'name,category,lon,lat',
        ...Array.from({ length: n }, (_, i) => `Trường hồ bơi ${i},school,${x},${y}`),
      ].join('\n');
    const send = (content: string) =>
      call<{ rows: { row: number; field: string; message: string }[] }>(
        small,
        'POST',
        '/api/v1/key-sites/import',
        { as, json: { format: 'csv', content } },
      );
    try {
      const held = pool.reserve();
      const busy = await send(rows(1));
      held.release();
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toBeTruthy();
      // A file over a parse limit is a problem with the file as a whole (row 0), like an unreadable one.
      const many = await send(rows(5000));
      expect(many.status, JSON.stringify(many.body)).toBe(400);
      expect(many.body.rows).toEqual([
        { row: 0, field: 'file', message: expect.stringContaining('maxFeatures = 3') },
      ]);
      expect(await count('Trường hồ bơi 0')).toBe(0);
      expect((await send(rows(2))).status).toBe(201);
      expect(await count('Trường hồ bơi 0')).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('lands nothing when any row is wrong, and reports every problem by row and field', async () => {
    const [x, y] = at(500);
    const csv = [
      'name,category,lon,lat,adminUnitCode',
      `Trường tốt,school,${x},${y},`,
      `Trường sai loại,castle,${x},${y},`,
      `,school,${x},abc,`,
      `Trường sai xã,school,${x},${y},12`,
      `Trường xã lạ,school,${x},${y},99998`,
    ].join('\n');
    const res = await call<Rejected>(app, 'POST', '/api/v1/key-sites/import', {
      as: planner,
      json: { format: 'csv', content: csv },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const rows = res.body.rows.map((r) => `${r.row}:${r.field}`);
    expect(rows).toEqual(expect.arrayContaining(['2:category', '3:geometry', '3:name', '4:adminUnitCode']));
    expect(await count('Trường tốt')).toBe(0);

    // Codes that look right but name no unit are found inside the transaction, and also land nothing.
    const unknownUnit = await call<Rejected>(app, 'POST', '/api/v1/key-sites/import', {
      as: planner,
      json: {
        format: 'csv',
        content: [csv.split('\n')[0], csv.split('\n')[1], csv.split('\n')[5]].join('\n'),
      },
    });
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body.rows).toEqual([
      { row: 2, field: 'adminUnitCode', message: 'no admin unit 99998' },
    ]);
    expect(await count('Trường tốt')).toBe(0);

    const broken = await call<Rejected>(app, 'POST', '/api/v1/key-sites/import', {
      as: planner,
      json: { format: 'geojson', content: '{"type":"FeatureCollection"' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.rows[0]).toMatchObject({ row: 0, field: 'file' });
    expect(
      (
        await call(app, 'POST', '/api/v1/key-sites/import', {
          as: viewer,
          json: { format: 'csv', content: csv },
        })
      ).status,
    ).toBe(403);
  });
});

describe('key site status: fiber, 4G, 5G and WiFi', () => {
  it('flags each site just inside and just outside each distance, and sums them per category', async () => {
    // A school at the centre; a fiber route 190 m north of it and a WiFi point 95 m east; another
    // school 400 m south (fiber 590 m away, WiFi ~410 m), a commune centre 4 km east (given the
    // unit: it lies outside the test square). A 4G-only tower 1 km west: rural
    // commune (225 people/km²) → 4G radius 3 500 m at 30 m, 5G none.
    const inside = await create(planner, keySiteFeature(at(0), { name: 'Trường trong' }));
    const outside = await create(planner, keySiteFeature(at(0, -400), { name: 'Trường ngoài' }));
    const centreFar = await create(
      planner,
      keySiteFeature(at(4000, 0), { category: 'commune_centre', name: 'UBND xa', adminUnitCode: unitCode }),
    );
    const db = await testDatabase();
    const owner = await createOrganisation(db, 'operator');
    const route = sampleFeature('cable-routes', owner, `ks-fiber-${crypto.randomUUID().slice(0, 6)}`, at(0));
    route.geometry = { type: 'LineString', coordinates: [at(-300, 190), at(300, 190)] };
    expect((await call(app, 'POST', '/api/v1/cable-routes', { as: admin, json: route })).status).toBe(201);
    const wifi = sampleFeature('wifi-points', owner, `ks-wifi-${crypto.randomUUID().slice(0, 6)}`, at(95));
    wifi.geometry = { type: 'Point', coordinates: at(95) };
    expect((await call(app, 'POST', '/api/v1/wifi-points', { as: admin, json: wifi })).status).toBe(201);
    const towerId = crypto.randomUUID();
    const [tx, ty] = at(-1000);
    await db.query(
      `INSERT INTO towers (id, code, owner_org_id, status, tower_class, structure, placement, height_m, antenna_slots_total,
         tenants_max, admin_unit_code, geom)
       VALUES ($1, $2, $3, 'existing', 'A2b', 'monopole', 'ground', 30, 12, 3, $4, ST_SetSRID(ST_MakePoint($5, $6), 4326))`,
      [towerId, `KS-${towerId.slice(0, 6)}`, owner, unitCode, tx, ty],
    );
    await db.query(
      `INSERT INTO tenancies (id, tower_id, operator_org_id, technologies, antenna_count, mount_height_m, since)
       VALUES ($1, $2, $3, '{4G}', 2, 30, '2024-01-01')`,
      [crypto.randomUUID(), towerId, operatorOrg],
    );

    // The flags are computed in the analysis worker, not on the request thread.
    const asked = vi.spyOn(AnalysisThread.prototype, 'keySiteStatus');
    const status = await call<StatusBody>(app, 'GET', `/api/v1/key-sites/status?commune=${unitCode}`, {
      as: viewer,
    });
    expect(asked).toHaveBeenCalledWith(expect.objectContaining({ commune: unitCode }));
    asked.mockRestore();
    expect(status.status).toBe(200);
    expect(status.body.commune).toBe(unitCode);
    const flags = (id: string) => {
      const p = status.body.features.find((f) => f.id === id)!.properties;
      return { hasFiber: p.hasFiber, has4g: p.has4g, has5g: p.has5g, hasWifi: p.hasWifi };
    };
    expect(flags(inside.body.id)).toEqual({ hasFiber: true, has4g: true, has5g: false, hasWifi: true });
    expect(flags(outside.body.id)).toEqual({ hasFiber: false, has4g: true, has5g: false, hasWifi: false });
    // 5 km from the tower: beyond its 3.5 km.
    expect(flags(centreFar.body.id)).toEqual({ hasFiber: false, has4g: false, has5g: false, hasWifi: false });
    const schools = status.body.summary.find((s) => s.category === 'school')!;
    expect(schools.withFiber).toBeGreaterThanOrEqual(1);
    expect(schools.total - schools.withFiber).toBeGreaterThanOrEqual(1);

    // Configurable distances: 600 m of fiber reaches the second school too; 90 m of WiFi misses the first.
    const wide = await call<StatusBody>(
      app,
      'GET',
      `/api/v1/key-sites/status?commune=${unitCode}&fiberDistanceM=600&wifiDistanceM=90`,
      { as: viewer },
    );
    const wideFlags = (id: string) => wide.body.features.find((f) => f.id === id)!.properties;
    expect(wideFlags(outside.body.id).hasFiber).toBe(true);
    expect(wideFlags(inside.body.id).hasWifi).toBe(false);
    // Moved to just outside 200 m (210 m) the first school loses fiber at the default distance.
    await call(app, 'PATCH', `/api/v1/key-sites/${inside.body.id}`, {
      as: planner,
      json: { geometry: { type: 'Point', coordinates: at(0, -20) } },
      headers: { 'if-match': '1' },
    });
    const after = await call<StatusBody>(
      app,
      'GET',
      `/api/v1/key-sites/status?commune=${unitCode}&category=school`,
      {
        as: viewer,
      },
    );
    const moved = after.body.features.find((f) => f.id === inside.body.id)!.properties;
    expect(moved.hasFiber).toBe(false);
    expect(moved.fiberDistanceM).toBeCloseTo(210, 0);
    expect(after.body.features.every((f) => f.properties.category === 'school')).toBe(true);

    const bad = await call(app, 'GET', '/api/v1/key-sites/status?fiberDistanceM=-5', { as: viewer });
    expect(bad.status).toBe(400);
  });
});
