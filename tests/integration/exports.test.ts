import { unzip } from '@hatang/geo/formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, sampleFeature } from '../support/fixtures.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { type ImportsApp, type ImportView, importsTestApp, upload } from './imports-app.js';

let app: ImportsApp;
let planner: Session;
let source: string;
let db: Awaited<ReturnType<typeof testDatabase>>;

type Feature = {
  id: string;
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
};

const base = Math.random() * 0.05;
const at = (i: number): [number, number] => [Number((106.62 + base + i * 0.0007).toFixed(6)), 20.8];
const t = crypto.randomUUID().slice(0, 6);

async function post(session: Session, path: string, json: unknown) {
  const response = await app.request(path, {
    method: 'POST',
    headers: { ...session.headers, 'content-type': 'application/json' },
    body: JSON.stringify(json),
  });
  return { status: response.status, body: (await response.json()) as Feature };
}

async function download(path: string, session?: Session) {
  const response = await app.request(path, { headers: session?.headers ?? {} });
  return {
    status: response.status,
    headers: response.headers,
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

async function features(path: string, ownerOrgId: string): Promise<Feature[]> {
  const response = await app.request(`/api/v1/${path}?ownerOrgId=${ownerOrgId}&limit=1000`, {
    headers: planner.headers,
  });
  const body = (await response.json()) as { features: Feature[] };
  return body.features.sort((a, b) => String(a.properties.code).localeCompare(String(b.properties.code)));
}

beforeAll(async () => {
  db = await testDatabase();
  app = importsTestApp(db);
  planner = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
  source = await createOrganisation(db);
  for (let i = 0; i < 3; i++) {
    const wifi = sampleFeature('wifi-points', source, `rt-${t}-w${i}`, at(i));
    wifi.properties.name = `Nhà văn hóa thôn Đông ${i}, "Hải Phòng"`;
    expect((await post(planner, '/api/v1/wifi-points', wifi)).status).toBe(201);
    expect(
      (await post(planner, '/api/v1/ducts', sampleFeature('ducts', source, `rt-${t}-d${i}`, at(i + 5))))
        .status,
    ).toBe(201);
  }
});

const EDITABLE = [
  'code',
  'status',
  'name',
  'siteType',
  'bandwidthMbps',
  'tubesTotal',
  'tubesUsed',
  'diameterMm',
  'depthM',
  'fromManholeId',
  'toManholeId',
];
const pick = (p: Record<string, unknown>) =>
  Object.fromEntries(EDITABLE.filter((k) => k in p).map((k) => [k, p[k]]));

function closeTo(a: unknown, b: unknown, tolerance: number): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= tolerance;
  return (
    Array.isArray(a) &&
    Array.isArray(b) &&
    a.length === b.length &&
    a.every((x, i) => closeTo(x, b[i], tolerance))
  );
}

const CASES = [
  ['geojson', 'EPSG:4326', 'geojson'],
  ['geojson', 'EPSG:9210', 'geojson'],
  ['csv', 'EPSG:4326', 'csv'],
  ['kml', 'EPSG:4326', 'kml'],
  ['shapefile', 'EPSG:4326', 'zip'],
  ['shapefile', 'EPSG:9210', 'zip'],
  ['gpkg', 'EPSG:9210', 'gpkg'],
] as const;

describe.each(CASES)('round trip through %s in %s', (format, crs, extension) => {
  it.each(['wifi-points', 'ducts'])(
    'exports %s and imports them back as the same features',
    async (layer) => {
      const exported = await download(
        `/api/v1/exports/${layer}?format=${format}&crs=${crs}&ownerOrgId=${source}`,
        planner,
      );
      expect(exported.status).toBe(200);
      expect(exported.headers.get('x-feature-count')).toBe('3');
      const target = await createOrganisation(db);
      const { body } = await upload(
        app,
        planner,
        { name: `${layer}.${extension}`, content: exported.bytes },
        layer,
      );
      expect(body.error).toBeNull();
      expect(body.detectedCrs ?? 'EPSG:4326').toBe(crs);
      const mapping = { ...body.mapping, ownerOrgId: { value: target } };
      const patched = await app.request(`/api/v1/imports/${body.id}`, {
        method: 'PATCH',
        headers: { ...planner.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ mapping }),
      });
      const view = (await patched.json()) as ImportView;
      expect(view.issues).toEqual([]);
      const committed = (await (
        await app.request(`/api/v1/imports/${body.id}/commit`, { method: 'POST', headers: planner.headers })
      ).json()) as ImportView;
      expect(committed.result?.created).toBe(3);

      const before = await features(layer, source);
      const after = await features(layer, target);
      expect(after.map((f) => pick(f.properties))).toEqual(before.map((f) => pick(f.properties)));
      // VN-2000 output is rounded to the centimetre: 1e-7° is about 1 cm.
      const tolerance = crs === 'EPSG:4326' ? 1e-9 : 3e-7;
      after.forEach((f, i) => {
        expect(f.geometry.type).toBe(before[i]?.geometry.type);
        expect(closeTo(f.geometry.coordinates, before[i]?.geometry.coordinates, tolerance)).toBe(true);
      });
    },
  );
});

describe('export files', () => {
  it('zips a Shapefile with an ESRI .prj for VN-2000 and a UTF-8 .cpg', async () => {
    const { bytes, headers } = await download(
      `/api/v1/exports/wifi-points?format=shapefile&crs=EPSG:9210&ownerOrgId=${source}`,
      planner,
    );
    expect(headers.get('content-disposition')).toBe('attachment; filename="wifi-points-EPSG9210.zip"');
    const entries = unzip(bytes, 'zip');
    expect(Object.keys(entries).sort()).toEqual([
      'wifi_points.cpg',
      'wifi_points.dbf',
      'wifi_points.prj',
      'wifi_points.shp',
      'wifi_points.shx',
    ]);
    const prj = new TextDecoder().decode(entries['wifi_points.prj']);
    expect(prj).toMatch(/^PROJCS\["VN-2000_TM-3_105-45",GEOGCS\["VN-2000"/);
    expect(prj).toContain('PARAMETER["Central_Meridian",105.75]');
    expect(prj).toContain('TOWGS84[-191.90441429');
  });

  it('writes VN-2000 X (northing) and Y (easting) next to lng/lat in CSV', async () => {
    const { bytes } = await download(
      `/api/v1/exports/wifi-points?format=csv&ownerOrgId=${source}&code=rt-${t}-w0`,
      planner,
    );
    const [header, row] = new TextDecoder()
      .decode(bytes)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(header?.split(',').slice(-4)).toEqual(['lng', 'lat', 'x_vn2000', 'y_vn2000']);
    const [lng, lat, x, y] = (row?.split(',').slice(-4) ?? []).map(Number);
    expect([lng, lat]).toEqual(at(0));
    expect(x).toBeGreaterThan(2_290_000); // northing in Hai Phong
    expect(y).toBeGreaterThan(580_000); // easting, with the 500 km false easting
    expect(y).toBeLessThan(700_000);
  });

  it('redacts exactly like the REST API for each viewer', async () => {
    const owner = await createOrganisation(db);
    const ownerSession = await sessionFor(app, db, owner, ['operator_editor']);
    const other = await sessionFor(app, db, await createOrganisation(db), ['operator_viewer']);
    const route = sampleFeature('cable-routes', owner, `red-${t}`, at(20));
    expect((await post(ownerSession, '/api/v1/cable-routes', route)).status).toBe(201);
    const exportFor = async (session?: Session) => {
      const { bytes } = await download(`/api/v1/exports/cable-routes?ownerOrgId=${owner}`, session);
      return (
        (JSON.parse(new TextDecoder().decode(bytes)) as { features: Feature[] }).features[0]?.properties ?? {}
      );
    };
    const rest = async (session?: Session) => {
      const response = await app.request(`/api/v1/cable-routes?ownerOrgId=${owner}`, {
        headers: session?.headers ?? {},
      });
      return ((await response.json()) as { features: Feature[] }).features[0]?.properties ?? {};
    };
    for (const session of [undefined, other, ownerSession])
      expect(await exportFor(session)).toEqual(await rest(session));
    expect(await exportFor(other)).not.toHaveProperty('coreCount');
    expect(await exportFor(undefined)).not.toHaveProperty('code');
    expect(await exportFor(ownerSession)).toMatchObject({ coreCount: 48 });
  });

  it('refuses an unknown format, CRS, or a filter on a hidden field', async () => {
    const bad = await app.request('/api/v1/exports/poles?format=dwg&crs=EPSG:3857');
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { details: { path: string[] }[] } };
    expect(body.error.details.map((d) => d.path[0])).toEqual(['format', 'crs']);
    expect((await app.request('/api/v1/exports/poles?code=X')).status).toBe(400);
    expect((await app.request('/api/v1/exports/kml-things')).status).toBe(404);
  });
});

describe('OFDS export', () => {
  it('publishes fiber routes as spans between their manholes or end points', async () => {
    const owner = await createOrganisation(db);
    const [a, b, c] = [at(30), at(31), at(32)];
    const manhole = await post(
      planner,
      '/api/v1/manholes',
      sampleFeature('manholes', owner, `ofds-${t}-m`, b),
    );
    const line = (code: string, from: [number, number], to: [number, number], cableType = 'fiber') => ({
      ...sampleFeature('cable-routes', owner, code, from),
      geometry: { type: 'LineString', coordinates: [from, to] },
      properties: { ...sampleFeature('cable-routes', owner, code, from).properties, cableType },
    });
    await post(planner, '/api/v1/cable-routes', line(`ofds-${t}-1`, a, b));
    await post(planner, '/api/v1/cable-routes', line(`ofds-${t}-2`, b, c));
    await post(planner, '/api/v1/cable-routes', line(`ofds-${t}-cu`, a, c, 'copper'));
    const bbox = `${a[0] - 0.0001},${a[1] - 0.0001},${c[0] + 0.0001},${c[1] + 0.0001}`;
    const spans = JSON.parse(
      new TextDecoder().decode((await download(`/api/v1/exports/ofds/spans?bbox=${bbox}`, planner)).bytes),
    ) as { features: Feature[] };
    const nodes = JSON.parse(
      new TextDecoder().decode((await download(`/api/v1/exports/ofds/nodes?bbox=${bbox}`, planner)).bytes),
    ) as { features: Feature[] };
    const mine = spans.features.filter((f) => String(f.properties.name).startsWith(`ofds-${t}`));
    expect(mine.map((f) => f.properties.name).sort()).toEqual([`ofds-${t}-1`, `ofds-${t}-2`]);
    const [first, second] = mine.sort((x, y) =>
      String(x.properties.name).localeCompare(String(y.properties.name)),
    );
    expect(first?.properties).toMatchObject({
      featureType: 'span',
      end: manhole.body.id,
      status: 'operational',
      fibreCount: 48,
      deployment: ['belowGround'],
    });
    expect(second?.properties.start).toBe(manhole.body.id);
    const nodeIds = new Set(nodes.features.map((n) => n.properties.id));
    for (const span of mine) {
      expect(nodeIds.has(span.properties.start)).toBe(true);
      expect(nodeIds.has(span.properties.end)).toBe(true);
      expect(span.properties.network).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    }
    const anonymous = JSON.parse(
      new TextDecoder().decode((await download(`/api/v1/exports/ofds/spans?bbox=${bbox}`)).bytes),
    ) as { features: Feature[] };
    expect(
      anonymous.features.every((f) => !('fibreCount' in f.properties) && !('name' in f.properties)),
    ).toBe(true);
  });
});
