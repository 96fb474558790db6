/**
 * OGC API – Features through HTTP: landing page, conformance, collections, paged items with
 * bbox, one item, VN-2000 output (Part 2), HTML, and the same redaction as the REST API — an API
 * key gives its user's tier.
 */
import { transform } from '@hatang/geo';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { OGC_COLLECTIONS } from '../../apps/api/src/features/tiles-ogc/ogc-collections.js';
import { createOrganisation, farAway, sampleFeature } from '../support/fixtures.js';

import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

type Link = { href: string; rel: string; type?: string };
type Feature = { id: string; geometry: { coordinates: number[] }; properties: Record<string, unknown> };
type Items = { features: Feature[]; numberMatched: number; numberReturned: number; links: Link[] };

let app: App;
let owner: Session;
let apiKey: string;
const poleIds: string[] = [];
const at = (i: number) => farAway(6000 + i);
const bbox = [at(0)[0] - 0.0005, at(0)[1] - 0.0005, at(2)[0] + 0.0005, at(2)[1] + 0.0005].join(',');
const pathOf = (href: string) => href.replace(/^https?:\/\/[^/]+/, '');

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  const org = await createOrganisation(db, 'operator');
  owner = await sessionFor(app, db, org, ['operator_editor']);
  for (const i of [0, 1, 2]) {
    const pole = sampleFeature('poles', org, `ogc-${crypto.randomUUID().slice(0, 8)}`, at(i));
    const created = await call<{ id: string }>(app, 'POST', '/api/v1/poles', { as: owner, json: pole });
    expect(created.status).toBe(201);
    poleIds.push(created.body.id);
  }
  const key = await call<{ key: string }>(app, 'POST', '/api/v1/api-keys', {
    as: owner,
    json: { name: 'QGIS', scopes: ['read'] },
  });
  expect(key.status).toBe(201);
  apiKey = key.body.key;
});

describe('OGC API – Features', () => {
  it('links the landing page to the conformance, the collections and the API definition', async () => {
    const landing = await call<{ links: Link[] }>(app, 'GET', '/ogc');
    expect(landing.status).toBe(200);
    const rels = landing.body.links.map((l) => l.rel);
    expect(rels).toEqual(
      expect.arrayContaining(['self', 'conformance', 'data', 'service-desc', 'service-doc']),
    );
    const conformance = await call<{ conformsTo: string[] }>(app, 'GET', '/ogc/conformance');
    expect(conformance.body.conformsTo).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
        'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
      ]),
    );
  });

  it('lists every layer as a collection with an items link and the CRSs it offers', async () => {
    const list = await call<{ collections: { id: string; links: Link[]; crs: string[] }[] }>(
      app,
      'GET',
      '/ogc/collections',
    );
    expect(list.body.collections.map((c) => c.id).sort()).toEqual(OGC_COLLECTIONS.map((c) => c.id).sort());
    for (const collection of list.body.collections) {
      expect(collection.links.some((l) => l.rel === 'items' && l.type === 'application/geo+json')).toBe(true);
      expect(collection.crs).toContain('http://www.opengis.net/def/crs/EPSG/0/9210');
    }
    expect((await call(app, 'GET', '/ogc/collections/poles')).status).toBe(200);
    expect((await call(app, 'GET', '/ogc/collections/secrets')).status).toBe(404);
  });

  it('pages items in a bbox with numberMatched, numberReturned and next links', async () => {
    const first = await call<Items>(app, 'GET', `/ogc/collections/poles/items?bbox=${bbox}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('application/geo+json');
    expect([first.body.numberMatched, first.body.numberReturned]).toEqual([3, 2]);
    const next = first.body.links.find((l) => l.rel === 'next');
    expect(next).toBeDefined();
    const second = await call<Items>(app, 'GET', pathOf(next!.href));
    expect(second.body.numberReturned).toBe(1);
    expect(second.body.links.some((l) => l.rel === 'next')).toBe(false);
    expect([...first.body.features, ...second.body.features].map((f) => f.id).sort()).toEqual(
      [...poleIds].sort(),
    );
  });

  it('redacts like the REST API, and an API key gives its user’s tier', async () => {
    const path = `/ogc/collections/poles/items/${poleIds[0]}`;
    const anonymous = await call<Feature>(app, 'GET', path);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.properties).not.toHaveProperty('code');
    expect(anonymous.body.properties).not.toHaveProperty('heightM');
    const withKey = await call<Feature>(app, 'GET', path, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(withKey.body.properties.heightM).toBe(8.5);
    expect(withKey.body.properties.code).toMatch(/^ogc-/);
    const bad = await call(app, 'GET', path, { headers: { authorization: 'Bearer hk_nonsense' } });
    expect(bad.status).toBe(401);
  });

  it('delivers VN-2000 / TM-3 105°45′ (EPSG:9210) coordinates when asked', async () => {
    const crs = 'http://www.opengis.net/def/crs/EPSG/0/9210';
    const items = await call<Items>(
      app,
      'GET',
      `/ogc/collections/poles/items?bbox=${bbox}&crs=${encodeURIComponent(crs)}`,
    );
    expect(items.headers.get('content-crs')).toBe(`<${crs}>`);
    const feature = items.body.features.find((f) => f.id === poleIds[0])!;
    const [x, y] = transform(
      at(0).map((v) => Number(v.toFixed(6))) as [number, number],
      'EPSG:4326',
      'EPSG:9210',
    );
    expect(feature.geometry.coordinates[0]).toBeCloseTo(x, 1);
    expect(feature.geometry.coordinates[1]).toBeCloseTo(y, 1);
  });

  it('answers HTML to browsers and 400 to unknown or bad parameters', async () => {
    const html = await app.request('/ogc/collections?f=html');
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('Collections');
    expect((await call(app, 'GET', '/ogc/collections/poles/items?limit=0')).status).toBe(400);
    expect((await call(app, 'GET', '/ogc/collections/poles/items?colour=red')).status).toBe(400);
    expect((await call(app, 'GET', '/ogc/collections/poles/items?crs=EPSG:3857')).status).toBe(400);
    expect((await call(app, 'GET', '/ogc/collections/poles/items/not-a-uuid')).status).toBe(404);
  });
});
