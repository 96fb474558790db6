import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../apps/api/src/app.js';
import { createOrganisation } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { plansApp } from './plans-support.js';

type Check = {
  check: string;
  severity: string;
  zoneId?: string;
  distanceM?: number;
  geometry?: { type: string };
};
type Item = { id: string; properties: { checkResults: Check[]; version: number } };
type ErrorBody = { error: { code: string; details: { path: (string | number)[]; message: string }[] } };

let app: App;
let planner: Session;
let admin: Session;
let viewer: Session;
let draftId: string;
/** Per-run offset so zones from earlier runs on a kept database do not overlap this run's. */
const dy = Math.random() * 0.05;

const square = (x: number, y: number, d: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ],
});
const zone = (kind: string, x: number, y: number, planVersionId: string | null, rules = {}) => ({
  type: 'Feature',
  geometry: square(x, y, 0.01),
  properties: { kind, name: `Vùng ${kind}`, planVersionId, rules },
});
const corridor = (x0: number, x1: number, y: number, protectionWidthM = 200) => ({
  type: 'Feature',
  geometry: {
    type: 'LineString',
    coordinates: [
      [x0, y],
      [x1, y],
    ],
  },
  properties: {
    kind: 'submarine_corridor',
    name: 'Tuyến cáp biển thử',
    phase: '2028-2030',
    attributes: { protectionWidthM },
  },
});
const landing = (lng: number, lat: number) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lng, lat] },
  properties: { kind: 'landing_station', name: 'Trạm cập bờ Đồ Sơn', phase: '2028-2030' },
});
const add = (feature: unknown, versionId = draftId) =>
  call<Item>(app, 'POST', `/api/v1/plan-versions/${versionId}/items`, { as: planner, json: feature });

beforeAll(async () => {
  const db = await testDatabase();
  app = plansApp(db);
  const city = await createOrganisation(db, 'city_department');
  planner = await sessionFor(app, db, city, ['planner']);
  admin = await sessionFor(app, db, city, ['admin']);
  viewer = await sessionFor(app, db, await createOrganisation(db, 'public'), ['viewer']);
  const plan = await call<{ id: string }>(app, 'POST', '/api/v1/plans', {
    as: planner,
    json: { name: 'Quy hoạch thử vùng biển' },
  });
  const base = await call<{ id: string }>(app, 'POST', `/api/v1/plans/${plan.body.id}/baseline`, {
    as: planner,
    json: { name: 'Hiện trạng' },
  });
  const draft = await call<{ id: string }>(app, 'POST', `/api/v1/plan-versions/${base.body.id}/fork`, {
    as: planner,
    json: { name: 'Cáp biển' },
  });
  draftId = draft.body.id;
});

describe('plan zones and sea checks', () => {
  it('flags a submarine corridor crossing an anchorage, with the overlap, and not one that passes clear', async () => {
    const y = 20.55 + dy;
    const anchorage = await call<{ id: string }>(app, 'POST', '/api/v1/plan-zones', {
      as: planner,
      json: zone('anchorage', 106.95, y, draftId),
    });
    expect(anchorage.status).toBe(201);
    const crossing = await add(corridor(106.94, 106.97, y + 0.005));
    expect(crossing.status).toBe(201);
    expect(crossing.body.properties.checkResults).toEqual([
      expect.objectContaining({
        check: 'corridor_sea_zone',
        severity: 'warning',
        zoneId: anchorage.body.id,
        geometry: expect.objectContaining({ type: 'Polygon' }),
      }),
    ]);
    const clear = await add(corridor(106.94, 106.97, y + 0.013));
    expect(clear.body.properties.checkResults).toEqual([]);
    // Widening the corridor to 1 km brings it within reach of the anchorage: the edit re-checks.
    const widened = await call<Item>(app, 'PATCH', `/api/v1/plan-items/${clear.body.id}`, {
      as: planner,
      json: { properties: { attributes: { protectionWidthM: 1000 } } },
      headers: { 'if-match': '1' },
    });
    expect(widened.body.properties.checkResults.map((c) => c.check)).toEqual(['corridor_sea_zone']);
    // Zone edits re-check the draft's corridors: removing the anchorage clears both warnings.
    expect(
      (await call(app, 'DELETE', `/api/v1/plan-zones/${anchorage.body.id}`, { as: planner })).status,
    ).toBe(204);
    const after = await call<Item>(app, 'GET', `/api/v1/plan-items/${crossing.body.id}`, { as: planner });
    expect(after.body.properties).toMatchObject({ checkResults: [], version: 1 });
  });

  it('rejects a landing station at sea, accepts one on the coast, and flags one far inland', async () => {
    const atSea = await add(landing(106.9, 20.6));
    expect(atSea.status).toBe(400);
    expect((atSea.body as unknown as ErrorBody).error.details).toEqual([
      { path: ['geometry', 'coordinates'], message: expect.stringMatching(/at sea/) },
    ]);
    // Đồ Sơn, ~180 m from the shore in data/basemap-land.geojson.
    const coast = await add(landing(106.79, 20.7));
    expect(coast.status).toBe(201);
    expect(coast.body.properties.checkResults).toEqual([]);
    // Central Hai Phong, ~10 km from the open sea in the basemap.
    const inland = await add(landing(106.68, 20.86));
    expect(inland.status).toBe(201);
    expect(inland.body.properties.checkResults).toEqual([
      expect.objectContaining({ check: 'landing_station_inland', severity: 'warning' }),
    ]);
    expect(inland.body.properties.checkResults[0]?.distanceM).toBeGreaterThan(5000);
    // Moving the coastal one out to sea is rejected the same way.
    const moved = await call(app, 'PATCH', `/api/v1/plan-items/${coast.body.id}`, {
      as: planner,
      json: { geometry: { type: 'Point', coordinates: [106.9, 20.6] } },
      headers: { 'if-match': '1' },
    });
    expect(moved.status).toBe(400);
  });

  it('validates zones, keeps global zones for everyone signed in, and freezes a version’s zones with it', async () => {
    const bad = await call(app, 'POST', '/api/v1/plan-zones', {
      as: planner,
      json: zone('height_limited', 106.6, 20.8, null),
    });
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as ErrorBody).error.details.map((d) => d.path.join('.'))).toEqual([
      'properties.rules.maxHeightM',
    ]);
    const global = await call<{ id: string }>(app, 'POST', '/api/v1/plan-zones', {
      as: planner,
      json: zone('height_limited', 106.6, 20.8 + dy, null, { maxHeightM: 45 }),
    });
    expect(global.status).toBe(201);
    expect(
      (
        await call(app, 'POST', '/api/v1/plan-zones', {
          as: viewer,
          json: zone('heritage', 106.6, 20.8, null),
        })
      ).status,
    ).toBe(403);
    const listed = await call<{ features: { id: string }[] }>(app, 'GET', '/api/v1/plan-zones', {
      as: viewer,
    });
    expect(listed.body.features.map((f) => f.id)).toContain(global.body.id);

    const own = await call<{ id: string }>(app, 'POST', '/api/v1/plan-zones', {
      as: planner,
      json: zone('restricted', 106.62, 20.8, draftId),
    });
    expect((await call(app, 'GET', `/api/v1/plan-zones/${own.body.id}`, { as: viewer })).status).toBe(404);
    const version = await call<{ version: number }>(app, 'GET', `/api/v1/plan-versions/${draftId}`, {
      as: admin,
    });
    const approved = await call(app, 'POST', `/api/v1/plan-versions/${draftId}/approve`, {
      as: admin,
      headers: { 'if-match': String(version.body.version) },
    });
    expect(approved.status).toBe(200);
    expect((await call(app, 'GET', `/api/v1/plan-zones/${own.body.id}`, { as: viewer })).status).toBe(200);
    const frozen = await call(app, 'DELETE', `/api/v1/plan-zones/${own.body.id}`, { as: planner });
    expect([frozen.status, (frozen.body as unknown as ErrorBody).error.code]).toEqual([
      409,
      'VERSION_LOCKED',
    ]);
  });
});
