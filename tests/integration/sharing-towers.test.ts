/**
 * Tower sharing through the real app and database: who must share which tower near a point or a
 * planned tower, the city report, and what each tier sees.
 */
import type { Database } from '@hatang/db';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../apps/api/src/app.js';
import { createOrganisation } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { plansApp } from './plans-support.js';
import { createUnit, freshRegion, insertTower, type LngLat, offset } from './sharing-support.js';

interface Candidate {
  towerId: string;
  towerCode: string;
  ownerOrgId: string;
  ownerCode: string;
  distanceM: number;
  freeTenantSlots: number;
}
interface NearbyBody {
  sharingDistanceM: number;
  unit: { code: string; unitType: string } | null;
  newTowerAllowed: boolean;
  candidates: Candidate[];
  blocked: { towerId: string; reasons: string[] }[];
}
interface ReportBody {
  towerCount: number;
  underused: { towerId: string; freeTenantSlots: number }[];
  clusters: { towerIds: string[]; ownerOrgIds: string[] }[];
  byOwner: {
    ownerOrgId: string;
    towers: number;
    tenants: number;
    tenantSlots: number;
    utilisationPercent: number;
  }[];
  byUnit: { unitCode: string | null; towers: number }[];
}

let db: Database;
let app: App;
let owner: string;
let otherOwner: string;
let operator: string;
let planner: Session;
let editor: Session;
let viewer: Session;
let centre: LngLat;
let wardCode: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  db = await testDatabase();
  app = plansApp(db);
  owner = await createOrganisation(db, 'tower_company');
  otherOwner = await createOrganisation(db, 'operator');
  operator = await createOrganisation(db, 'operator');
  const tenant = await createOrganisation(db, 'operator');
  planner = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
  editor = await sessionFor(app, db, operator, ['operator_editor']);
  viewer = await sessionFor(app, db, await createOrganisation(db, 'public'), ['viewer']);
  centre = freshRegion();
  wardCode = await createUnit(db, centre, 'ward');
  ids.near = await insertTower(db, { ownerOrgId: owner, at: offset(centre, 90), tenants: [tenant] });
  ids.far = await insertTower(db, { ownerOrgId: owner, at: offset(centre, -110), tenants: [tenant] });
  ids.full = await insertTower(db, {
    ownerOrgId: otherOwner,
    at: offset(centre, 0, 50),
    tenantsMax: 1,
    tenants: [tenant],
  });
  ids.short = await insertTower(db, { ownerOrgId: owner, at: offset(centre, 0, -60), heightM: 15 });
  ids.mine = await insertTower(db, { ownerOrgId: owner, at: offset(centre, 30, 30), tenants: [operator] });
  ids.planned = await insertTower(db, { ownerOrgId: owner, at: offset(centre, 10), status: 'planned' });
});

const nearby = (as: Session | undefined, json: unknown) =>
  call<NearbyBody>(app, 'POST', '/api/v1/sharing/towers/nearby', { as, json });

describe('POST /api/v1/sharing/towers/nearby', () => {
  it('offers the tower 90 m away in a ward, not the one 110 m away, nor full, short or planned ones', async () => {
    const response = await nearby(editor, { point: centre, requiredHeightM: 30, technology: '4G' });
    expect(response.status).toBe(200);
    expect(response.body.unit).toMatchObject({ code: wardCode, unitType: 'ward' });
    expect(response.body.sharingDistanceM).toBe(100);
    expect(response.body.candidates.map((c) => c.towerId)).toEqual([ids.near]);
    expect(response.body.candidates[0]).toMatchObject({ ownerOrgId: owner, freeTenantSlots: 2 });
    expect(response.body.candidates[0]?.distanceM).toBeCloseTo(90, 0);
    expect(response.body.newTowerAllowed).toBe(false);
    const blocked = Object.fromEntries(response.body.blocked.map((b) => [b.towerId, b.reasons]));
    expect(blocked).toEqual({
      [ids.full as string]: ['full'],
      [ids.short as string]: ['too_short'],
      [ids.mine as string]: ['already_tenant'],
    });
  });

  it('takes the configured distance: 110 m is in with 120 m for wards', async () => {
    const response = await nearby(editor, {
      point: centre,
      requiredHeightM: 30,
      technology: '4G',
      sharingDistance: { urbanM: 120, otherM: 500 },
    });
    expect(response.body.candidates.map((c) => c.towerId).sort()).toEqual([ids.near, ids.far].sort());
  });

  it('uses the 400 m figure outside wards', async () => {
    const commune = freshRegion();
    await createUnit(db, commune, 'commune');
    const t = await insertTower(db, {
      ownerOrgId: owner,
      at: offset(commune, 0, 350),
      tenants: [otherOwner],
    });
    const response = await nearby(planner, { point: commune, requiredHeightM: 30, technology: '5G' });
    expect(response.body.sharingDistanceM).toBe(400);
    expect(response.body.candidates.map((c) => c.towerId)).toEqual([t]);
  });

  it('never names the tenants of another operator’s tower', async () => {
    const response = await nearby(editor, { point: centre, requiredHeightM: 30, technology: '4G' });
    const text = JSON.stringify(response.body);
    expect(text).not.toContain('tenantOperatorIds');
    expect(text).not.toContain('"tenancies"');
  });

  it('refuses an operator asking on another operator’s behalf, and lets a planner do so', async () => {
    const json = { point: centre, requiredHeightM: 30, technology: '4G', operatorId: otherOwner };
    expect((await nearby(editor, json)).status).toBe(403);
    expect((await nearby(planner, json)).status).toBe(200);
  });

  it('finds hosts for a planned tower site of a plan, with the plan item’s height', async () => {
    const plan = await call<{ id: string }>(app, 'POST', '/api/v1/plans', {
      as: planner,
      json: { name: 'Sharing plan' },
    });
    const base = await call<{ id: string }>(app, 'POST', `/api/v1/plans/${plan.body.id}/baseline`, {
      as: planner,
      json: { name: 'Base' },
    });
    const draft = await call<{ id: string }>(app, 'POST', `/api/v1/plan-versions/${base.body.id}/fork`, {
      as: planner,
      json: { name: 'Draft' },
    });
    const item = await call<{ id: string }>(app, 'POST', `/api/v1/plan-versions/${draft.body.id}/items`, {
      as: planner,
      json: {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: centre },
        properties: { kind: 'tower_site', phase: '2026-2027', attributes: { heightM: 35 } },
      },
    });
    expect(item.status).toBe(201);
    const response = await nearby(planner, { planItemId: item.body.id });
    expect(response.status).toBe(200);
    expect(response.body.candidates.map((c) => c.towerId).sort()).toEqual([ids.near, ids.mine].sort());
    // A draft is not for operators: as if it did not exist.
    expect((await nearby(editor, { planItemId: item.body.id })).status).toBe(404);
  });

  it('lists every problem of a bad request at once', async () => {
    const response = await call<{ error: { code: string; details: { path: string[] }[] } }>(
      app,
      'POST',
      '/api/v1/sharing/towers/nearby',
      { as: editor, json: { point: [200, 10], sharingDistance: { urbanM: -1 } } },
    );
    expect(response.status).toBe(400);
    const paths = response.body.error.details.map((d) => d.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['point.0', 'sharingDistance.urbanM', 'requiredHeightM', 'technology']),
    );
  });

  it('is not for the public', async () => {
    const json = { point: centre, requiredHeightM: 30, technology: '4G' };
    expect((await nearby(viewer, json)).status).toBe(403);
    expect((await nearby(undefined, json)).status).toBe(401);
  });
});

describe('GET /api/v1/sharing/towers/report', () => {
  it('reports single-tenant towers, clusters of different owners and utilisation', async () => {
    const response = await call<ReportBody>(app, 'GET', '/api/v1/sharing/towers/report', { as: editor });
    expect(response.status).toBe(200);
    const underused = new Map(response.body.underused.map((u) => [u.towerId, u.freeTenantSlots]));
    expect(underused.get(ids.near as string)).toBe(2);
    expect(underused.has(ids.full as string)).toBe(false); // one tenant, but no room for more
    expect(underused.has(ids.planned as string)).toBe(false); // not standing
    const ours = response.body.clusters.find((c) => c.towerIds.includes(ids.full as string));
    // full (the other owner's, at 0 m E / 50 m N) is 36 m from mine (30 E, 30 N): linked; near
    // (90 E) is √(90² + 50²) = 103 m and short (60 S) 110 m from it: not linked in a ward.
    expect(ours?.ownerOrgIds.sort()).toEqual([owner, otherOwner].sort());
    expect(ours?.towerIds.sort()).toEqual([ids.full, ids.mine].sort());
    const other = response.body.byOwner.find((o) => o.ownerOrgId === otherOwner);
    expect(other).toMatchObject({ tenants: 1, tenantSlots: 1, utilisationPercent: 100 });
    const ward = response.body.byUnit.find((u) => u.unitCode === wardCode);
    expect(ward?.towers).toBe(5);
  });

  it('rejects a non-number distance', async () => {
    const response = await call(app, 'GET', '/api/v1/sharing/towers/report?urbanM=abc', { as: editor });
    expect(response.status).toBe(400);
  });
});
