import { assetResources } from '@hatang/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, farAway, sampleFeature } from '../support/fixtures.js';
import { client } from '../support/http.js';
import { sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

type Feature = {
  id: string;
  type: string;
  geometry: { coordinates: unknown };
  properties: Record<string, unknown>;
};
type Collection = { type: string; features: Feature[]; next: string | null };
type ErrorBody = {
  error: {
    code: string;
    message: string;
    details?: { path: unknown[]; message: string }[];
    requestId: string;
    current?: Feature;
  };
};

let app: App;
let api: ReturnType<typeof client>;
let owner: string;

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db });
  api = client(app, await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']));
  owner = await createOrganisation(db);
});

describe.each(assetResources.map((r, i) => [r.path, i] as const))('/api/v1/%s', (path, index) => {
  const base = `/api/v1/${path}`;
  const at = farAway(index * 10);
  const code = () => `${path}-${crypto.randomUUID().slice(0, 8)}`;

  it('creates a feature and reads it back with version 1', async () => {
    const input = sampleFeature(path, owner, code(), at);
    const created = await api<Feature>('POST', base, { json: input });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.headers.get('location')).toBe(`${base}/${created.body.id}`);
    expect(created.body.properties).toMatchObject({ ...input.properties, version: 1 });
    expect(created.body.geometry).toEqual(input.geometry);

    const read = await api<Feature>('GET', `${base}/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('lists by bbox: inside is returned, outside is not', async () => {
    const input = sampleFeature(path, owner, code(), [at[0] + 0.0042, at[1] + 0.0042]);
    const { body: created } = await api<Feature>('POST', base, { json: input });
    const around = [at[0] + 0.004, at[1] + 0.004, at[0] + 0.0045, at[1] + 0.0045].join(',');
    const beside = [at[0] + 0.006, at[1] + 0.006, at[0] + 0.008, at[1] + 0.008].join(',');
    const inside = await api<Collection>('GET', `${base}?bbox=${around}`);
    expect(inside.status).toBe(200);
    expect(inside.body.type).toBe('FeatureCollection');
    expect(inside.body.features.map((f) => f.id)).toContain(created.id);
    const outside = await api<Collection>('GET', `${base}?bbox=${beside}`);
    expect(outside.body.features.map((f) => f.id)).not.toContain(created.id);
  });

  it('updates with If-Match, and refuses a stale version with the current record', async () => {
    const { body: created } = await api<Feature>('POST', base, {
      json: sampleFeature(path, owner, code(), at),
    });
    const newCode = code();
    const updated = await api<Feature>('PATCH', `${base}/${created.id}`, {
      json: { properties: { code: newCode, status: 'planned' } },
      headers: { 'if-match': '"1"' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.properties).toMatchObject({ code: newCode, status: 'planned', version: 2 });
    expect(updated.headers.get('etag')).toBe('"2"');

    const stale = await api<ErrorBody>('PATCH', `${base}/${created.id}`, {
      json: { properties: { status: 'decommissioned' } },
      headers: { 'if-match': '1' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect(stale.body.error.current?.properties).toMatchObject({
      code: newCode,
      status: 'planned',
      version: 2,
    });

    const missing = await api<ErrorBody>('PATCH', `${base}/${created.id}`, {
      json: { properties: {} },
    });
    expect(missing.status).toBe(428);
  });

  it('deletes, then answers 404', async () => {
    const { body: created } = await api<Feature>('POST', base, {
      json: sampleFeature(path, owner, code(), at),
    });
    const deleted = await api('DELETE', `${base}/${created.id}`);
    expect(deleted.status).toBe(204);
    const gone = await api<ErrorBody>('GET', `${base}/${created.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('NOT_FOUND');
    const again = await api<ErrorBody>('DELETE', `${base}/${created.id}`);
    expect(again.status).toBe(404);
  });

  it('rejects the wrong geometry type and an unknown owner together, changing nothing', async () => {
    const input = sampleFeature(path, crypto.randomUUID(), code(), at);
    const wrongType = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    };
    const response = await api<ErrorBody>('POST', base, { json: { ...input, geometry: wrongType } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    const paths = response.body.error.details?.map((d) => d.path.join('.')) ?? [];
    expect(paths.some((p) => p.startsWith('geometry'))).toBe(true);
    expect(paths).toContain('properties.ownerOrgId');
    const listed = await api<Collection>(
      'GET',
      `${base}?code=${encodeURIComponent(input.properties.code as string)}`,
    );
    expect(listed.body.features).toHaveLength(0);
  });
});
