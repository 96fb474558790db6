/**
 * Commune inspections of violations (issue #9, item 5): inspectors record violations with photos
 * in their own commune; the status machine runs on the server for the roles that may act; an
 * operator reads only the violations linked to its own assets; every write is audited.
 */
import type { ViolationFeature } from '@hatang/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, createUnitWithCells, farAway } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { ownedManhole, photoForm, send, solidPng, violationBody } from './violations-support.js';

type ErrorBody = { error: { code: string; message: string; details?: { path: (string | number)[] }[] } };
type Collection = { type: string; features: ViolationFeature[] };

let app: App;
let db: Awaited<ReturnType<typeof testDatabase>>;
let admin: Session;
let planner: Session;
let reviewer: Session;
let inspector: Session;
let inspectorElsewhere: Session;
let operatorA: Session;
let viewerA: Session;
let operatorB: Session;
let publicViewer: Session;
let unitCode: string;
let otherUnit: string;
let orgA: string;
let manholeA: string;

// A commune of its own far from the demo data: (1.2, 1.2) ± 0.01°, and a neighbour at (1.26, 1.26).
const centre = farAway(700);
const elsewhere = farAway(760);
const round = (v: number) => Number(v.toFixed(6));
let serial = 0;
const here = (): [number, number] => {
  serial++;
  return [round(centre[0] - 0.008 + (serial % 80) * 0.0002), round(centre[1] + 0.002)];
};

beforeAll(async () => {
  db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  unitCode = await createUnitWithCells(db, centre, 'Xã Kiểm Tra');
  otherUnit = await createUnitWithCells(db, elsewhere, 'Xã Bên Cạnh');
  orgA = await createOrganisation(db, 'operator');
  const orgB = await createOrganisation(db, 'operator');
  const city = await createOrganisation(db, 'city_department');
  const construction = await createOrganisation(db, 'construction_department');
  const commune = await createOrganisation(db, 'commune');
  const otherCommune = await createOrganisation(db, 'commune');
  const pub = await createOrganisation(db, 'public');
  await db.query('UPDATE organisations SET admin_unit_code = $2 WHERE id = $1', [commune, unitCode]);
  await db.query('UPDATE organisations SET admin_unit_code = $2 WHERE id = $1', [otherCommune, otherUnit]);
  admin = await sessionFor(app, db, city, ['admin']);
  planner = await sessionFor(app, db, city, ['planner']);
  reviewer = await sessionFor(app, db, construction, ['reviewer']);
  inspector = await sessionFor(app, db, commune, ['inspector']);
  inspectorElsewhere = await sessionFor(app, db, otherCommune, ['inspector']);
  operatorA = await sessionFor(app, db, orgA, ['operator_editor']);
  viewerA = await sessionFor(app, db, orgA, ['operator_viewer']);
  operatorB = await sessionFor(app, db, orgB, ['operator_editor']);
  publicViewer = await sessionFor(app, db, pub, ['viewer']);
  manholeA = await ownedManhole(app, admin, orgA, `viol-${crypto.randomUUID().slice(0, 8)}`);
});

/** A fresh report in the test commune, by the inspector (linked to A's manhole when `linked`). */
async function report(linked = false): Promise<ViolationFeature> {
  const extra = linked ? { asset: { resource: 'manholes', id: manholeA } } : {};
  return send<ViolationFeature>(app, inspector, 'POST', '/api/v1/violations', violationBody(here(), extra));
}

/** A fresh report moved through `path` by the planner (e.g. ['notify', 'escalate']). */
async function reportIn(path: string[]): Promise<ViolationFeature> {
  let v = await report(true);
  for (const action of path)
    v = await send<ViolationFeature>(
      app,
      planner,
      'POST',
      `/api/v1/violations/${v.id}/${action}`,
      {},
      {
        'if-match': String(v.properties.version),
      },
    );
  return v;
}

const countInCommune = async () =>
  Number(
    (
      await db.query<{ n: string }>('SELECT count(*)::text AS n FROM violations WHERE admin_unit_code = $1', [
        unitCode,
      ])
    )[0]?.n,
  );

describe('recording a violation', () => {
  it('lets an inspector record one in their commune, deriving the commune from the place', async () => {
    const at = here();
    const response = await call<ViolationFeature>(app, 'POST', '/api/v1/violations', {
      as: inspector,
      json: violationBody(at),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.body.geometry).toEqual({ type: 'Point', coordinates: at });
    expect(response.body.properties).toMatchObject({
      kind: 'open_or_damaged_manhole',
      status: 'reported',
      adminUnitCode: unitCode,
      asset: null,
      responsibleOrgId: null,
      reportedBy: inspector.user.id,
      version: 1,
    });
    const history = await call<{ items: { action: string; version: number }[] }>(
      app,
      'GET',
      `/api/v1/violations/${response.body.id}/history`,
      { as: inspector },
    );
    expect(history.body.items.map((i) => [i.action, i.version])).toEqual([['create', 1]]);
  });

  it('records a dangerous cable span as a line, placed in the commune of its first point', async () => {
    const [x, y] = here();
    const line = {
      type: 'LineString',
      coordinates: [
        [x, y],
        [round(x + 0.002), y],
      ],
    };
    const response = await call<ViolationFeature>(app, 'POST', '/api/v1/violations', {
      as: inspector,
      json: violationBody([x, y], { kind: 'dangerous_overhead_cable', geometry: line }),
    });
    expect(response.status).toBe(201);
    expect(response.body.geometry.type).toBe('LineString');
    expect(response.body.properties.adminUnitCode).toBe(unitCode);
  });

  it('refuses an inspector a place outside their commune, saying where it is, and saves nothing', async () => {
    const before = await countInCommune();
    const outside = await call<ErrorBody>(app, 'POST', '/api/v1/violations', {
      as: inspectorElsewhere,
      json: violationBody(here()),
    });
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe('FORBIDDEN');
    expect(outside.body.error.message).toContain('Xã Kiểm Tra');
    expect(outside.body.error.message).toContain('outside your commune');
    expect(await countInCommune()).toBe(before);
  });

  it('links the asset and makes its owner the responsible organisation; an unknown asset is refused', async () => {
    const v = await report(true);
    expect(v.properties.asset).toEqual({ resource: 'manholes', id: manholeA });
    expect(v.properties.responsibleOrgId).toBe(orgA);
    const missing = await call<ErrorBody>(app, 'POST', '/api/v1/violations', {
      as: inspector,
      json: violationBody(here(), { asset: { resource: 'towers', id: crypto.randomUUID() } }),
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details?.[0]?.path).toEqual(['asset', 'id']);
  });

  it('reports every problem of a bad body at once', async () => {
    const response = await call<ErrorBody>(app, 'POST', '/api/v1/violations', {
      as: inspector,
      json: { kind: 'graffiti', description: '', geometry: { type: 'Polygon', coordinates: [] } },
    });
    expect(response.status).toBe(400);
    const paths = response.body.error.details?.map((d) => d.path.join('.')) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['kind', 'description', 'geometry.type']));
  });

  it('refuses reviewers, operators and the public (the policy), and anonymous callers', async () => {
    for (const who of [reviewer, operatorA, viewerA, publicViewer]) {
      const response = await call(app, 'POST', '/api/v1/violations', {
        as: who,
        json: violationBody(here()),
      });
      expect(response.status).toBe(403);
    }
    expect((await call(app, 'POST', '/api/v1/violations', { json: violationBody(here()) })).status).toBe(401);
  });
});

describe('the status machine', () => {
  const STARTS: Record<string, string[]> = {
    reported: [],
    notified: ['notify'],
    escalated: ['escalate'],
    'escalated after notice': ['notify', 'escalate'],
    resolved: ['notify', 'resolve'],
  };
  const ALLOWED: Record<string, Record<string, string | null>> = {
    reported: { notify: 'notified', escalate: 'escalated', resolve: null },
    notified: { notify: null, escalate: 'escalated', resolve: 'resolved' },
    escalated: { notify: null, escalate: null, resolve: 'resolved' },
    'escalated after notice': { notify: null, escalate: null, resolve: 'resolved' },
    resolved: { notify: null, escalate: null, resolve: null },
  };

  for (const [start, steps] of Object.entries(STARTS)) {
    for (const [action, to] of Object.entries(ALLOWED[start]!)) {
      it(`${to ? 'allows' : 'refuses'} ${action} from ${start} (inspector of the commune)`, async () => {
        const v = await reportIn(steps);
        const response = await call<ViolationFeature & ErrorBody>(
          app,
          'POST',
          `/api/v1/violations/${v.id}/${action}`,
          {
            as: inspector,
            json: { note: `${action} from ${start}` },
            headers: { 'if-match': String(v.properties.version) },
          },
        );
        if (to) {
          expect(response.status).toBe(200);
          expect(response.body.properties.status).toBe(to);
          expect(response.body.properties.statusNote).toBe(`${action} from ${start}`);
          expect(response.body.properties.version).toBe(v.properties.version + 1);
        } else {
          expect(response.status).toBe(409);
          expect(response.body.error.code).toBe('INVALID_STATE');
          const after = await call<ViolationFeature>(app, 'GET', `/api/v1/violations/${v.id}`, {
            as: planner,
          });
          expect(after.body.properties.version).toBe(v.properties.version);
        }
      });
    }
  }

  it('lets planners and admins act on any violation; stamps the time of each step and audits it', async () => {
    const v = await report(true);
    const notified = await send<ViolationFeature>(
      app,
      admin,
      'POST',
      `/api/v1/violations/${v.id}/notify`,
      { note: 'Gửi công văn' },
      { 'if-match': '1' },
    );
    expect(notified.properties.notifiedAt).not.toBeNull();
    const resolved = await send<ViolationFeature>(
      app,
      planner,
      'POST',
      `/api/v1/violations/${v.id}/resolve`,
      {},
      { 'if-match': '2' },
    );
    expect(resolved.properties).toMatchObject({ status: 'resolved', version: 3, statusNote: null });
    expect(resolved.properties.resolvedAt).not.toBeNull();
    const history = await call<{ items: { version: number; after: { properties: { status: string } } }[] }>(
      app,
      'GET',
      `/api/v1/violations/${v.id}/history`,
      { as: operatorA },
    );
    expect(history.body.items.map((i) => [i.version, i.after.properties.status])).toEqual([
      [3, 'resolved'],
      [2, 'notified'],
      [1, 'reported'],
    ]);
  });

  it('refuses every transition to reviewers, operators and the public, and to another commune’s inspector', async () => {
    const v = await report(true);
    for (const action of ['notify', 'resolve', 'escalate']) {
      for (const who of [reviewer, operatorA, viewerA, publicViewer]) {
        const response = await call(app, 'POST', `/api/v1/violations/${v.id}/${action}`, {
          as: who,
          json: {},
          headers: { 'if-match': '1' },
        });
        expect(response.status, `${who.user.roles[0]} ${action}`).toBe(403);
      }
      const stranger = await call(app, 'POST', `/api/v1/violations/${v.id}/${action}`, {
        as: inspectorElsewhere,
        json: {},
        headers: { 'if-match': '1' },
      });
      expect(stranger.status).toBe(404);
    }
    const after = await call<ViolationFeature>(app, 'GET', `/api/v1/violations/${v.id}`, { as: planner });
    expect(after.body.properties).toMatchObject({ status: 'reported', version: 1 });
  });

  it('answers a stale If-Match with 409 and the current record, and a missing one with 428', async () => {
    const v = await reportIn(['notify']);
    const stale = await call<{ error: { code: string; current: ViolationFeature } }>(
      app,
      'POST',
      `/api/v1/violations/${v.id}/resolve`,
      { as: inspector, json: {}, headers: { 'if-match': '1' } },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect(stale.body.error.current.properties).toMatchObject({ status: 'notified', version: 2 });
    const patch = await call(app, 'PATCH', `/api/v1/violations/${v.id}`, {
      as: inspector,
      json: { description: 'Sửa' },
      headers: { 'if-match': '1' },
    });
    expect(patch.status).toBe(409);
    const none = await call(app, 'PATCH', `/api/v1/violations/${v.id}`, {
      as: inspector,
      json: { description: 'x' },
    });
    expect(none.status).toBe(428);
    // The version is asked for before the body is read: a bad body without one is still 428.
    const unread = await call(app, 'POST', `/api/v1/violations/${v.id}/resolve`, {
      as: inspector,
      json: { note: 42 },
    });
    expect(unread.status).toBe(428);
  });
});

describe('editing a report', () => {
  it('changes description, kind and link with If-Match; the new owner becomes responsible', async () => {
    const v = await report();
    const response = await call<ViolationFeature>(app, 'PATCH', `/api/v1/violations/${v.id}`, {
      as: inspector,
      json: { kind: 'other', description: 'Nắp hố ga bị mất', asset: { resource: 'manholes', id: manholeA } },
      headers: { 'if-match': '1' },
    });
    expect(response.status).toBe(200);
    expect(response.body.properties).toMatchObject({
      kind: 'other',
      description: 'Nắp hố ga bị mất',
      responsibleOrgId: orgA,
      version: 2,
      status: 'reported',
    });
    const unlinked = await send<ViolationFeature>(
      app,
      inspector,
      'PATCH',
      `/api/v1/violations/${v.id}`,
      { asset: null },
      {
        'if-match': '2',
      },
    );
    expect(unlinked.properties).toMatchObject({ asset: null, responsibleOrgId: null, version: 3 });
  });

  it('refuses to move the place or the status through PATCH', async () => {
    const v = await report();
    const response = await call<ErrorBody>(app, 'PATCH', `/api/v1/violations/${v.id}`, {
      as: inspector,
      json: { status: 'resolved', geometry: { type: 'Point', coordinates: elsewhere } },
      headers: { 'if-match': '1' },
    });
    expect(response.status).toBe(400);
  });
});

describe('who reads what', () => {
  it('shows an operator only the violations linked to its own assets', async () => {
    const linked = await report(true);
    const unlinked = await report(false);
    const list = (who: Session) =>
      call<Collection>(app, 'GET', `/api/v1/violations?adminUnitCode=${unitCode}`, { as: who });
    for (const who of [operatorA, viewerA]) {
      const ids = (await list(who)).body.features.map((f) => f.id);
      expect(ids).toContain(linked.id);
      expect(ids).not.toContain(unlinked.id);
      expect(ids.length).toBeGreaterThan(0);
      expect((await call(app, 'GET', `/api/v1/violations/${linked.id}`, { as: who })).status).toBe(200);
      expect((await call(app, 'GET', `/api/v1/violations/${unlinked.id}`, { as: who })).status).toBe(404);
    }
    const ofB = (await list(operatorB)).body.features.map((f) => f.id);
    expect(ofB).not.toContain(linked.id);
    expect((await call(app, 'GET', `/api/v1/violations/${linked.id}`, { as: operatorB })).status).toBe(404);
  });

  it('shows an inspector their commune only, and planners and reviewers every commune', async () => {
    const v = await report();
    const mine = await call<Collection>(app, 'GET', '/api/v1/violations', { as: inspector });
    expect(mine.body.type).toBe('FeatureCollection');
    expect(mine.body.features.map((f) => f.id)).toContain(v.id);
    expect(mine.body.features.every((f) => f.properties.adminUnitCode === unitCode)).toBe(true);
    const theirs = await call<Collection>(app, 'GET', '/api/v1/violations', { as: inspectorElsewhere });
    expect(theirs.body.features.map((f) => f.id)).not.toContain(v.id);
    expect((await call(app, 'GET', `/api/v1/violations/${v.id}`, { as: inspectorElsewhere })).status).toBe(
      404,
    );
    for (const who of [planner, reviewer, admin]) {
      const all = await call<Collection>(app, 'GET', `/api/v1/violations?adminUnitCode=${unitCode}`, {
        as: who,
      });
      expect(all.body.features.map((f) => f.id)).toContain(v.id);
    }
    expect((await call(app, 'GET', '/api/v1/violations', { as: publicViewer })).status).toBe(403);
    expect((await call(app, 'GET', '/api/v1/violations')).status).toBe(401);
  });

  it('filters by status, kind and bbox', async () => {
    const v = await reportIn(['escalate']);
    const query = async (q: string) =>
      (await call<Collection>(app, 'GET', `/api/v1/violations?${q}`, { as: planner })).body.features.map(
        (f) => f.id,
      );
    expect(await query(`adminUnitCode=${unitCode}&status=escalated`)).toContain(v.id);
    expect(await query(`adminUnitCode=${unitCode}&status=reported`)).not.toContain(v.id);
    expect(await query(`adminUnitCode=${unitCode}&kind=open_or_damaged_manhole&status=escalated`)).toContain(
      v.id,
    );
    expect(await query(`adminUnitCode=${unitCode}&kind=unpermitted_tower`)).not.toContain(v.id);
    const [x, y] = v.geometry.coordinates as [number, number];
    expect(await query(`bbox=${x - 0.0001},${y - 0.0001},${x + 0.0001},${y + 0.0001}`)).toContain(v.id);
    expect(await query(`bbox=${x + 0.001},${y + 0.001},${x + 0.002},${y + 0.002}`)).not.toContain(v.id);
    const bad = await call<ErrorBody>(app, 'GET', '/api/v1/violations?status=fixed&bbox=1,2', {
      as: planner,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.length).toBe(2);
  });
});

describe('photos', () => {
  const upload = (v: ViolationFeature, who: Session, form: FormData) =>
    app.request(`/api/v1/violations/${v.id}/attachments`, {
      method: 'POST',
      headers: who.headers,
      body: form,
    });

  it('stores a PNG photo and serves the same bytes to whoever may read the report', async () => {
    const v = await report(true);
    const png = solidPng(6, 4);
    const response = await upload(v, inspector, photoForm(png, 'hố ga.png'));
    expect(response.status).toBe(201);
    const info = (await response.json()) as {
      id: string;
      mediaType: string;
      purpose: string;
      sizeBytes: number;
    };
    expect(info).toMatchObject({ mediaType: 'image/png', purpose: 'photo', sizeBytes: png.byteLength });
    const list = await call<{ items: { id: string }[] }>(
      app,
      'GET',
      `/api/v1/violations/${v.id}/attachments`,
      {
        as: operatorA,
      },
    );
    expect(list.body.items.map((i) => i.id)).toEqual([info.id]);
    const file = await app.request(`/api/v1/violations/${v.id}/attachments/${info.id}`, {
      headers: viewerA.headers,
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(png);
    const audited = await db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM audit_log WHERE resource = 'violation-attachments' AND record_id = $1`,
      [info.id],
    );
    expect(audited[0]?.n).toBe('1');
    const hidden = await app.request(`/api/v1/violations/${v.id}/attachments/${info.id}`, {
      headers: operatorB.headers,
    });
    expect(hidden.status).toBe(404);
  });

  it('refuses a file that is not a PDF, JPEG or PNG with 415 and saves nothing', async () => {
    const v = await report();
    const fake = new TextEncoder().encode('GIF89a not really a photo');
    const response = await upload(v, inspector, photoForm(fake, 'photo.png', 'image/png'));
    expect(response.status).toBe(415);
    expect(((await response.json()) as ErrorBody).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const list = await call<{ items: unknown[] }>(app, 'GET', `/api/v1/violations/${v.id}/attachments`, {
      as: inspector,
    });
    expect(list.body.items).toEqual([]);
  });

  it('lets only those who may act add photos', async () => {
    const v = await report(true);
    expect((await upload(v, operatorA, photoForm(solidPng()))).status).toBe(403);
    expect((await upload(v, inspectorElsewhere, photoForm(solidPng()))).status).toBe(404);
    expect((await upload(v, planner, photoForm(solidPng()))).status).toBe(201);
  });
});
