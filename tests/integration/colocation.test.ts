import { addWorkingDays, vietnamDate } from '@hatang/analysis';
import type { Database } from '@hatang/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, farAway } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import {
  insertDuct,
  insertPole,
  insertTenancy,
  insertTower,
  PNG_BYTES,
  STEP_BODIES,
  stepRequest,
  towerRequest,
  uploadPng,
} from './colocation-support.js';

type Reason = { code: string; assetId: string; message: { vi: string; en: string } };
type Request = {
  id: string;
  status: string;
  version: number;
  requesterOrgId: string;
  ownerOrgId: string;
  assetCodes: string[];
  position: [number, number] | null;
  capacityCheck: { fits: boolean; reasons: Reason[] };
  dueOn: string;
  overdue: boolean;
  tenancyId: string | null;
  occupancyIds: string[];
  conditions: string[];
  rejectReason: string | null;
  target: { lengthM?: number };
};
type ErrorBody = { error: { code: string; message: string } };

let db: Database;
let app: App;
let orgA: string;
let orgB: string;
let orgC: string;
let editorA: Session;
let viewerA: Session;
let editorB: Session;
let viewerB: Session;
let editorC: Session;
let planner: Session;
let reviewer: Session;
let admin: Session;

let spot = 0;
/** A fresh place far from the demo data and the other tests: around (4.9°, 4.9°). */
const here = (): [number, number] => {
  const [x, y] = farAway(4400);
  spot++;
  return [
    Number((x + (spot % 40) * 0.002).toFixed(6)),
    Number((y + Math.floor(spot / 40) * 0.002).toFixed(6)),
  ];
};

beforeAll(async () => {
  db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  [orgA, orgB, orgC] = [
    await createOrganisation(db, 'operator'),
    await createOrganisation(db, 'operator'),
    await createOrganisation(db, 'operator'),
  ];
  const city = await createOrganisation(db, 'city_department');
  const construction = await createOrganisation(db, 'construction_department');
  editorA = await sessionFor(app, db, orgA, ['operator_editor']);
  viewerA = await sessionFor(app, db, orgA, ['operator_viewer']);
  editorB = await sessionFor(app, db, orgB, ['operator_editor']);
  viewerB = await sessionFor(app, db, orgB, ['operator_viewer']);
  editorC = await sessionFor(app, db, orgC, ['operator_editor']);
  planner = await sessionFor(app, db, city, ['planner']);
  reviewer = await sessionFor(app, db, construction, ['reviewer']);
  admin = await sessionFor(app, db, city, ['admin']);
});

const post = (as: Session, path: string, json: unknown) =>
  call<Request & ErrorBody>(app, 'POST', path, { as, json });
const get = <T = Request>(as: Session, path: string) => call<T & ErrorBody>(app, 'GET', path, { as });
const file = (json: unknown) => post(editorA, '/api/v1/colocation-requests', json);
const step = async (as: Session, r: { id: string; version: number }, action: string) => {
  const response = await stepRequest(app, as, r, action, STEP_BODIES[action]);
  return { status: response.status, body: (await response.json()) as Request & ErrorBody };
};

describe('filing a request', () => {
  it('stores a tower request that fits, due in 15 working days, and tells the owner', async () => {
    const tower = await insertTower(db, orgB, here());
    const response = await file(towerRequest(tower));
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"1"');
    const r = response.body;
    expect(r).toMatchObject({ status: 'submitted', requesterOrgId: orgA, ownerOrgId: orgB, overdue: false });
    expect(r.capacityCheck).toMatchObject({ fits: true, reasons: [] });
    expect(r.dueOn).toBe(addWorkingDays(vietnamDate(new Date()), 15));
    const notices = await get<{ items: { kind: string; subjectId: string }[]; unreadCount: number }>(
      editorB,
      '/api/v1/notifications',
    );
    expect(notices.body.items.some((n) => n.kind === 'colocation_new' && n.subjectId === r.id)).toBe(true);
    expect(notices.body.unreadCount).toBeGreaterThanOrEqual(1);
  });

  it('flags a full tower (no tenant slot), stores it anyway', async () => {
    const tower = await insertTower(db, orgB, here(), { tenantsMax: 2 });
    await insertTenancy(db, tower, orgB, 3);
    await insertTenancy(db, tower, orgC, 3);
    const r = (await file(towerRequest(tower))).body;
    expect(r.status).toBe('submitted');
    expect(r.capacityCheck.fits).toBe(false);
    expect(r.capacityCheck.reasons.map((x) => x.code)).toEqual(['tenants_full']);
    expect(r.capacityCheck.reasons[0]?.message.vi).toContain('2/2');
  });

  it('flags a tower without enough antenna positions, and a mount above the tower', async () => {
    const tower = await insertTower(db, orgB, here(), { antennaSlotsTotal: 4, heightM: 25 });
    await insertTenancy(db, tower, orgB, 3);
    const r = (await file(towerRequest(tower, { antennaCount: 2, mountHeightM: 27 }))).body;
    expect(r.capacityCheck.reasons.map((x) => x.code)).toEqual([
      'antenna_slots_full',
      'mount_height_above_tower',
    ]);
    expect(r.capacityCheck.reasons[1]?.message.en).toBe('Mounting height above the tower (27 m > 25 m)');
  });

  it('flags a pole with no free attachment', async () => {
    const pole = await insertPole(db, orgB, here(), 6, 6);
    const r = (
      await file({
        target: { kind: 'pole', id: pole, attachmentCount: 1 },
        justification: 'Tuyến cáp mới',
        desiredStartDate: '2027-02-01',
      })
    ).body;
    expect(r.capacityCheck).toMatchObject({ fits: false, reasons: [{ code: 'pole_full', assetId: pole }] });
  });

  it('flags the one full segment of a duct path and measures the path', async () => {
    const start = here();
    const d1 = await insertDuct(db, orgB, start, 1, 6);
    const d2 = await insertDuct(db, orgB, [start[0] + 0.001, start[1] + 0.0005], 6, 6);
    const d3 = await insertDuct(db, orgB, [start[0] + 0.002, start[1] + 0.001], 0, 6);
    const response = await file({
      target: { kind: 'duct', ids: [d1, d2, d3], tubes: 1 },
      justification: 'Tuyến cáp quang',
      desiredStartDate: '2027-02-01',
      source: 'route_planner',
    });
    expect(response.status).toBe(201);
    const r = response.body;
    expect(r.capacityCheck.fits).toBe(false);
    expect(r.capacityCheck.reasons.map((x) => [x.code, x.assetId])).toEqual([['duct_full', d2]]);
    // Three segments of ~0.001° × 0.0005° each: about 3 × 123 m.
    expect(r.target.lengthM).toBeGreaterThan(330);
    expect(r.target.lengthM).toBeLessThan(400);
    expect(r.assetCodes).toHaveLength(3);
  });

  it('takes the response period the server was configured with', async () => {
    const shortApp = createApp({ db, auth: { scryptN: TEST_SCRYPT_N }, colocationResponseWorkingDays: 5 });
    const tower = await insertTower(db, orgB, here());
    const r = await call<Request>(shortApp, 'POST', '/api/v1/colocation-requests', {
      as: editorA,
      json: towerRequest(tower),
    });
    expect(r.body.dueOn).toBe(addWorkingDays(vietnamDate(new Date()), 5));
  });

  it('refuses a path of several owners, an own asset and a missing asset, with 400', async () => {
    const start = here();
    const d1 = await insertDuct(db, orgB, start, 0, 6);
    const d2 = await insertDuct(db, orgC, start, 0, 6);
    const mixed = await file({
      target: { kind: 'duct', ids: [d1, d2], tubes: 1 },
      justification: 'x',
      desiredStartDate: '2027-02-01',
    });
    expect(mixed.status).toBe(400);
    const own = await file(towerRequest(await insertTower(db, orgA, here())));
    expect(own.status).toBe(400);
    const missing = await file(towerRequest(crypto.randomUUID()));
    expect(missing.status).toBe(400);
    const bad = await file({
      target: { kind: 'tower', id: 'x' },
      justification: '',
      desiredStartDate: 'soon',
    });
    expect(bad.status).toBe(400);
  });

  it('lets only operator editors and admins file', async () => {
    const tower = await insertTower(db, orgB, here());
    for (const s of [viewerA, planner, reviewer])
      expect((await post(s, '/api/v1/colocation-requests', towerRequest(tower))).status).toBe(403);
    const byAdmin = await post(admin, '/api/v1/colocation-requests', {
      ...towerRequest(tower),
      requesterOrgId: orgC,
    });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.requesterOrgId).toBe(orgC);
    const forOther = await post(editorA, '/api/v1/colocation-requests', {
      ...towerRequest(tower),
      requesterOrgId: orgC,
    });
    expect(forOther.status).toBe(403);
  });
});

describe('who sees a request', () => {
  it('shows it to the requester (outgoing), the owner (incoming), planners and admins, and nobody else', async () => {
    const r = (await file(towerRequest(await insertTower(db, orgB, here())))).body;
    const ids = async (as: Session, box: string) =>
      (
        await get<{ items: Request[] }>(as, `/api/v1/colocation-requests?box=${box}&limit=500`)
      ).body.items.map((x) => x.id);
    expect(await ids(editorA, 'outgoing')).toContain(r.id);
    expect(await ids(editorA, 'incoming')).not.toContain(r.id);
    expect(await ids(viewerB, 'incoming')).toContain(r.id);
    expect(await ids(editorB, 'outgoing')).not.toContain(r.id);
    expect(await ids(editorB, 'all')).toContain(r.id);
    expect(await ids(editorC, 'all')).not.toContain(r.id);
    expect(await ids(planner, 'all')).toContain(r.id);
    expect((await get(reviewer, '/api/v1/colocation-requests')).status).toBe(403);
    expect((await get(viewerA, `/api/v1/colocation-requests/${r.id}`)).status).toBe(200);
    expect((await get(planner, `/api/v1/colocation-requests/${r.id}`)).status).toBe(200);
    expect((await get(editorC, `/api/v1/colocation-requests/${r.id}`)).status).toBe(404);
    expect((await get(reviewer, `/api/v1/colocation-requests/${r.id}`)).status).toBe(403);
    const submitted = await get<{ items: Request[] }>(
      editorB,
      '/api/v1/colocation-requests?status=submitted',
    );
    expect(submitted.body.items.every((x) => x.status === 'submitted')).toBe(true);
  });
});

/** Expected outcome of each step from each status (by the right party). */
const ALLOWED: Record<string, string[]> = {
  submitted: ['request-info', 'accept', 'accept-with-conditions', 'reject', 'withdraw'],
  info_requested: ['reject', 'withdraw', 'respond'],
  accepted: [],
  accepted_with_conditions: [],
  rejected: [],
  withdrawn: [],
};
const ACTIONS = ['request-info', 'accept', 'accept-with-conditions', 'reject', 'withdraw', 'respond'];
const OWNER_ACTIONS = ['request-info', 'accept', 'accept-with-conditions', 'reject'];
/** How to reach each status from a fresh request. */
const PATH_TO: Record<string, string[]> = {
  submitted: [],
  info_requested: ['request-info'],
  accepted: ['accept'],
  accepted_with_conditions: ['accept-with-conditions'],
  rejected: ['reject'],
  withdrawn: ['withdraw'],
};

describe('the state machine', () => {
  const partyOf = (action: string) => (OWNER_ACTIONS.includes(action) ? editorB : editorA);
  async function requestIn(status: string) {
    let r: { id: string; version: number } = (await file(towerRequest(await insertTower(db, orgB, here()))))
      .body;
    for (const action of PATH_TO[status] ?? []) {
      const moved = await step(partyOf(action), r, action);
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      r = moved.body;
    }
    return r;
  }

  it.each(Object.keys(ALLOWED))(
    'from %s: allowed steps succeed, every other is 409 INVALID_STATE',
    async (status) => {
      for (const action of ACTIONS) {
        const r = await requestIn(status);
        const outcome = await step(partyOf(action), r, action);
        if (ALLOWED[status]?.includes(action)) {
          expect(outcome.status, `${status} → ${action}`).toBe(200);
        } else {
          expect([outcome.status, outcome.body.error?.code], `${status} → ${action}`).toEqual([
            409,
            'INVALID_STATE',
          ]);
        }
      }
    },
  );

  it('lets only the right party take each step (owner answers, requester withdraws and responds)', async () => {
    const roles: [string, () => Session, 'owner' | 'requester' | 'admin' | 'none', number][] = [
      ['requester editor', () => editorA, 'requester', 403],
      ['requester viewer', () => viewerA, 'none', 403],
      ['owner editor', () => editorB, 'owner', 403],
      ['owner viewer', () => viewerB, 'none', 403],
      ['third operator', () => editorC, 'none', 404],
      ['planner', () => planner, 'none', 403],
      ['reviewer', () => reviewer, 'none', 403],
      ['admin', () => admin, 'admin', 200],
    ];
    for (const action of ACTIONS) {
      const status = action === 'respond' ? 'info_requested' : 'submitted';
      const party = OWNER_ACTIONS.includes(action) ? 'owner' : 'requester';
      let r = await requestIn(status);
      for (const [name, session, role, otherwise] of roles) {
        const outcome = await step(session(), r, action);
        const expected = role === party || role === 'admin' ? 200 : otherwise;
        expect(outcome.status, `${name} ${action}: ${JSON.stringify(outcome.body)}`).toBe(expected);
        if (outcome.status === 200) r = await requestIn(status);
      }
    }
  });

  it('needs If-Match and refuses a stale version', async () => {
    const r = (await file(towerRequest(await insertTower(db, orgB, here())))).body;
    const missing = await call<ErrorBody>(app, 'POST', `/api/v1/colocation-requests/${r.id}/reject`, {
      as: editorB,
      json: STEP_BODIES.reject,
    });
    expect(missing.status).toBe(428);
    const stale = await step(editorB, { id: r.id, version: 7 }, 'reject');
    expect([stale.status, stale.body.error.code]).toEqual([409, 'VERSION_CONFLICT']);
  });

  it('takes a reject reason from the list, with text', async () => {
    const r = (await file(towerRequest(await insertTower(db, orgB, here())))).body;
    const wrong = await stepRequest(app, editorB, r, 'reject', { reasonCode: 'because', text: 'x' });
    expect(wrong.status).toBe(400);
    const noText = await stepRequest(app, editorB, r, 'reject', { reasonCode: 'no_capacity' });
    expect(noText.status).toBe(400);
    const done = await step(editorB, r, 'reject');
    expect(done.body).toMatchObject({ status: 'rejected', rejectReason: 'structural_limit' });
    const notices = await get<{ items: { kind: string; subjectId: string }[] }>(
      editorA,
      '/api/v1/notifications',
    );
    expect(notices.body.items.some((n) => n.kind === 'colocation_answer' && n.subjectId === r.id)).toBe(true);
  });

  it('audits every transition', async () => {
    const r = (await file(towerRequest(await insertTower(db, orgB, here())))).body;
    const asked = await step(editorB, r, 'request-info');
    await step(editorA, asked.body, 'respond');
    const rows = await db.query<{ version: number; action: string }>(
      `SELECT version, action FROM audit_log WHERE resource = 'colocation-requests' AND record_id = $1 ORDER BY version`,
      [r.id],
    );
    expect(rows.map((x) => `${x.action}@${x.version}`)).toEqual(['create@1', 'update@2', 'update@3']);
    const thread = await get<{ items: { text: string; authorOrgId: string }[] }>(
      planner,
      `/api/v1/colocation-requests/${r.id}/messages`,
    );
    expect(thread.body.items.map((m) => [m.authorOrgId, m.text])).toEqual(
      [
        [orgB, STEP_BODIES['request-info']],
        [orgA, STEP_BODIES.respond],
      ].map(([org, body]) => [org, (body as { text: string }).text]),
    );
  });
});

describe('acceptance', () => {
  it('creates the tenancy on the tower and closes the request', async () => {
    const tower = await insertTower(db, orgB, here());
    const r = (await file(towerRequest(tower))).body;
    const accepted = await step(editorB, r, 'accept-with-conditions');
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'accepted_with_conditions',
      conditions: [expect.any(String)],
    });
    expect(accepted.body.occupancyIds).toHaveLength(1);
    const tenancies = await db.query<{ id: string; antenna_count: number }>(
      'SELECT id::text AS id, antenna_count FROM tenancies WHERE tower_id = $1 AND operator_org_id = $2',
      [tower, orgA],
    );
    expect(tenancies).toEqual([{ id: accepted.body.tenancyId, antenna_count: 3 }]);
    const feature = await get<{ properties: { version: number; tenancies: { operatorOrgId: string }[] } }>(
      admin,
      `/api/v1/towers/${tower}`,
    );
    expect(feature.body.properties.tenancies.map((t) => t.operatorOrgId)).toContain(orgA);
    // The tower moved on a version (a stale edit cannot drop the tenancy) and its history says so.
    expect(feature.body.properties.version).toBe(2);
    const history = await db.query<{ version: number }>(
      `SELECT version FROM audit_log WHERE resource = 'towers' AND record_id = $1`,
      [tower],
    );
    expect(history.map((h) => h.version)).toEqual([2]);
  });

  it('adds antennas to the tenancy the requester already has on the tower', async () => {
    const tower = await insertTower(db, orgB, here(), { tenantsMax: 2 });
    await insertTenancy(db, tower, orgB, 3);
    await insertTenancy(db, tower, orgA, 2);
    const r = (await file(towerRequest(tower, { technology: '5G', antennaCount: 2 }))).body;
    expect(r.capacityCheck.fits).toBe(true);
    expect((await step(editorB, r, 'accept')).status).toBe(200);
    const rows = await db.query<{ antenna_count: number; technologies: string }>(
      `SELECT antenna_count, array_to_string(technologies, ',') AS technologies FROM tenancies
       WHERE tower_id = $1 AND operator_org_id = $2`,
      [tower, orgA],
    );
    expect(rows).toEqual([{ antenna_count: 4, technologies: '4G,5G' }]);
  });

  it('takes attachments on a pole and tubes on every duct segment, and records the occupancies', async () => {
    const pole = await insertPole(db, orgB, here(), 2, 6);
    const p = (
      await file({
        target: { kind: 'pole', id: pole, attachmentCount: 2 },
        justification: 'x',
        desiredStartDate: '2027-01-01',
      })
    ).body;
    expect((await step(editorB, p, 'accept')).status).toBe(200);
    const [poleRow] = await db.query<{ used: number }>(
      'SELECT attachments_used AS used FROM poles WHERE id = $1',
      [pole],
    );
    expect(poleRow?.used).toBe(4);

    const start = here();
    const d1 = await insertDuct(db, orgB, start, 1, 6);
    const d2 = await insertDuct(db, orgB, [start[0] + 0.001, start[1] + 0.0005], 4, 6);
    const d = (
      await file({
        target: { kind: 'duct', ids: [d1, d2], tubes: 2 },
        justification: 'x',
        desiredStartDate: '2027-01-01',
      })
    ).body;
    const accepted = await step(editorB, d, 'accept');
    expect(accepted.status).toBe(200);
    const ducts = await db.query<{ id: string; used: number }>(
      'SELECT id::text AS id, tubes_used AS used FROM ducts WHERE id IN ($1, $2) ORDER BY tubes_used',
      [d1, d2],
    );
    expect(ducts).toEqual([
      { id: d1, used: 3 },
      { id: d2, used: 6 },
    ]);
    const occupancies = await db.query<{ asset_id: string; units: number }>(
      'SELECT asset_id::text AS asset_id, units FROM colocation_occupancies WHERE request_id = $1 ORDER BY created_at, id',
      [d.id],
    );
    expect(occupancies.map((o) => o.units)).toEqual([2, 2]);
    expect(new Set(occupancies.map((o) => o.asset_id))).toEqual(new Set([d1, d2]));
    type Occupancies = {
      items: { assetId: string; assetCode: string; units: number; operatorOrgId: string }[];
    };
    const listed = await get<Occupancies>(editorA, `/api/v1/colocation-occupancies?requestId=${d.id}`);
    expect(listed.body.items.map((o) => [o.assetId, o.units, o.operatorOrgId]).sort()).toEqual(
      [
        [d1, 2, orgA],
        [d2, 2, orgA],
      ].sort(),
    );
    expect(listed.body.items.every((o) => o.assetCode.startsWith('CD-'))).toBe(true);
    expect(
      (await get<Occupancies>(editorC, `/api/v1/colocation-occupancies?requestId=${d.id}`)).body.items,
    ).toEqual([]);
    expect(
      (await get<Occupancies>(planner, `/api/v1/colocation-occupancies?assetId=${pole}`)).body.items,
    ).toHaveLength(1);
  });

  it('refuses to accept a request that no longer fits (409 CONFLICT), leaving it open', async () => {
    const pole = await insertPole(db, orgB, here(), 6, 6);
    const r = (
      await file({
        target: { kind: 'pole', id: pole, attachmentCount: 1 },
        justification: 'x',
        desiredStartDate: '2027-01-01',
      })
    ).body;
    const refused = await step(editorB, r, 'accept');
    expect([refused.status, refused.body.error.code]).toEqual([409, 'CONFLICT']);
    expect(refused.body.error.message).toContain('No free attachment on the pole');
    expect((await get(editorA, `/api/v1/colocation-requests/${r.id}`)).body.status).toBe('submitted');
  });
});

describe('messages and attachments', () => {
  it('carries messages between the parties and notifies the other one', async () => {
    const r = (await file(towerRequest(await insertTower(db, orgB, here())))).body;
    const sent = await post(editorA, `/api/v1/colocation-requests/${r.id}/messages`, { text: 'Xin chào' });
    expect(sent.status).toBe(201);
    const listed = await get<{ items: { text: string; authorOrgId: string }[] }>(
      viewerB,
      `/api/v1/colocation-requests/${r.id}/messages`,
    );
    expect(listed.body.items).toMatchObject([{ text: 'Xin chào', authorOrgId: orgA }]);
    expect((await post(editorC, `/api/v1/colocation-requests/${r.id}/messages`, { text: 'x' })).status).toBe(
      404,
    );
    expect((await post(viewerB, `/api/v1/colocation-requests/${r.id}/messages`, { text: 'x' })).status).toBe(
      403,
    );
    expect((await post(editorA, `/api/v1/colocation-requests/${r.id}/messages`, { text: '' })).status).toBe(
      400,
    );
  });

  it('stores a PNG and refuses a file over 10 MiB or of another type, saving nothing', async () => {
    const r = (await file(towerRequest(await insertTower(db, orgB, here())))).body;
    const id = await uploadPng(app, editorB, r.id);
    const download = await app.request(`/api/v1/colocation-requests/${r.id}/attachments/${id}`, {
      headers: editorA.headers,
    });
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PNG_BYTES);
    const upload = async (bytes: Uint8Array, name: string) => {
      const form = new FormData();
      form.set('file', new File([bytes.slice().buffer as ArrayBuffer], name));
      return app.request(`/api/v1/colocation-requests/${r.id}/attachments`, {
        method: 'POST',
        headers: editorA.headers,
        body: form,
      });
    };
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG_BYTES);
    expect((await upload(big, 'huge.png')).status).toBe(413);
    expect((await upload(new TextEncoder().encode('MZ not a pdf'), 'a.pdf')).status).toBe(415);
    const listed = await get<{ items: { id: string }[] }>(
      editorA,
      `/api/v1/colocation-requests/${r.id}/attachments`,
    );
    expect(listed.body.items.map((a) => a.id)).toEqual([id]);
  });
});

describe('rent suggestion', () => {
  it('follows the cost-based method with the tower defaults, and takes overrides', async () => {
    const tower = await insertTower(db, orgB, here());
    await insertTenancy(db, tower, orgB, 3);
    const r = (await file(towerRequest(tower))).body;
    type Rent = {
      inputs: Record<string, number>;
      rentPerYearVnd: number;
      defaulted: string[];
      formula: { vi: string };
    };
    const byDefault = await get<Rent>(editorB, `/api/v1/colocation-requests/${r.id}/rent-suggestion`);
    // 1.2 bn / 15 y = 80 M + 4 % O&M 48 M = 128 M; B and A share it: 64 M; + 10 % = 70.4 M VND a year.
    expect(byDefault.body.inputs).toMatchObject({ tenants: 2, shares: 1, lifeYears: 15 });
    expect(byDefault.body.rentPerYearVnd).toBe(70_400_000);
    expect(byDefault.body.formula.vi).toContain('210/2013');
    const overridden = await get<Rent>(
      editorA,
      `/api/v1/colocation-requests/${r.id}/rent-suggestion?tenants=4&profitMarginPct=0&omPerYearVnd=0`,
    );
    expect(overridden.body.rentPerYearVnd).toBe(20_000_000);
    expect(overridden.body.defaulted).toEqual(['investmentVnd', 'lifeYears', 'shares']);
    expect((await get(planner, `/api/v1/colocation-requests/${r.id}/rent-suggestion`)).status).toBe(200);
    expect((await get(editorC, `/api/v1/colocation-requests/${r.id}/rent-suggestion`)).status).toBe(404);
    expect((await get(reviewer, `/api/v1/colocation-requests/${r.id}/rent-suggestion`)).status).toBe(403);
    expect(
      (await get(editorB, `/api/v1/colocation-requests/${r.id}/rent-suggestion?lifeYears=0`)).status,
    ).toBe(400);
  });
});

describe('deadlines, oversight and notifications', () => {
  it('marks a request overdue after its due date, for the owner and planners, and counts it', async () => {
    const owner = await createOrganisation(db, 'operator');
    const ownerEditor = await sessionFor(app, db, owner, ['operator_editor']);
    const towers = [
      await insertTower(db, owner, here()),
      await insertTower(db, owner, here()),
      await insertTower(db, owner, here()),
    ];
    const [late, answered, rejected] = [
      (await file(towerRequest(towers[0] as string))).body,
      (await file(towerRequest(towers[1] as string))).body,
      (await file(towerRequest(towers[2] as string))).body,
    ];
    expect((await step(ownerEditor, answered, 'accept')).status).toBe(200);
    expect((await step(ownerEditor, rejected, 'reject')).status).toBe(200);
    // Filed 30 days ago, answered after 4 and 6 days; the late one was due yesterday.
    await db.query(
      `UPDATE colocation_requests SET created_at = now() - interval '30 days', submitted_at = now() - interval '30 days',
         due_on = current_date - 1, answered_at = CASE id WHEN $2 THEN now() - interval '26 days'
           WHEN $3 THEN now() - interval '24 days' END
       WHERE id IN ($1, $2, $3)`,
      [late.id, answered.id, rejected.id],
    );
    const one = await get(ownerEditor, `/api/v1/colocation-requests/${late.id}`);
    expect(one.body.overdue).toBe(true);
    const overdue = await get<{ items: Request[] }>(
      ownerEditor,
      '/api/v1/colocation-requests?box=incoming&overdue=true',
    );
    expect(overdue.body.items.map((x) => x.id)).toEqual([late.id]);

    type Row = {
      ownerOrgId: string;
      received: number;
      answered: number;
      pending: number;
      medianDaysToAnswer: number;
      acceptanceRate: number;
      overdue: number;
    };
    const table = await get<{ items: Row[]; responseWorkingDays: number }>(
      planner,
      '/api/v1/colocation-requests/oversight',
    );
    expect(table.body.responseWorkingDays).toBe(15);
    expect(table.body.items.find((x) => x.ownerOrgId === owner)).toEqual(
      expect.objectContaining({
        received: 3,
        answered: 2,
        pending: 1,
        medianDaysToAnswer: 5,
        acceptanceRate: 0.5,
        overdue: 1,
      }),
    );
    const csv = await app.request('/api/v1/colocation-requests/oversight?format=csv', {
      headers: planner.headers,
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('Chủ sở hữu / Owner');
    expect(text.split('\r\n').find((line) => line.startsWith(owner))).toMatch(/,3,2,1,5,0\.5,1$/);

    const map = await get<{
      features: { id: string; geometry: { coordinates: number[] }; properties: { overdue: boolean } }[];
    }>(planner, '/api/v1/colocation-requests/oversight/map');
    const point = map.body.features.find((f) => f.id === late.id);
    expect(point?.properties.overdue).toBe(true);
    expect(point?.geometry.coordinates).toEqual(late.position);
    expect(map.body.features.some((f) => f.id === answered.id)).toBe(false);
    expect((await get(editorA, '/api/v1/colocation-requests/oversight')).status).toBe(403);

    // The deadline notice comes once, for every user of the owner organisation.
    const first = await get<{ items: { kind: string; subjectId: string }[] }>(
      ownerEditor,
      '/api/v1/notifications?limit=200',
    );
    const second = await get<{ items: { kind: string; subjectId: string }[] }>(
      ownerEditor,
      '/api/v1/notifications?limit=200',
    );
    const deadline = (b: typeof first.body) =>
      b.items.filter((n) => n.kind === 'colocation_deadline' && n.subjectId === late.id);
    expect(deadline(first.body)).toHaveLength(1);
    expect(deadline(second.body)).toHaveLength(1);
  });

  it('marks notifications read one by one and all at once', async () => {
    const reader = await sessionFor(app, db, orgB, ['operator_viewer']);
    await file(towerRequest(await insertTower(db, orgB, here())));
    await file(towerRequest(await insertTower(db, orgB, here())));
    type List = { items: { id: string; readAt: string | null }[]; unreadCount: number };
    const before = await get<List>(reader, '/api/v1/notifications');
    expect(before.body.unreadCount).toBe(2);
    const first = before.body.items[0]?.id as string;
    const read = await post(reader, `/api/v1/notifications/${first}/read`, {});
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect((await get<List>(reader, '/api/v1/notifications')).body.unreadCount).toBe(1);
    expect((await post(editorC, `/api/v1/notifications/${first}/read`, {})).status).toBe(404);
    const all = await call<{ updated: number }>(app, 'POST', '/api/v1/notifications/read-all', {
      as: reader,
    });
    expect(all.body.updated).toBe(1);
    expect((await get<List>(reader, '/api/v1/notifications')).body.unreadCount).toBe(0);
  });
});
