/**
 * The overhead cable cleanup campaign through the real app and database: planners add
 * undergrounding candidates, move them through planned → in progress → done with If-Match, and
 * everyone who reads sharing sees the campaign and its kilometres by year.
 */
import type { Database } from '@hatang/db';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../apps/api/src/app.js';
import { createOrganisation } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { plansApp } from './plans-support.js';
import {
  createUnit,
  freshRegion,
  insertCableRoute,
  insertCivilWork,
  insertDuct,
  insertStreet,
  type LngLat,
  offset,
} from './sharing-support.js';

interface Candidate {
  geometry: { coordinates: LngLat[] };
  properties: { cableRouteId: string; lengthM: number; streetName: string | null };
}
interface Segment {
  id: string;
  geometry: { type: string; coordinates: LngLat[] };
  properties: {
    id: string;
    cableRouteId: string;
    cableCode: string | null;
    ownerOrgId: string;
    streetName: string | null;
    streetClass: string | null;
    unitCode: string | null;
    lengthM: number;
    plannedYear: number;
    status: string;
    note: string | null;
    version: number;
    createdBy: string | null;
  };
}
interface Collection {
  features: Segment[];
  totalLengthM: number;
}
interface Year {
  year: number;
  segments: number;
  plannedM: number;
  inProgressM: number;
  doneM: number;
  totalM: number;
  doneKm: number;
}
interface Summary {
  years: Year[];
  totals: Omit<Year, 'year'>;
}

let db: Database;
let app: App;
let planner: Session;
let admin: Session;
let owner: Session;
let otherOperator: Session;
let reviewer: Session;
let viewer: Session;
let commune: string;
let bbox: string;
const cables: Record<string, string> = {};
let candidates: Candidate[] = [];

const toAdd = (c: Candidate, plannedYear: number, note?: string) => ({
  cableRouteId: c.properties.cableRouteId,
  coordinates: c.geometry.coordinates,
  plannedYear,
  ...(note ? { note } : {}),
});

beforeAll(async () => {
  db = await testDatabase();
  app = plansApp(db);
  const operator = await createOrganisation(db, 'operator');
  const roads = await createOrganisation(db, 'other_sector');
  const city = await createOrganisation(db, 'city_department');
  planner = await sessionFor(app, db, city, ['planner']);
  admin = await sessionFor(app, db, city, ['admin']);
  owner = await sessionFor(app, db, operator, ['operator_editor']);
  otherOperator = await sessionFor(app, db, await createOrganisation(db, 'operator'), ['operator_viewer']);
  reviewer = await sessionFor(app, db, await createOrganisation(db, 'construction_department'), ['reviewer']);
  viewer = await sessionFor(app, db, await createOrganisation(db, 'public'), ['viewer']);
  const c = freshRegion();
  commune = await createUnit(db, c, 'ward');
  const at = (e: number, n = 0) => offset(c, e, n);
  await insertDuct(db, operator, [at(0), at(300)], { total: 4, used: 1 });
  await insertCivilWork(db, roads, [at(0, 400), at(400, 400)], {
    startsOn: '2027-01-01',
    endsOn: '2027-06-30',
  });
  await insertStreet(db, [at(-50, 402), at(500, 402)], 'primary');
  cables.besideDuct = await insertCableRoute(db, operator, [at(0, 6), at(300, 6)], 'aerial');
  cables.besideWorks = await insertCableRoute(db, operator, [at(0, 403), at(400, 403)], 'aerial');
  cables.alone = await insertCableRoute(db, operator, [at(0, 800), at(300, 800)], 'aerial');
  const sw = offset(c, -100, -100);
  const ne = offset(c, 600, 900);
  bbox = [sw[0], sw[1], ne[0], ne[1]].join(',');
  const found = await call<{ features: Candidate[] }>(
    app,
    'GET',
    `/api/v1/sharing/undergrounding-candidates?bbox=${bbox}`,
    { as: planner },
  );
  candidates = found.body.features;
});

const list = (as: Session, query = `commune=${commune}`) =>
  call<Collection>(app, 'GET', `/api/v1/sharing/campaign/segments?${query}`, { as });
const summary = (as: Session = planner) =>
  call<Summary>(app, 'GET', `/api/v1/sharing/campaign/summary?commune=${commune}`, { as });
const add = (as: Session, segments: unknown[]) =>
  call<Collection & { error?: { code: string; details?: { path: unknown[] }[] } }>(
    app,
    'POST',
    '/api/v1/sharing/campaign/segments',
    { as, json: { segments } },
  );
const patch = (as: Session, id: string, version: number | undefined, json: unknown) =>
  call<Segment & { error?: { code: string; current?: Segment } }>(
    app,
    'PATCH',
    `/api/v1/sharing/campaign/segments/${id}`,
    { as, json, headers: version === undefined ? {} : { 'if-match': `"${version}"` } },
  );

// One campaign's story (add, refuse the same stretch, change, sum, remove): its steps build on each
// other, so a shuffled run (--sequence.shuffle) keeps them in order and shuffles only the files.
describe('the undergrounding campaign', { shuffle: false }, () => {
  let works: Segment;
  let duct: Segment;

  it('starts from two candidates of the fixture', () => {
    expect(candidates.map((c) => c.properties.cableRouteId).sort()).toEqual(
      [cables.besideDuct, cables.besideWorks].sort(),
    );
  });

  it('lets a planner add candidates, with street, length and commune from the finder', async () => {
    const [first, second] = candidates as [Candidate, Candidate];
    const response = await add(planner, [toAdd(first, 2027, 'Ưu tiên: phố chính'), toAdd(second, 2028)]);
    expect(response.status).toBe(201);
    expect(response.body.features).toHaveLength(2);
    works = response.body.features.find((f) => f.properties.cableRouteId === cables.besideWorks) as Segment;
    duct = response.body.features.find((f) => f.properties.cableRouteId === cables.besideDuct) as Segment;
    expect(works.properties).toMatchObject({
      plannedYear: 2027,
      status: 'planned',
      streetName: 'Phố Thử',
      streetClass: 'primary',
      unitCode: commune,
      version: 1,
      note: 'Ưu tiên: phố chính',
    });
    expect(works.properties.lengthM).toBeCloseTo(400, -1);
    expect(duct.properties).toMatchObject({ plannedYear: 2028, unitCode: commune, note: null });
    expect(duct.properties.lengthM).toBeCloseTo(300, -1);
    expect(works.geometry.coordinates).toEqual(first.geometry.coordinates);
    const audit = await db.query<{ action: string }>(
      'SELECT action FROM audit_log WHERE resource = $1 AND record_id = $2',
      ['undergrounding-campaign', works.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('refuses the same stretch twice (409) and adds nothing of a refused request', async () => {
    const [first] = candidates as [Candidate];
    const again = await add(planner, [toAdd(first, 2030)]);
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('CONFLICT');
    expect(again.body.error?.details?.[0]?.path).toEqual(['segments', 0]);
    const twiceInOne = await add(admin, [toAdd(first, 2030), toAdd(first, 2031)]);
    expect(twiceInOne.status).toBe(400);
    expect((await list(planner)).body.features).toHaveLength(2);
  });

  it('refuses a stretch that is not a candidate, every problem at once', async () => {
    const response = await add(planner, [
      {
        cableRouteId: cables.alone,
        coordinates: [offset([0, 0], 0), offset([0, 0], 100)],
        plannedYear: 2027,
      },
      { cableRouteId: cables.besideDuct, coordinates: [[1, 1]], plannedYear: 2045 },
    ]);
    expect(response.status).toBe(400);
    expect(response.body.error?.details?.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps writes to planners and admins', async () => {
    const [first] = candidates as [Candidate];
    expect((await add(owner, [toAdd(first, 2030)])).status).toBe(403);
    expect((await add(reviewer, [toAdd(first, 2030)])).status).toBe(403);
    expect((await patch(owner, works.id, 1, { status: 'done' })).status).toBe(403);
    expect(
      (await call(app, 'DELETE', `/api/v1/sharing/campaign/segments/${works.id}`, { as: otherOperator }))
        .status,
    ).toBe(403);
  });

  it('changes status and year with If-Match; a stale version is a 409 with the current stretch', async () => {
    const moved = await patch(planner, works.id, 1, { status: 'in_progress' });
    expect(moved.status).toBe(200);
    expect(moved.headers.get('etag')).toBe('"2"');
    expect(moved.body.properties).toMatchObject({ status: 'in_progress', version: 2, plannedYear: 2027 });
    const stale = await patch(admin, works.id, 1, { status: 'done' });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.code).toBe('VERSION_CONFLICT');
    expect(stale.body.error?.current?.properties.status).toBe('in_progress');
    expect((await patch(planner, works.id, undefined, { status: 'done' })).status).toBe(428);
    expect((await patch(planner, works.id, 2, { status: 'finished' })).status).toBe(400);
    expect((await patch(planner, works.id, 2, { plannedYear: 2041 })).status).toBe(400);
    expect((await patch(planner, works.id, 2, {})).status).toBe(400);
    const year = await patch(planner, duct.id, 1, { plannedYear: 2027, note: 'Cùng đợt với phố chính' });
    expect(year.body.properties).toMatchObject({
      plannedYear: 2027,
      version: 2,
      note: 'Cùng đợt với phố chính',
    });
    expect((await patch(planner, crypto.randomUUID(), 1, { status: 'done' })).status).toBe(404);
  });

  it('sums metres planned, in progress and done by year from the stretches’ lengths', async () => {
    const before = (await summary()).body;
    const ductM = duct.properties.lengthM;
    const worksM = works.properties.lengthM;
    expect(before.years).toEqual([
      {
        year: 2027,
        segments: 2,
        plannedM: ductM,
        inProgressM: worksM,
        doneM: 0,
        totalM: Math.round((ductM + worksM) * 10) / 10,
        plannedKm: Math.round(ductM) / 1000,
        doneKm: 0,
      },
    ]);
    const done = await patch(planner, works.id, 2, { status: 'done' });
    expect(done.status).toBe(200);
    const after = (await summary(otherOperator)).body;
    expect(after.years[0]).toMatchObject({
      year: 2027,
      inProgressM: 0,
      doneM: worksM,
      doneKm: Math.round(worksM) / 1000,
    });
    expect(after.totals).toMatchObject({ segments: 2, plannedM: ductM, doneM: worksM });
  });

  it('filters the list by year, status and commune', async () => {
    expect((await list(planner, `commune=${commune}&status=done`)).body.features.map((f) => f.id)).toEqual([
      works.id,
    ]);
    expect((await list(planner, `commune=${commune}&year=2027`)).body.features).toHaveLength(2);
    expect((await list(planner, `commune=${commune}&year=2028`)).body.features).toHaveLength(0);
    expect((await list(planner, 'commune=12')).status).toBe(400);
    expect((await list(planner, 'year=1999')).status).toBe(400);
    const all = await list(reviewer);
    expect(all.body.totalLengthM).toBeCloseTo(duct.properties.lengthM + works.properties.lengthM, 0);
  });

  it('shows operators the stretches without the city’s notes; the public not at all', async () => {
    const other = (await list(otherOperator)).body.features.find((f) => f.id === works.id);
    expect(other?.properties).toMatchObject({
      ownerOrgId: works.properties.ownerOrgId,
      note: null,
      createdBy: null,
    });
    expect(other?.properties.cableCode).toBeTruthy();
    const own = (await list(owner)).body.features.find((f) => f.id === works.id);
    expect(own?.properties.note).toBe('Ưu tiên: phố chính');
    expect((await list(viewer)).status).toBe(403);
    expect((await call(app, 'GET', '/api/v1/sharing/campaign/summary')).status).toBe(401);
  });

  it('downloads the campaign as CSV (UTF-8 with BOM) and GeoJSON', async () => {
    const csv = await app.request(`/api/v1/sharing/campaign/segments?commune=${commune}&format=csv`, {
      headers: planner.headers,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(
      /attachment; filename="hatang-undergrounding-campaign-.*\.csv"/,
    );
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split('\r\n');
    expect(lines[0]?.split(',').slice(0, 3)).toEqual(['id', 'street_name', 'street_class']);
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.startsWith(works.id))).toContain('Phố Thử');
    const geo = await app.request(`/api/v1/sharing/campaign/segments?commune=${commune}&format=geojson`, {
      headers: planner.headers,
    });
    expect(geo.headers.get('content-disposition')).toMatch(/\.geojson"/);
    const collection = (await geo.json()) as { type: string; features: Segment[] };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.map((f) => f.geometry.type)).toEqual(['LineString', 'LineString']);
  });

  it('removes a stretch from the campaign, audited', async () => {
    const stale = await call(app, 'DELETE', `/api/v1/sharing/campaign/segments/${duct.id}`, {
      as: planner,
      headers: { 'if-match': '1' },
    });
    expect(stale.status).toBe(409);
    const removed = await call(app, 'DELETE', `/api/v1/sharing/campaign/segments/${duct.id}`, {
      as: planner,
    });
    expect(removed.status).toBe(204);
    expect((await list(planner)).body.features.map((f) => f.id)).toEqual([works.id]);
    const audit = await db.query<{ action: string }>(
      'SELECT action FROM audit_log WHERE resource = $1 AND record_id = $2 ORDER BY id',
      ['undergrounding-campaign', duct.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
    // Removed, the stretch can be added again.
    const candidate = candidates.find((c) => c.properties.cableRouteId === cables.besideDuct) as Candidate;
    expect((await add(planner, [toAdd(candidate, 2029)])).status).toBe(201);
  });
});
