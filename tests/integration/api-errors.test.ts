import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, farAway, sampleFeature } from '../support/fixtures.js';
import { client } from '../support/http.js';
import { sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

type ErrorBody = {
  error: {
    code: string;
    message: string;
    details?: { path: (string | number)[]; message: string }[];
    requestId: string;
  };
};
type Collection = { features: { id: string; properties: Record<string, unknown> }[]; next: string | null };

let app: App;
let api: ReturnType<typeof client>;
let owner: string;
const at = farAway(500);
const code = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
const paths = (body: ErrorBody) => body.error.details?.map((d) => d.path.join('.')) ?? [];

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db, maxBodyBytes: 64 * 1024 });
  api = client(app, await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']));
  owner = await createOrganisation(db);
});

describe('validation reports every problem at once', () => {
  it('lists out-of-range coordinates, bad enums, a negative height and a missing field together', async () => {
    const feature = sampleFeature('towers', owner, code('bad'), at);
    const response = await api<ErrorBody>('POST', '/api/v1/towers', {
      json: {
        ...feature,
        geometry: { type: 'Point', coordinates: [200, 95] },
        properties: { ...feature.properties, towerClass: 'B9', heightM: -3, antennaSlotsTotal: undefined },
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.requestId).toMatch(/.+/);
    expect(paths(response.body)).toEqual(
      expect.arrayContaining([
        'geometry.coordinates.0',
        'geometry.coordinates.1',
        'properties.towerClass',
        'properties.heightM',
        'properties.antennaSlotsTotal',
      ]),
    );
  });

  it('rejects tubes used above tubes total', async () => {
    const feature = sampleFeature('ducts', owner, code('duct'), at);
    const response = await api<ErrorBody>('POST', '/api/v1/ducts', {
      json: { ...feature, properties: { ...feature.properties, tubesTotal: 4, tubesUsed: 5 } },
    });
    expect(response.status).toBe(400);
    expect(paths(response.body)).toContain('properties.tubesUsed');
  });

  it('checks cross-field rules against the stored record on PATCH', async () => {
    const { body: duct } = await api<{ id: string }>('POST', '/api/v1/ducts', {
      json: sampleFeature('ducts', owner, code('duct'), at),
    });
    const response = await api<ErrorBody>('PATCH', `/api/v1/ducts/${duct.id}`, {
      json: { properties: { tubesUsed: 7 } },
      headers: { 'if-match': '1' },
    });
    expect(response.status).toBe(400);
    expect(paths(response.body)).toContain('properties.tubesUsed');
    const unchanged = await api<{ properties: { tubesUsed: number; version: number } }>(
      'GET',
      `/api/v1/ducts/${duct.id}`,
    );
    expect(unchanged.body.properties).toMatchObject({ tubesUsed: 2, version: 1 });
  });

  it('rejects a rooftop tower without its building height', async () => {
    const feature = sampleFeature('towers', owner, code('roof'), at);
    const response = await api<ErrorBody>('POST', '/api/v1/towers', {
      json: { ...feature, properties: { ...feature.properties, placement: 'rooftop' } },
    });
    expect(response.status).toBe(400);
    expect(paths(response.body)).toContain('properties.buildingHeightM');
  });

  it('rejects a zero-length line and unknown properties', async () => {
    const feature = sampleFeature('cable-routes', owner, code('cable'), at);
    const response = await api<ErrorBody>('POST', '/api/v1/cable-routes', {
      json: {
        ...feature,
        geometry: { type: 'LineString', coordinates: [at, at] },
        properties: { ...feature.properties, colour: 'red' },
      },
    });
    expect(response.status).toBe(400);
    expect(paths(response.body).some((p) => p.startsWith('geometry'))).toBe(true);
    expect(response.body.error.details?.some((d) => d.message.includes('colour'))).toBe(true);
  });

  it('answers 409 for a code its owner already uses', async () => {
    const feature = sampleFeature('manholes', owner, code('mh'), at);
    expect((await api('POST', '/api/v1/manholes', { json: feature })).status).toBe(201);
    const again = await api<ErrorBody>('POST', '/api/v1/manholes', { json: feature });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
  });

  it('rejects a reference to a manhole that does not exist', async () => {
    const feature = sampleFeature('ducts', owner, code('duct'), at);
    const missing = crypto.randomUUID();
    const response = await api<ErrorBody>('POST', '/api/v1/ducts', {
      json: { ...feature, properties: { ...feature.properties, fromManholeId: missing } },
    });
    expect(response.status).toBe(400);
    expect(paths(response.body)).toContain('properties.fromManholeId');
  });
});

describe('HTTP edges', () => {
  it('answers 415 for a body that is not JSON', async () => {
    const response = await api<ErrorBody>('POST', '/api/v1/towers', {
      body: 'code=T1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 400 for malformed JSON', async () => {
    const response = await api<ErrorBody>('POST', '/api/v1/towers', {
      body: '{"type": "Feature",',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('INVALID_JSON');
  });

  it('answers 413 for a body over the limit', async () => {
    const response = await api<ErrorBody>('POST', '/api/v1/towers', {
      body: JSON.stringify({ type: 'Feature', padding: 'x'.repeat(100 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 404 for unknown and malformed ids and unknown routes', async () => {
    expect((await api('GET', `/api/v1/poles/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await api('GET', '/api/v1/poles/not-a-uuid')).status).toBe(404);
    const route = await api<ErrorBody>('GET', '/api/v1/nothing-here');
    expect(route.status).toBe(404);
    expect(route.body.error.code).toBe('NOT_FOUND');
  });

  it.each([
    ['bbox=1,2,3', 'bbox'],
    ['bbox=5,5,1,1', 'bbox'],
    ['limit=0', 'limit'],
    ['limit=10001', 'limit'],
    ['status=ruined', 'status'],
    ['colour=red', 'colour'],
    ['cursor=abc', 'cursor'],
  ])('answers 400 for the query %s', async (query, field) => {
    const response = await api<ErrorBody>('GET', `/api/v1/towers?${query}`);
    expect(response.status).toBe(400);
    expect(paths(response.body).some((p) => p.startsWith(field))).toBe(true);
  });

  it('never answers 500 to nonsense bodies', async () => {
    for (const json of [
      null,
      42,
      'x',
      [],
      { type: 'Feature' },
      { type: 'Feature', geometry: { type: 'Point' }, properties: null },
    ]) {
      const response = await api<ErrorBody>('POST', '/api/v1/towers', { json });
      expect(response.status).toBe(400);
    }
  });
});

describe('paging and filters', () => {
  it('pages with a cursor until every match is seen once', async () => {
    const codes = [code('page'), code('page'), code('page')];
    for (const c of codes) await api('POST', '/api/v1/poles', { json: sampleFeature('poles', owner, c, at) });
    const seen: string[] = [];
    let url: string | null = `/api/v1/poles?code=${codes.join(',')}&limit=2`;
    let pages = 0;
    while (url) {
      const page: { body: Collection } = await api<Collection>('GET', url);
      seen.push(...page.body.features.map((f) => f.properties.code as string));
      url = page.body.next ? `/api/v1/poles?code=${codes.join(',')}&limit=2&cursor=${page.body.next}` : null;
      pages++;
    }
    expect(pages).toBe(2);
    expect(seen.sort()).toEqual([...codes].sort());
  });

  it('filters by owner and status', async () => {
    const other = await createOrganisation(await testDatabase());
    const mine = sampleFeature('poles', other, code('own'), at);
    await api('POST', '/api/v1/poles', { json: mine });
    const planned = { ...mine, properties: { ...mine.properties, code: code('own'), status: 'planned' } };
    await api('POST', '/api/v1/poles', { json: planned });
    const all = await api<Collection>('GET', `/api/v1/poles?ownerOrgId=${other}`);
    expect(all.body.features).toHaveLength(2);
    const onlyPlanned = await api<Collection>('GET', `/api/v1/poles?ownerOrgId=${other}&status=planned`);
    expect(onlyPlanned.body.features.map((f) => f.properties.status)).toEqual(['planned']);
  });
});
