import { type Endpoint, pathOf, siteEndpoints } from '@hatang/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../apps/api/src/app.js';
import { createOrganisation, createUnitWithCells } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { plansApp } from './plans-support.js';
import { keySiteFeature, offerFeature } from './sites-support.js';

type Offer = {
  id: string;
  geometry: { type: string };
  properties: {
    status: string;
    version: number;
    offeringOrgId: string;
    adminUnitCode: string | null;
    areaM2: number;
    name: string;
  };
};
type Collection = { type: string; features: Offer[] };
type ErrorBody = { error: { code: string; details?: { path: (string | number)[]; message: string }[] } };

let app: App;
let communeOrg: string;
let otherCommuneOrg: string;
let inspector: Session;
let otherInspector: Session;
let planner: Session;
let operator: Session;
let viewer: Session;
let unitCode: string;
/** Inside the test unit (a 0.02° square around `centre`). */
let centre: [number, number];
const near = (dx: number, dy = 0): [number, number] => [
  Number((centre[0] + dx).toFixed(6)),
  Number((centre[1] + dy).toFixed(6)),
];

beforeAll(async () => {
  const db = await testDatabase();
  app = plansApp(db);
  centre = [-7.5 - Math.random() * 0.5, 4.5 + Math.random() * 0.5];
  unitCode = await createUnitWithCells(db, centre, 'Xã Đề Nghị');
  communeOrg = await createOrganisation(db, 'commune');
  otherCommuneOrg = await createOrganisation(db, 'commune');
  // Both communes' inspectors work in the test's unit (they publish only inside their commune).
  await db.query('UPDATE organisations SET admin_unit_code = $2 WHERE id = ANY($1::uuid[])', [
    `{${communeOrg},${otherCommuneOrg}}`,
    unitCode,
  ]);
  inspector = await sessionFor(app, db, communeOrg, ['inspector']);
  otherInspector = await sessionFor(app, db, otherCommuneOrg, ['inspector']);
  const city = await createOrganisation(db, 'city_department');
  planner = await sessionFor(app, db, city, ['planner']);
  operator = await sessionFor(app, db, await createOrganisation(db, 'operator'), ['operator_editor']);
  viewer = await sessionFor(app, db, await createOrganisation(db, 'public'), ['viewer']);
});

const publish = (as: Session, feature: unknown) =>
  call<Offer>(app, 'POST', '/api/v1/site-offers', { as, json: feature });
const bbox = () => `${centre[0] - 0.01},${centre[1] - 0.01},${centre[0] + 0.01},${centre[1] + 0.01}`;

describe('site offers by communes', () => {
  it("lets a commune's inspector publish an offer, in their organisation and the unit under it", async () => {
    const created = await publish(inspector, offerFeature(near(0.001)));
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body.properties).toMatchObject({
      status: 'published',
      version: 1,
      offeringOrgId: communeOrg,
      adminUnitCode: unitCode,
      areaM2: 150,
    });
    const read = await call<Offer>(app, 'GET', `/api/v1/site-offers/${created.body.id}`, { as: viewer });
    expect(read.status).toBe(200);
    expect(read.body.properties.name).toBe('Đất công UBND xã');
  });

  it('accepts a roof as a polygon, and asks a roof for its building height', async () => {
    const [x, y] = near(-0.002, -0.002);
    const roof = {
      ...offerFeature([x, y], { offerKind: 'building_roof', purpose: 'both', buildingHeightM: 18 }),
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + 0.0003, y],
            [x + 0.0003, y + 0.0002],
            [x, y + 0.0002],
            [x, y],
          ],
        ],
      },
    };
    const ok = await publish(inspector, roof);
    expect(ok.status).toBe(201);
    expect(ok.body.geometry.type).toBe('Polygon');
    expect(ok.body.properties.adminUnitCode).toBe(unitCode);

    const bad = await call<ErrorBody>(app, 'POST', '/api/v1/site-offers', {
      as: inspector,
      json: offerFeature(near(0.002), { offerKind: 'building_roof', areaM2: -1, contactEmail: 'nope' }),
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details!.map((d) => d.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['properties.areaM2', 'properties.contactEmail']));
    const line = await call<ErrorBody>(app, 'POST', '/api/v1/site-offers', {
      as: inspector,
      json: {
        ...offerFeature(near(0)),
        geometry: { type: 'LineString', coordinates: [near(0), near(0.001)] },
      },
    });
    expect(line.status).toBe(400);
    expect(line.body.error.details![0]!.path).toEqual(['geometry', 'type']);
  });

  it('keeps a roof offer without a building height out', async () => {
    const bad = await call<ErrorBody>(app, 'POST', '/api/v1/site-offers', {
      as: inspector,
      json: offerFeature(near(0.002), { offerKind: 'building_roof' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details!.map((d) => d.path.join('.'))).toContain('properties.buildingHeightM');
  });

  it('shows published offers to operators by bbox, and withdrawn ones only when asked', async () => {
    const shown = await publish(inspector, offerFeature(near(0.003), { name: 'Sân UBND' }));
    const gone = await publish(inspector, offerFeature(near(0.004), { name: 'Bãi đất cũ' }));
    const withdrawn = await call<Offer>(app, 'POST', `/api/v1/site-offers/${gone.body.id}/withdraw`, {
      as: inspector,
      headers: { 'if-match': '1' },
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.properties).toMatchObject({ status: 'withdrawn', version: 2 });

    const list = await call<Collection>(app, 'GET', `/api/v1/site-offers?bbox=${bbox()}`, { as: operator });
    expect(list.status).toBe(200);
    expect(list.body.type).toBe('FeatureCollection');
    const ids = list.body.features.map((f) => f.id);
    expect(ids).toContain(shown.body.id);
    expect(ids).not.toContain(gone.body.id);
    expect(list.body.features.every((f) => f.properties.status === 'published')).toBe(true);

    const old = await call<Collection>(app, 'GET', `/api/v1/site-offers?bbox=${bbox()}&status=withdrawn`, {
      as: operator,
    });
    expect(old.body.features.map((f) => f.id)).toEqual([gone.body.id]);
    const byCommune = await call<Collection>(
      app,
      'GET',
      `/api/v1/site-offers?commune=${unitCode}&status=all`,
      {
        as: viewer,
      },
    );
    expect(byCommune.body.features.map((f) => f.id)).toEqual(
      expect.arrayContaining([shown.body.id, gone.body.id]),
    );
    const elsewhere = await call<Collection>(app, 'GET', '/api/v1/site-offers?bbox=1,1,1.1,1.1', {
      as: operator,
    });
    expect(elsewhere.body.features.map((f) => f.id)).not.toContain(shown.body.id);

    const badQuery = await call<ErrorBody>(app, 'GET', '/api/v1/site-offers?status=lost&bbox=1,2', {
      as: viewer,
    });
    expect(badQuery.status).toBe(400);
  });

  it('changes an offer under If-Match only, and says who holds the newer version', async () => {
    const created = await publish(inspector, offerFeature(near(0.005)));
    const path = `/api/v1/site-offers/${created.body.id}`;
    const missing = await call<ErrorBody>(app, 'PATCH', path, {
      as: inspector,
      json: { properties: { areaM2: 90 } },
    });
    expect(missing.status).toBe(428);
    const ok = await call<Offer>(app, 'PATCH', path, {
      as: inspector,
      json: { properties: { areaM2: 90 } },
      headers: { 'if-match': '1' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.properties).toMatchObject({ areaM2: 90, version: 2 });
    const stale = await call<ErrorBody & { error: { current: Offer } }>(app, 'PATCH', path, {
      as: planner,
      json: { properties: { areaM2: 300 } },
      headers: { 'if-match': '1' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect(stale.body.error.current.properties.areaM2).toBe(90);
  });

  it('keeps each commune to its own offers; planners act for any commune', async () => {
    const created = await publish(inspector, offerFeature(near(0.006)));
    const path = `/api/v1/site-offers/${created.body.id}`;
    const other = await call<ErrorBody>(app, 'PATCH', path, {
      as: otherInspector,
      json: { properties: { areaM2: 1 } },
      headers: { 'if-match': '1' },
    });
    expect(other.status).toBe(403);
    expect((await call(app, 'DELETE', path, { as: otherInspector })).status).toBe(403);
    const forOther = await publish(inspector, offerFeature(near(0.006), { offeringOrgId: otherCommuneOrg }));
    expect(forOther.status).toBe(403);
    const handOver = await call<ErrorBody>(app, 'PATCH', path, {
      as: inspector,
      json: { properties: { offeringOrgId: otherCommuneOrg } },
      headers: { 'if-match': '1' },
    });
    expect(handOver.status).toBe(403);
    expect((await publish(operator, offerFeature(near(0.006)))).status).toBe(403);
    expect((await publish(viewer, offerFeature(near(0.006)))).status).toBe(403);

    const byPlanner = await publish(planner, offerFeature(near(0.007), { offeringOrgId: otherCommuneOrg }));
    expect(byPlanner.status).toBe(201);
    expect(byPlanner.body.properties.offeringOrgId).toBe(otherCommuneOrg);
    const taken = await call<Offer>(app, 'PATCH', path, {
      as: planner,
      json: { properties: { status: 'taken' } },
      headers: { 'if-match': '1' },
    });
    expect(taken.body.properties.status).toBe('taken');
  });

  it('deletes an offer and keeps its history in the audit log', async () => {
    const created = await publish(inspector, offerFeature(near(0.008)));
    const path = `/api/v1/site-offers/${created.body.id}`;
    await call(app, 'PATCH', path, {
      as: inspector,
      json: { properties: { areaM2: 80 } },
      headers: { 'if-match': '1' },
    });
    expect((await call(app, 'DELETE', path, { as: inspector })).status).toBe(204);
    expect((await call(app, 'GET', path, { as: viewer })).status).toBe(404);
    const history = await call<{ items: { version: number; action: string }[] }>(
      app,
      'GET',
      `${path}/history`,
      {
        as: viewer,
      },
    );
    expect(history.status).toBe(200);
    expect(history.body.items.map((i) => i.action)).toEqual(['delete', 'update', 'create']);
    expect((await call(app, 'GET', '/api/v1/site-offers/not-a-uuid', { as: viewer })).status).toBe(404);
  });

  it('moves the unit with the offer when the geometry moves out of it (a planner; not the inspector)', async () => {
    const created = await publish(inspector, offerFeature(near(0.001, 0.001)));
    const move = (as: Session) =>
      call<Offer>(app, 'PATCH', `/api/v1/site-offers/${created.body.id}`, {
        as,
        json: { geometry: { type: 'Point', coordinates: near(0.5, 0.5) } },
        headers: { 'if-match': '1' },
      });
    // Inspectors keep their offers inside their commune (leaks-offers.test.ts).
    expect((await move(inspector)).status).toBe(403);
    const moved = await move(planner);
    expect(moved.status).toBe(200);
    expect(moved.body.properties.adminUnitCode).toBeNull();
  });

  it('refuses anonymous readers', async () => {
    expect((await call(app, 'GET', '/api/v1/site-offers')).status).toBe(401);
  });
});

describe('the sites endpoints answer what their contracts declare', () => {
  /** The endpoint's 200 schema must read the real answer, field for field. */
  async function conforms(endpoint: Endpoint, path: string, as: Session) {
    const { status, body } = await call(app, 'GET', path, { as });
    expect(status, path).toBe(200);
    const parsed = endpoint.responses[200]?.schema?.safeParse(body);
    expect(parsed?.success, `${path}: ${JSON.stringify(parsed?.error?.issues.slice(0, 3))}`).toBe(true);
  }

  it('for every GET of site offers and key sites', async () => {
    const offer = await publish(inspector, offerFeature(near(0.002), { conditions: 'Thuê 10 năm' }));
    expect(offer.status).toBe(201);
    const roof = await publish(
      planner,
      offerFeature(near(0.003), {
        offerKind: 'building_roof',
        buildingHeightM: 18,
        contactEmail: 'ubnd@example.vn',
        availableFrom: '2026-01-01',
        availableUntil: '2027-12-31',
        offeringOrgId: communeOrg,
      }),
    );
    expect(roof.status).toBe(201);
    const site = await call<{ id: string }>(app, 'POST', '/api/v1/key-sites', {
      as: planner,
      json: keySiteFeature(near(0.004), { source: 'Sở Giáo dục' }),
    });
    expect(site.status).toBe(201);
    const e = siteEndpoints;
    await conforms(e.listSiteOffers, `/api/v1/site-offers?status=all&bbox=${bbox()}`, operator);
    await conforms(e.getSiteOffer, pathOf(e.getSiteOffer, { id: roof.body.id }), operator);
    await conforms(e.siteOfferHistory, pathOf(e.siteOfferHistory, { id: offer.body.id }), planner);
    await conforms(e.siteOfferHistory, pathOf(e.siteOfferHistory, { id: offer.body.id }), viewer);
    await conforms(e.listKeySites, `/api/v1/key-sites?commune=${unitCode}`, viewer);
    await conforms(e.keySiteStatus, `/api/v1/key-sites/status?commune=${unitCode}`, viewer);
    await conforms(e.getKeySite, pathOf(e.getKeySite, { id: site.body.id }), viewer);
    await conforms(e.keySiteHistory, pathOf(e.keySiteHistory, { id: site.body.id }), planner);
  });

  it('answer 404 for a malformed id and 400 naming the query parameter that is wrong', async () => {
    for (const path of ['/api/v1/site-offers/not-a-uuid', '/api/v1/key-sites/12/history'])
      expect((await call(app, 'GET', path, { as: viewer })).status, path).toBe(404);
    const wrong = await call<ErrorBody>(app, 'GET', '/api/v1/key-sites?bbox=1,2,3', { as: viewer });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('VALIDATION_FAILED');
    expect(wrong.body.error.details?.[0]?.path).toEqual(['bbox']);
  });
});
