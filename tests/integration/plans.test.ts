import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../apps/api/src/app.js';
import { createOrganisation, farAway } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { plansApp } from './plans-support.js';

type Version = {
  id: string;
  planId: string;
  kind: string;
  version: number;
  itemCount: number;
  parentVersionId: string | null;
};
type Item = {
  id: string;
  geometry: { type: string };
  properties: Record<string, unknown> & { originId: string; version: number };
};

let app: App;
let city: string;
let admin: Session;
let planner: Session;
let reviewer: Session;
let viewer: Session;
let towerId: string;

const at = (n: number) => farAway(6000 + n);
const towerArea = (n: number, maxHeightM = 45) => {
  const [x, y] = at(n);
  return {
    type: 'Feature',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 0.002, y],
          [x + 0.002, y + 0.002],
          [x, y + 0.002],
          [x, y],
        ],
      ],
    },
    properties: {
      kind: 'tower_area',
      phase: '2026-2027',
      responsibleOrgId: city,
      attributes: { towerClass: 'A2b', maxHeightM },
    },
  };
};
const ductRoute = (n: number) => {
  const [x, y] = at(n);
  return {
    type: 'Feature',
    geometry: {
      type: 'LineString',
      coordinates: [
        [x, y],
        [x + 0.003, y + 0.001],
      ],
    },
    properties: {
      kind: 'duct_route',
      name: 'Tuyến cống Lạch Tray',
      phase: '2028-2030',
      attributes: { tubesTotal: 12 },
    },
  };
};

async function newPlan(): Promise<string> {
  const r = await call<{ id: string }>(app, 'POST', '/api/v1/plans', {
    as: planner,
    json: { name: 'Quy hoạch hạ tầng viễn thông thụ động Hải Phòng đến 2030, tầm nhìn 2040' },
  });
  expect(r.status).toBe(201);
  return r.body.id;
}
async function baseline(planId: string): Promise<Version> {
  const r = await call<Version>(app, 'POST', `/api/v1/plans/${planId}/baseline`, {
    as: planner,
    json: { name: 'Hiện trạng 2025' },
  });
  expect(r.status).toBe(201);
  return r.body;
}
async function fork(versionId: string, name = 'Phương án A'): Promise<Version> {
  const r = await call<Version>(app, 'POST', `/api/v1/plan-versions/${versionId}/fork`, {
    as: planner,
    json: { name },
  });
  expect(r.status).toBe(201);
  return r.body;
}
async function addItem(versionId: string, feature: unknown, as = planner) {
  return call<Item>(app, 'POST', `/api/v1/plan-versions/${versionId}/items`, { as, json: feature });
}
const version = async (id: string) =>
  (await call<Version>(app, 'GET', `/api/v1/plan-versions/${id}`, { as: admin })).body;
const approve = (id: string, v: number, as = admin) =>
  call<Version>(app, 'POST', `/api/v1/plan-versions/${id}/approve`, {
    as,
    headers: { 'if-match': String(v) },
  });
const items = async (id: string) =>
  (await call<{ features: Item[] }>(app, 'GET', `/api/v1/plan-versions/${id}/items`, { as: planner })).body
    .features;

beforeAll(async () => {
  const db = await testDatabase();
  app = plansApp(db);
  city = await createOrganisation(db, 'city_department');
  admin = await sessionFor(app, db, city, ['admin']);
  planner = await sessionFor(app, db, city, ['planner']);
  reviewer = await sessionFor(app, db, await createOrganisation(db, 'construction_department'), ['reviewer']);
  viewer = await sessionFor(app, db, await createOrganisation(db, 'public'), ['viewer']);
  const [x, y] = at(0);
  towerId = crypto.randomUUID();
  await db.query(
    `INSERT INTO towers (id, code, owner_org_id, status, tower_class, structure, placement, height_m, antenna_slots_total, tenants_max, geom)
     VALUES ($1, $2, $3, 'existing', 'A2a', 'lattice', 'ground', 45, 12, 3, ST_SetSRID(ST_MakePoint($4, $5), 4326))`,
    [towerId, `plan-${towerId.slice(0, 8)}`, city, x, y],
  );
});

describe('plan versions and items', () => {
  it('snapshots the register as a baseline, forks it with every item, and compares the fork with it', async () => {
    const planId = await newPlan();
    const base = await baseline(planId);
    expect(base).toMatchObject({ kind: 'baseline', planId });
    const baseItems = await items(base.id);
    const tower = baseItems.find((i) => i.properties.originId === towerId);
    // Public-tier facts only: the class, not the height or the code.
    expect(tower?.properties).toMatchObject({
      kind: 'tower_site',
      status: 'existing',
      sourceTable: 'towers',
      attributes: { towerClass: 'A2a' },
    });

    const draft = await fork(base.id);
    expect(draft).toMatchObject({ kind: 'draft', parentVersionId: base.id, itemCount: base.itemCount });
    const area = await addItem(draft.id, towerArea(1));
    expect(area.status).toBe(201);
    expect(area.body.properties).toMatchObject({
      kind: 'tower_area',
      attributes: { towerClass: 'A2b', maxHeightM: 45 },
      checkResults: [],
    });
    expect((await addItem(draft.id, ductRoute(2))).status).toBe(201);
    const copied = (await items(draft.id)).find((i) => i.properties.originId === towerId);
    const patched = await call<Item>(app, 'PATCH', `/api/v1/plan-items/${copied?.id}`, {
      as: planner,
      json: { properties: { status: 'cancelled', notes: 'Dỡ bỏ, dùng chung trạm mới' } },
      headers: { 'if-match': '1' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.properties).toMatchObject({ version: 2, status: 'cancelled', originId: towerId });

    const diff = await call<{
      summary: Record<string, number>;
      added: { kind: string }[];
      changed: {
        originId: string;
        fields: string[];
        before: Record<string, unknown>;
        after: Record<string, unknown>;
      }[];
      features: { features: { properties: { change: string } }[] };
    }>(app, 'GET', `/api/v1/plan-versions/${draft.id}/compare?base=${base.id}`, { as: planner });
    expect(diff.status).toBe(200);
    expect(diff.body.summary).toEqual({ added: 2, removed: 0, changed: 1, unchanged: base.itemCount - 1 });
    expect(diff.body.added.map((a) => a.kind).sort()).toEqual(['duct_route', 'tower_area']);
    expect(diff.body.changed).toEqual([
      expect.objectContaining({
        originId: towerId,
        fields: ['status', 'notes'],
        before: { status: 'existing', notes: null },
      }),
    ]);
    expect(diff.body.features.features.map((f) => f.properties.change).sort()).toEqual([
      'added',
      'added',
      'changed',
    ]);
  });

  it('reports every problem of an item with its path, before any SQL', async () => {
    const draft = await fork((await baseline(await newPlan())).id);
    const bad = towerArea(3);
    const r = await addItem(draft.id, {
      ...bad,
      geometry: { type: 'Point', coordinates: at(3) },
      properties: { ...bad.properties, phase: '2029', attributes: { towerClass: 'A9' } },
    });
    expect(r.status).toBe(400);
    const paths = (r.body as unknown as { error: { details: { path: unknown[] }[] } }).error.details.map(
      (d) => d.path.join('.'),
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        'properties.phase',
        'properties.attributes.towerClass',
        'properties.attributes.maxHeightM',
        'geometry.type',
      ]),
    );
  });

  it('approves a draft, supersedes the approved one in the same step, and freezes both', async () => {
    const base = await baseline(await newPlan());
    const first = await fork(base.id, 'A');
    const second = await fork(base.id, 'B');
    const item = (await addItem(first.id, towerArea(4))).body;
    expect((await approve(first.id, (await version(first.id)).version)).status).toBe(200);
    const r = await approve(second.id, (await version(second.id)).version);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: 'approved', supersededVersionIds: [first.id] });
    expect((await version(first.id)).kind).toBe('superseded');

    const locked = [
      await addItem(first.id, towerArea(5)),
      await addItem(second.id, towerArea(5)),
      await addItem(base.id, towerArea(5)),
      await call(app, 'PATCH', `/api/v1/plan-items/${item.id}`, {
        as: planner,
        json: { properties: { notes: 'x' } },
        headers: { 'if-match': '1' },
      }),
      await call(app, 'DELETE', `/api/v1/plan-items/${item.id}`, { as: planner }),
    ];
    expect(
      locked.map((l) => [l.status, (l.body as unknown as { error: { code: string } }).error.code]),
    ).toEqual(Array(5).fill([409, 'VERSION_LOCKED']));
  });

  it('lets exactly one of two simultaneous approvals win', async () => {
    const base = await baseline(await newPlan());
    const draft = await fork(base.id);
    const v = (await version(draft.id)).version;
    const same = await Promise.all([approve(draft.id, v), approve(draft.id, v)]);
    expect(same.map((r) => r.status).sort()).toEqual([200, 409]);

    const [a, b] = [await fork(base.id, 'A'), await fork(base.id, 'B')];
    await Promise.all([approve(a.id, a.version), approve(b.id, b.version)]);
    const kinds = [(await version(draft.id)).kind, (await version(a.id)).kind, (await version(b.id)).kind];
    expect(kinds.filter((k) => k === 'approved')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'superseded')).toHaveLength(2);
  });

  it('refuses to approve a draft that changed since the approver read it', async () => {
    const draft = await fork((await baseline(await newPlan())).id);
    const seen = (await version(draft.id)).version;
    await addItem(draft.id, ductRoute(6));
    const r = await approve(draft.id, seen);
    expect(r.status).toBe(409);
    expect((r.body as unknown as { error: { code: string } }).error.code).toBe('VERSION_CONFLICT');
  });

  it('lets admins approve, planners draft, reviewers read drafts, and others read only approved versions', async () => {
    const planId = await newPlan();
    const draft = await fork((await baseline(planId)).id);
    expect((await approve(draft.id, draft.version, planner)).status).toBe(403);
    expect((await addItem(draft.id, ductRoute(7), reviewer)).status).toBe(403);
    expect((await call(app, 'GET', `/api/v1/plan-versions/${draft.id}`, { as: reviewer })).status).toBe(200);
    expect((await call(app, 'GET', `/api/v1/plan-versions/${draft.id}`, { as: viewer })).status).toBe(404);
    expect((await call(app, 'GET', '/api/v1/plans')).status).toBe(401);
    expect((await approve(draft.id, (await version(draft.id)).version)).status).toBe(200);
    expect((await call(app, 'GET', `/api/v1/plan-versions/${draft.id}/items`, { as: viewer })).status).toBe(
      200,
    );
    const plan = await call<{ versions: Version[]; approvedVersionId: string }>(
      app,
      'GET',
      `/api/v1/plans/${planId}`,
      { as: viewer },
    );
    expect(plan.body.versions.map((v) => v.kind)).toEqual(['approved']);
    expect(plan.body.approvedVersionId).toBe(draft.id);
  });

  it('audits every item write with who and before/after', async () => {
    const draft = await fork((await baseline(await newPlan())).id);
    const created = (await addItem(draft.id, towerArea(8))).body;
    await call(app, 'PATCH', `/api/v1/plan-items/${created.id}`, {
      as: planner,
      json: { properties: { attributes: { towerClass: 'A2c', maxHeightM: 60 } } },
      headers: { 'if-match': '1' },
    });
    expect(
      (
        await call(app, 'DELETE', `/api/v1/plan-items/${created.id}`, {
          as: planner,
          headers: { 'if-match': '2' },
        })
      ).status,
    ).toBe(204);
    const history = await call<{
      items: { action: string; actor: { userId: string }; before: Item | null; after: Item | null }[];
    }>(app, 'GET', `/api/v1/plan-items/${created.id}/history`, { as: planner });
    expect(history.body.items.map((h) => h.action)).toEqual(['delete', 'update', 'create']);
    // Undo the delete: the item comes back with its id, origin and the updated attributes.
    const undone = await call<Item>(app, 'POST', `/api/v1/plan-items/${created.id}/restore`, {
      as: planner,
      json: { version: 2 },
    });
    expect(undone.status).toBe(200);
    expect(undone.body.properties).toMatchObject({
      version: 3,
      originId: created.properties.originId,
      attributes: { maxHeightM: 60 },
    });
    expect(history.body.items[1]?.actor.userId).toBe(planner.user.id);
    expect(history.body.items[1]?.after?.properties.attributes).toEqual({
      towerClass: 'A2c',
      maxHeightM: 60,
    });
  });
});
