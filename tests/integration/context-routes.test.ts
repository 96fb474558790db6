import { gunzipSync } from 'node:zlib';
import { contextEndpoints, type Endpoint, pathOf } from '@hatang/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, insertTestUnit, sampleFeature, testCellId } from '../support/fixtures.js';
import { client } from '../support/http.js';
import { sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

let app: App;
let api: ReturnType<typeof client>;
// A made-up unit far from Hai Phong (a 9xxxx code, not a real one), with four populated cells.
let unitCode: string;
const square = 'MULTIPOLYGON(((10 10, 10.1 10, 10.1 10.1, 10 10.1, 10 10)))';

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db });
  api = client(app, await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']));
  unitCode = await insertTestUnit(db, {
    geomWkt: square,
    labelPoint: [10.05, 10.05],
    name: 'Thử Nghiệm',
    areaKm2: 120.5,
    population: 1234,
  });
  const cells = [
    [10.01, 10.01, 100],
    [10.02, 10.01, 200],
    [10.09, 10.09, 300],
    [10.5, 10.5, 999],
  ];
  for (const [i, [lng, lat, people]] of cells.entries()) {
    await db.query(
      `INSERT INTO population_cells (id, admin_unit_code, population, geom) VALUES ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326))`,
      [testCellId(unitCode, i), unitCode, people, lng, lat],
    );
  }
});

describe('context routes', () => {
  it('reports health with the database kind and the PostGIS version', async () => {
    const { status, body } = await api<{ status: string; database: { kind: string; postgis: string } }>(
      'GET',
      '/api/health',
    );
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.database.kind).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
    expect(body.database.postgis).toMatch(/^3\.\d+/);
  });

  it('returns an admin unit with its published and gridded population', async () => {
    const { status, body } = await api<{
      id: string;
      properties: Record<string, unknown>;
      geometry: { type: string };
    }>('GET', `/api/v1/admin-units/${unitCode}`);
    expect(status).toBe(200);
    expect(body.id).toBe(unitCode);
    expect(body.geometry.type).toBe('MultiPolygon');
    expect(body.properties).toMatchObject({
      name: 'Thử Nghiệm',
      unitType: 'commune',
      population: 1234,
      gridPopulation: 1599,
    });
    expect((await api('GET', '/api/v1/admin-units/00000')).status).toBe(404);
  });

  it('serves the list of units from memory with an ETag, gzipped, and rebuilds it when a unit changes', async () => {
    const db = await testDatabase();
    const first = await app.request('/api/v1/admin-units', { headers: { 'accept-encoding': 'gzip' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-encoding')).toBe('gzip');
    const etag = first.headers.get('etag') ?? '';
    const listed = JSON.parse(gunzipSync(Buffer.from(await first.arrayBuffer())).toString('utf8')) as {
      features: { id: string; properties: { name: string } }[];
    };
    expect(listed.features.find((f) => f.id === unitCode)?.properties.name).toBe('Thử Nghiệm');
    // The same version again: 304 with no body; without gzip: the same JSON as text.
    const again = await app.request('/api/v1/admin-units', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const plain = await app.request('/api/v1/admin-units');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.json()).toEqual(listed);
    // A unit renamed: a new version, a new ETag, the new name.
    await db.query('UPDATE admin_units SET name = $2 WHERE code = $1', [unitCode, 'Thử Nghiệm Mới']);
    const changed = await app.request('/api/v1/admin-units', { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const renamed = (await changed.json()) as typeof listed;
    expect(renamed.features.find((f) => f.id === unitCode)?.properties.name).toBe('Thử Nghiệm Mới');
    await db.query('UPDATE admin_units SET name = $2 WHERE code = $1', [unitCode, 'Thử Nghiệm']);
  });

  it('sums the population of the cells inside a bbox', async () => {
    const { status, body } = await api<{ populationCount: number; cellCount: number }>(
      'GET',
      '/api/v1/population/summary?bbox=10,10,10.03,10.03',
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ populationCount: 300, cellCount: 2 });
    expect((await api('GET', '/api/v1/population/summary')).status).toBe(400);
  });

  it('derives the commune a new tower stands in, and follows it when the tower moves', async () => {
    const db = await testDatabase();
    const owner = await createOrganisation(db);
    const inside = sampleFeature('towers', owner, `in-${unitCode}`, [10.05, 10.05]);
    const { body } = await api<{
      id: string;
      properties: { adminUnitCode: string | null; tenancies: unknown[] };
    }>('POST', '/api/v1/towers', { json: inside });
    expect(body.properties.adminUnitCode).toBe(unitCode);
    expect(body.properties.tenancies).toEqual([]);
    const moved = await api<{ properties: { adminUnitCode: string | null } }>(
      'PATCH',
      `/api/v1/towers/${body.id}`,
      {
        json: { geometry: { type: 'Point', coordinates: [11, 11] } },
        headers: { 'if-match': '1' },
      },
    );
    expect(moved.body.properties.adminUnitCode).toBeNull();
  });

  it('lists organisations', async () => {
    const db = await testDatabase();
    const id = await createOrganisation(db, 'tower_company');
    const { body } = await api<{ items: { id: string; kind: string }[] }>('GET', '/api/v1/organisations');
    expect(body.items.find((o) => o.id === id)?.kind).toBe('tower_company');
    expect((await api('GET', `/api/v1/organisations/${id}`)).status).toBe(200);
  });
});

describe('the context endpoints answer what their contracts declare', () => {
  /** The endpoint's 200 schema must read the real answer, field for field. */
  async function conforms(endpoint: Endpoint, path: string) {
    const { status, body } = await api('GET', path);
    expect(status, path).toBe(200);
    const parsed = endpoint.responses[200]?.schema?.safeParse(body);
    expect(parsed?.success, `${path}: ${JSON.stringify(parsed?.error?.issues.slice(0, 3))}`).toBe(true);
    return parsed?.data;
  }

  it('for every route of the feature', async () => {
    const organisations = (await conforms(contextEndpoints.listOrganisations, '/api/v1/organisations')) as {
      items: { id: string }[];
    };
    const someone = organisations.items[0]?.id ?? '';
    await conforms(
      contextEndpoints.getOrganisation,
      pathOf(contextEndpoints.getOrganisation, { id: someone }),
    );
    await conforms(contextEndpoints.listAdminUnits, '/api/v1/admin-units');
    const unit = (await conforms(
      contextEndpoints.getAdminUnit,
      pathOf(contextEndpoints.getAdminUnit, { code: unitCode }),
    )) as { properties: { gridPopulation: number } };
    expect(unit.properties.gridPopulation).toBe(1599);
    await conforms(contextEndpoints.populationSummary, '/api/v1/population/summary?bbox=10,10,10.1,10.1');
  });

  it('answer 404 for a malformed id or code, and 400 naming the query parameter that is wrong', async () => {
    expect((await api('GET', '/api/v1/organisations/not-a-uuid')).status).toBe(404);
    expect((await api('GET', '/api/v1/admin-units/12')).status).toBe(404);
    const { status, body } = await api<{ error: { code: string; details: { path: string[] }[] } }>(
      'GET',
      '/api/v1/population/summary?bbox=1,2,3',
    );
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details[0]?.path).toEqual(['bbox']);
  });
});
