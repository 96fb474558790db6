/** Dig-once notices through the real app: planned telecom works alongside other sectors' works in time. */
import type { Database } from '@hatang/db';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../apps/api/src/app.js';
import { createOrganisation } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { plansApp } from './plans-support.js';
import {
  freshRegion,
  insertCableRoute,
  insertCivilWork,
  insertDuct,
  type LngLat,
  offset,
} from './sharing-support.js';

interface Notice {
  org: { id: string; code: string };
  role: string;
  coordinateWith: { id: string };
  telecomWork: { id: string; kind: string };
  civilWork: { id: string; sector: string };
  sharedLengthM: number;
  window: { startsOn: string; endsOn: string };
}
interface DigOnce {
  type: string;
  features: {
    geometry: { type: string; coordinates: LngLat[][] };
    properties: { telecomWork: { id: string }; civilWork: { id: string } };
  }[];
  notices: Notice[];
}

let db: Database;
let app: App;
let operator: string;
let roads: string;
let power: string;
let viewer: Session;
let admin: Session;
const ids: Record<string, string> = {};
const window = 'from=2027-01-01&horizonMonths=12';

beforeAll(async () => {
  db = await testDatabase();
  app = plansApp(db);
  operator = await createOrganisation(db, 'operator');
  roads = await createOrganisation(db, 'other_sector');
  power = await createOrganisation(db, 'other_sector');
  viewer = await sessionFor(app, db, operator, ['operator_viewer']);
  admin = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['admin']);
  const c = freshRegion();
  const at = (e: number, n = 0) => offset(c, e, n);
  ids.duct = await insertDuct(db, operator, [at(0), at(400)], { total: 6, used: 0 }, 'planned');
  ids.existing = await insertDuct(db, operator, [at(0, 40), at(400, 40)], { total: 6, used: 0 });
  ids.cable = await insertCableRoute(db, operator, [at(0, 80), at(400, 80)], 'underground', 'planned');
  // 10 m beside the planned duct, from 100 m on, June 2027 – June 2028: overlaps 2027.
  ids.road = await insertCivilWork(db, roads, [at(100, 10), at(600, 10)], {
    startsOn: '2027-06-01',
    endsOn: '2028-06-30',
  });
  // Beside the cable route but only in 2029: outside the window.
  ids.late = await insertCivilWork(
    db,
    power,
    [at(0, 88), at(400, 88)],
    { startsOn: '2029-01-01', endsOn: '2029-12-31' },
    'power',
  );
  // Beside the existing duct: nothing is planned there.
  ids.water = await insertCivilWork(
    db,
    power,
    [at(0, 45), at(400, 45)],
    { startsOn: '2027-01-01', endsOn: '2027-12-31' },
    'water',
  );
});

const digOnce = (query: string, as: Session = viewer) =>
  call<DigOnce>(app, 'GET', `/api/v1/sharing/dig-once?${query}`, { as });

// Approving a plan (the fourth test) copies the register into its baseline, this file's planned duct
// included, which adds notices the first three tests do not expect: in a shuffled run
// (--sequence.shuffle) the tests keep their order and only the files are shuffled.
describe('GET /api/v1/sharing/dig-once', { shuffle: false }, () => {
  it('tells the operator and the road owner to coordinate on the shared stretch, in the overlap', async () => {
    const response = await digOnce(`org=${operator}&${window}`);
    expect(response.status).toBe(200);
    expect(response.body.notices).toHaveLength(1);
    const [notice] = response.body.notices;
    expect(notice).toMatchObject({
      org: { id: operator },
      role: 'telecom',
      coordinateWith: { id: roads },
      telecomWork: { id: ids.duct, kind: 'duct' },
      civilWork: { id: ids.road, sector: 'road' },
      window: { startsOn: '2027-06-01', endsOn: '2027-12-31' },
    });
    expect(notice?.sharedLengthM).toBeGreaterThan(305);
    expect(notice?.sharedLengthM).toBeLessThan(318);
    const [feature] = response.body.features;
    expect(feature?.geometry.type).toBe('MultiLineString');
    expect(feature?.properties.civilWork.id).toBe(ids.road);
  });

  it('gives the road owner the reverse notice: which operator plans fibre along its works', async () => {
    const response = await digOnce(`org=${roads}&${window}`);
    expect(response.body.notices.map((n) => [n.role, n.coordinateWith.id, n.telecomWork.id])).toEqual([
      ['civil', operator, ids.duct],
    ]);
  });

  it('does not match a civil work outside the schedule window, or beside an existing duct', async () => {
    const response = await digOnce(`org=${power}&${window}`);
    expect(response.body.notices).toEqual([]);
    const later = await digOnce(`org=${power}&from=2029-01-01&horizonMonths=12`);
    expect(later.body.notices.map((n) => n.telecomWork.id)).toEqual([ids.cable]);
  });

  it('takes a planned duct route of an approved plan with its phase as the window', async () => {
    const post = async <T>(path: string, json: unknown, headers: Record<string, string> = {}) => {
      const r = await call<T>(app, 'POST', path, { as: admin, json, headers });
      if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const c = freshRegion();
    const at = (e: number, n = 0) => offset(c, e, n);
    const work = await insertCivilWork(
      db,
      power,
      [at(0, 5), at(300, 5)],
      { startsOn: '2029-03-01', endsOn: '2029-05-31' },
      'power',
    );
    const plan = await post<{ id: string }>('/api/v1/plans', { name: 'Dig-once plan' });
    const base = await post<{ id: string }>(`/api/v1/plans/${plan.id}/baseline`, { name: 'Base' });
    const draft = await post<{ id: string }>(`/api/v1/plan-versions/${base.id}/fork`, { name: 'Draft' });
    const item = await post<{ id: string }>(`/api/v1/plan-versions/${draft.id}/items`, {
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [at(0), at(300)] },
      properties: { kind: 'duct_route', phase: '2028-2030', responsibleOrgId: operator },
    });
    const version = await call<{ version: number }>(app, 'GET', `/api/v1/plan-versions/${draft.id}`, {
      as: admin,
    });
    await post(`/api/v1/plan-versions/${draft.id}/approve`, {}, { 'if-match': String(version.body.version) });
    const response = await digOnce(`org=${operator}&${window}`);
    const notice = response.body.notices.find((n) => n.civilWork.id === work);
    expect(notice).toMatchObject({
      telecomWork: { id: item.id, kind: 'plan_item' },
      window: { startsOn: '2029-03-01', endsOn: '2029-05-31' },
    });
  });

  it('checks its parameters', async () => {
    expect((await digOnce('org=nope')).status).toBe(400);
    expect((await digOnce('bufferM=-3')).status).toBe(400);
    expect((await digOnce('from=2027-13-45')).status).toBe(400);
  });
});
