import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, createUnitWithCells, farAway } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { towerApplication } from './permits-support.js';

type Application = {
  id: string;
  kind: string;
  status: string;
  applicantOrgId: string;
  adminUnitCode: string | null;
  title: string;
  details: Record<string, unknown>;
  justification: string | null;
  reviewNote: string | null;
  conditions: string[];
  geometry: { type: string; coordinates: unknown };
  version: number;
  submittedAt: string | null;
  decidedAt: string | null;
};
type ErrorBody = { error: { code: string; details?: { path: (string | number)[] }[] } };

let app: App;
let operatorA: Session;
let operatorB: Session;
let viewerA: Session;
let reviewer: Session;
let planner: Session;
let inspectorHere: Session;
let inspectorElsewhere: Session;
let publicViewer: Session;
let unitCode: string;

// A commune of its own far from the demo data: (0.86, 0.86) ± 0.01°.
const centre = farAway(360);
const round = (v: number) => Number(v.toFixed(6));
const at = (n: number): [number, number] => [round(centre[0] + n * 0.0005), round(centre[1] + 0.0003)];

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  unitCode = await createUnitWithCells(db, centre, 'Xã Cấp Phép');
  const otherUnit = await createUnitWithCells(db, farAway(400), 'Xã Khác');
  const [orgA, orgB, construction, city, pub] = [
    await createOrganisation(db, 'operator'),
    await createOrganisation(db, 'operator'),
    await createOrganisation(db, 'construction_department'),
    await createOrganisation(db, 'city_department'),
    await createOrganisation(db, 'public'),
  ];
  const commune = await createOrganisation(db, 'commune');
  const otherCommune = await createOrganisation(db, 'commune');
  await db.query('UPDATE organisations SET admin_unit_code = $2 WHERE id = $1', [commune, unitCode]);
  await db.query('UPDATE organisations SET admin_unit_code = $2 WHERE id = $1', [otherCommune, otherUnit]);
  operatorA = await sessionFor(app, db, orgA, ['operator_editor']);
  viewerA = await sessionFor(app, db, orgA, ['operator_viewer']);
  operatorB = await sessionFor(app, db, orgB, ['operator_editor']);
  reviewer = await sessionFor(app, db, construction, ['reviewer']);
  planner = await sessionFor(app, db, city, ['planner']);
  inspectorHere = await sessionFor(app, db, commune, ['inspector']);
  inspectorElsewhere = await sessionFor(app, db, otherCommune, ['inspector']);
  publicViewer = await sessionFor(app, db, pub, ['viewer']);
});

const file = async (as: Session, body: unknown) =>
  call<Application>(app, 'POST', '/api/v1/permit-applications', { as, json: body });
const step = (as: Session, a: { id: string; version: number }, action: string, json?: unknown) =>
  call<Application & ErrorBody>(app, 'POST', `/api/v1/permit-applications/${a.id}/${action}`, {
    as,
    json,
    headers: { 'if-match': String(a.version) },
  });
const read = (as: Session, id: string) =>
  call<Application & ErrorBody>(app, 'GET', `/api/v1/permit-applications/${id}`, { as });

describe('permit applications', () => {
  it('saves a tower draft for the operator, in the commune its point lies in, and audits it', async () => {
    const created = await file(operatorA, towerApplication(at(1), { towerClass: 'A2b', heightM: 42 }));
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({
      kind: 'tower',
      status: 'draft',
      adminUnitCode: unitCode,
      version: 1,
      details: { towerClass: 'A2b', heightM: 42, mounting: 'on_ground', isCamouflaged: false },
      geometry: { type: 'Point', coordinates: at(1) },
    });
    const db = await testDatabase();
    const audit = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE resource = 'permit-applications' AND record_id = $1`,
      [created.body.id],
    );
    expect(audit.map((r) => r.action)).toEqual(['create']);
  });

  it('files pole lines and duct works as LineStrings, and rejects the wrong geometry or missing facts with every problem', async () => {
    const line = { type: 'LineString', coordinates: [at(2), at(3)] };
    const pole = await file(operatorA, {
      kind: 'pole_line',
      title: 'Tuyến cột treo cáp',
      geometry: line,
      details: {},
    });
    expect(pole.status).toBe(201);
    const duct = await file(operatorA, {
      kind: 'duct_works',
      title: 'Hào cáp ngầm',
      geometry: line,
      details: { startsOn: '2027-03-01', endsOn: '2027-04-30' },
    });
    expect(duct.status).toBe(201);
    expect(duct.body.details).toMatchObject({ method: 'duct', startsOn: '2027-03-01' });

    const bad = await call<ErrorBody>(app, 'POST', '/api/v1/permit-applications', {
      as: operatorA,
      json: {
        kind: 'tower',
        title: 'Cột trên mái',
        geometry: line,
        details: {
          towerClass: 'A1',
          heightM: 3,
          structure: 'rooftop_column',
          mounting: 'rooftop',
          eirpW: 100,
          nearestBuildingM: 5,
        },
      },
    });
    expect(bad.status).toBe(400);
    const paths = (bad.body.error.details ?? []).map((d) => d.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['details.buildingHeightM']));
    expect(paths.some((p) => p.startsWith('geometry'))).toBe(true);

    const backwards = await file(operatorA, {
      kind: 'duct_works',
      title: 'Hào cáp ngầm',
      geometry: line,
      details: { startsOn: '2027-05-01', endsOn: '2027-04-30' },
    });
    expect(backwards.status).toBe(400);
  });

  it('lets the applicant edit a draft with If-Match, and refuses a stale version or another operator', async () => {
    const created = (await file(operatorA, towerApplication(at(4)))).body;
    const patch = (as: Session, version: number, json: unknown) =>
      call<Application & ErrorBody>(app, 'PATCH', `/api/v1/permit-applications/${created.id}`, {
        as,
        json,
        headers: { 'if-match': String(version) },
      });
    const edited = await patch(operatorA, 1, {
      details: towerApplication(at(4), { heightM: 36 }).details,
      justification: 'Lý do',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, justification: 'Lý do', details: { heightM: 36 } });
    expect((await patch(operatorA, 1, { title: 'Cũ' })).body.error.code).toBe('VERSION_CONFLICT');
    // Another operator does not even learn that it exists.
    expect((await patch(operatorB, 2, { title: 'Của tôi' })).status).toBe(404);
    const wrongDetails = await patch(operatorA, 2, { details: { heightM: -1 } });
    expect(wrongDetails.status).toBe(400);
    expect(wrongDetails.body.error.details?.every((d) => d.path[0] === 'details')).toBe(true);
  });

  it('freezes a submitted application, except through a request for more information, then decides it', async () => {
    const draft = (await file(operatorA, towerApplication(at(5)))).body;
    const submitted = await step(operatorA, draft, 'submit');
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 2 });
    expect(submitted.body.submittedAt).not.toBeNull();

    const frozen = await call<ErrorBody>(app, 'PATCH', `/api/v1/permit-applications/${draft.id}`, {
      as: operatorA,
      json: { title: 'Sửa sau khi nộp' },
      headers: { 'if-match': '2' },
    });
    expect(frozen.status).toBe(409);
    expect(frozen.body.error.code).toBe('CONFLICT');
    // The applicant cannot decide, and the reviewer cannot submit on the operator's behalf.
    expect((await step(operatorA, submitted.body, 'decision', { outcome: 'approved' })).status).toBe(403);

    const asked = await step(reviewer, submitted.body, 'request-info', {
      reason: 'Bổ sung văn bản đồng ý của chủ nhà',
    });
    expect(asked.body).toMatchObject({
      status: 'info_requested',
      reviewNote: 'Bổ sung văn bản đồng ý của chủ nhà',
    });
    const answered = await call<Application>(app, 'PATCH', `/api/v1/permit-applications/${draft.id}`, {
      as: operatorA,
      json: { justification: 'Đã bổ sung' },
      headers: { 'if-match': String(asked.body.version) },
    });
    expect(answered.status).toBe(200);
    const resubmitted = await step(operatorA, answered.body, 'submit');
    expect(resubmitted.body.status).toBe('submitted');

    const noConditions = await step(reviewer, resubmitted.body, 'decision', {
      outcome: 'approved_with_conditions',
    });
    expect(noConditions.status).toBe(400);
    const decided = await step(reviewer, resubmitted.body, 'decision', {
      outcome: 'approved_with_conditions',
      conditions: ['Lắp đèn báo hiệu hàng không'],
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      status: 'approved_with_conditions',
      conditions: ['Lắp đèn báo hiệu hàng không'],
    });
    expect(decided.body.decidedAt).not.toBeNull();
    expect((await step(operatorA, decided.body, 'withdraw')).status).toBe(409);
    expect(
      (await step(reviewer, decided.body, 'decision', { outcome: 'rejected', reason: 'Đổi ý' })).status,
    ).toBe(409);

    const db = await testDatabase();
    const audit = await db.query<{ version: number; status: string }>(
      `SELECT version, after->>'status' AS status FROM audit_log WHERE resource = 'permit-applications' AND record_id = $1
       ORDER BY version`,
      [draft.id],
    );
    expect(audit.map((r) => r.status)).toEqual([
      'draft',
      'submitted',
      'info_requested',
      'info_requested',
      'submitted',
      'approved_with_conditions',
    ]);
  });

  it('rejects only with a reason, closes exempt works, and lets the applicant withdraw before a decision', async () => {
    const one = await step(operatorA, (await file(operatorA, towerApplication(at(6)))).body, 'submit');
    expect((await step(reviewer, one.body, 'decision', { outcome: 'rejected' })).status).toBe(400);
    const rejected = await step(reviewer, one.body, 'decision', {
      outcome: 'rejected',
      reason: 'Trong vùng cấm',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', reviewNote: 'Trong vùng cấm' });

    const two = await step(operatorA, (await file(operatorA, towerApplication(at(7)))).body, 'submit');
    expect((await step(reviewer, two.body, 'decision', { outcome: 'exempt' })).body.status).toBe('exempt');

    const three = await step(operatorA, (await file(operatorA, towerApplication(at(8)))).body, 'submit');
    const withdrawn = await step(operatorA, three.body, 'withdraw');
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await step(operatorA, withdrawn.body, 'submit')).status).toBe(409);
  });

  it('shows operators their own, inspectors their commune’s filed ones, and reviewers and planners all', async () => {
    const mine = (await file(operatorA, towerApplication(at(9), {}, { title: 'Hiển thị' }))).body;
    const draftOnly = (await file(operatorA, towerApplication(at(10), {}, { title: 'Nháp' }))).body;
    await step(operatorA, mine, 'submit');
    const theirs = (await file(operatorB, towerApplication(at(11)))).body;

    expect((await read(viewerA, mine.id)).status).toBe(200);
    expect((await read(operatorB, mine.id)).status).toBe(404);
    expect((await read(operatorA, theirs.id)).status).toBe(404);
    expect((await read(reviewer, theirs.id)).status).toBe(200);
    expect((await read(planner, theirs.id)).status).toBe(200);
    expect((await read(publicViewer, mine.id)).status).toBe(403);

    const list = async (as: Session, query = '') =>
      (
        await call<{ items: Application[] }>(
          app,
          'GET',
          `/api/v1/permit-applications?commune=${unitCode}${query}`,
          { as },
        )
      ).body.items.map((a) => a.id);
    const ofA = await list(operatorA);
    expect(ofA).toEqual(expect.arrayContaining([mine.id, draftOnly.id]));
    expect(ofA).not.toContain(theirs.id);
    const ofInspector = await list(inspectorHere);
    expect(ofInspector).toContain(mine.id);
    expect(ofInspector).not.toContain(draftOnly.id);
    expect(await list(inspectorElsewhere)).toEqual([]);
    // A single application: the commune's inspector reads a filed one, not a draft, and no other commune's.
    expect((await read(inspectorHere, mine.id)).status).toBe(200);
    expect((await read(inspectorHere, draftOnly.id)).status).toBe(404);
    expect((await read(inspectorElsewhere, mine.id)).status).toBe(404);
    expect(await list(reviewer, '&status=submitted')).toContain(mine.id);
    expect(await list(reviewer, '&status=submitted')).not.toContain(draftOnly.id);
    const bad = await call<ErrorBody>(app, 'GET', '/api/v1/permit-applications?status=nonsense', {
      as: reviewer,
    });
    expect(bad.status).toBe(400);
  });
});
