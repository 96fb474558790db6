/**
 * Files and comments on permit applications: who may add them when, checks on the files (type by
 * their first bytes, size), downloads byte for byte, and the audited conversation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, createUnitWithCells, farAway } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { drawingForm, PNG_BYTES, send, towerApplication } from './permits-support.js';

type Info = { id: string; purpose: string; fileName: string; mediaType: string; sizeBytes: number };
type Comment = {
  id: string;
  text: string;
  author: { userId: string | null; orgId: string | null };
  createdBy: string | null;
  authorOrgName: string | null;
};

let app: App;
let operator: Session;
let otherOperator: Session;
let viewer: Session;
let reviewer: Session;
let planner: Session;
let inspector: Session;
let orgId: string;

const centre = farAway(490);
const at = (n: number): [number, number] => [Number((centre[0] + n * 0.0006).toFixed(6)), centre[1]];

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  const unit = await createUnitWithCells(db, centre, 'Phường Hồ Sơ');
  orgId = await createOrganisation(db, 'operator');
  const other = await createOrganisation(db, 'operator');
  const commune = await createOrganisation(db, 'commune');
  await db.query('UPDATE organisations SET admin_unit_code = $2 WHERE id = $1', [commune, unit]);
  operator = await sessionFor(app, db, orgId, ['operator_editor']);
  viewer = await sessionFor(app, db, orgId, ['operator_viewer']);
  otherOperator = await sessionFor(app, db, other, ['operator_editor']);
  reviewer = await sessionFor(app, db, await createOrganisation(db, 'construction_department'), ['reviewer']);
  planner = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
  inspector = await sessionFor(app, db, commune, ['inspector']);
});

const draft = (n: number) =>
  send(app, operator.headers, '/api/v1/permit-applications', {
    method: 'POST',
    json: towerApplication(at(n), {}, { title: `Hồ sơ đính kèm ${n}` }),
  });
const upload = async (as: Session, id: string, form: FormData) => {
  const response = await app.request(`/api/v1/permit-applications/${id}/attachments`, {
    method: 'POST',
    headers: as.headers,
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Info & { error?: { code: string } } };
};
const stored = async (id: string) =>
  (
    await (
      await testDatabase()
    ).query<{ n: number }>(
      `SELECT count(*)::int AS n FROM attachments WHERE subject_kind = 'permit_application' AND subject_id = $1`,
      [id],
    )
  )[0]?.n;

describe('permit application attachments', () => {
  it('takes the applicant’s drawing on a draft and returns it byte for byte to whoever may read it', async () => {
    const a = await draft(1);
    const added = await upload(operator, a.id, drawingForm());
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      purpose: 'drawing',
      fileName: 'bản vẽ mặt bằng.png',
      mediaType: 'image/png',
      sizeBytes: PNG_BYTES.length,
    });
    const consent = await upload(operator, a.id, drawingForm(PNG_BYTES, 'chấp thuận.png', 'owner_consent'));
    expect(consent.status).toBe(201);

    const list = await call<{ items: Info[] }>(
      app,
      'GET',
      `/api/v1/permit-applications/${a.id}/attachments`,
      {
        as: viewer,
      },
    );
    expect(list.body.items.map((i) => i.purpose)).toEqual(['drawing', 'owner_consent']);
    const file = await app.request(`/api/v1/permit-applications/${a.id}/attachments/${added.body.id}`, {
      headers: reviewer.headers,
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG_BYTES);

    // Another operator does not see that it exists; the audit log has the upload.
    const hidden = await call(
      app,
      'GET',
      `/api/v1/permit-applications/${a.id}/attachments/${added.body.id}`,
      {
        as: otherOperator,
      },
    );
    expect(hidden.status).toBe(404);
    const audit = await (await testDatabase()).query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE resource = 'permit-application-attachments' AND record_id = $1`,
      [added.body.id],
    );
    expect(audit[0]?.n).toBe(1);
  });

  it('refuses a text file named .png (415), a file over 10 MiB (413) and a made-up purpose (400); nothing is saved', async () => {
    const a = await draft(2);
    const text = new TextEncoder().encode('this is not a picture at all');
    const wrong = await upload(operator, a.id, drawingForm(text, 'ảnh.png'));
    expect(wrong.status).toBe(415);
    expect(wrong.body.error?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG_BYTES);
    const tooBig = await upload(operator, a.id, drawingForm(big, 'lớn.png'));
    expect(tooBig.status).toBe(413);
    const decision = await upload(operator, a.id, drawingForm(PNG_BYTES, 'giả.png', 'decision'));
    expect(decision.status).toBe(400);
    expect(await stored(a.id)).toBe(0);
  });

  it('freezes the applicant’s files once submitted, while reviewers may still add theirs', async () => {
    const a = await draft(3);
    await send(app, operator.headers, `/api/v1/permit-applications/${a.id}/submit`, {
      method: 'POST',
      version: a.version,
    });
    const late = await upload(operator, a.id, drawingForm());
    expect(late.status).toBe(409);
    expect((await upload(reviewer, a.id, drawingForm(PNG_BYTES, 'biên bản.png', 'other'))).status).toBe(201);
    expect((await upload(inspector, a.id, drawingForm())).status).toBe(403);
    expect((await upload(otherOperator, a.id, drawingForm())).status).toBe(404);
    // The commune's inspector reads the files of an application filed in the commune.
    const list = await call<{ items: Info[] }>(
      app,
      'GET',
      `/api/v1/permit-applications/${a.id}/attachments`,
      {
        as: inspector,
      },
    );
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
  });
});

describe('permit application comments', () => {
  it('keeps an audited conversation between the applicant and the reviewer', async () => {
    const a = await draft(4);
    const path = `/api/v1/permit-applications/${a.id}/comments`;
    const first = await call<Comment>(app, 'POST', path, {
      as: operator,
      json: { text: 'Đã bổ sung bản vẽ kết cấu' },
    });
    expect(first.status).toBe(201);
    expect(first.body.author).toMatchObject({ userId: operator.user.id, orgId });
    expect(first.body).toMatchObject({ createdBy: operator.user.id });
    expect(typeof first.body.authorOrgName).toBe('string');
    const second = await call<Comment>(app, 'POST', path, {
      as: reviewer,
      json: { text: 'Đề nghị làm rõ khoảng cách đến nhà dân gần nhất' },
    });
    expect(second.status).toBe(201);
    const list = await call<{ items: Comment[] }>(app, 'GET', path, { as: viewer });
    expect(list.body.items.map((c) => c.text)).toEqual([
      'Đã bổ sung bản vẽ kết cấu',
      'Đề nghị làm rõ khoảng cách đến nhà dân gần nhất',
    ]);
    const audit = await (await testDatabase()).query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE resource = 'permit-comments' AND record_id = ANY($1::uuid[])`,
      [`{${first.body.id},${second.body.id}}`],
    );
    expect(audit[0]?.n).toBe(2);
  });

  it('refuses empty or over-long comments, other operators and those outside the conversation', async () => {
    const a = await draft(5);
    const path = `/api/v1/permit-applications/${a.id}/comments`;
    expect((await call(app, 'POST', path, { as: operator, json: { text: '   ' } })).status).toBe(400);
    expect((await call(app, 'POST', path, { as: operator, json: { text: 'ạ'.repeat(2001) } })).status).toBe(
      400,
    );
    expect((await call(app, 'POST', path, { as: operator, json: { text: 'ạ'.repeat(2000) } })).status).toBe(
      201,
    );
    expect((await call(app, 'POST', path, { as: otherOperator, json: { text: 'xin chào' } })).status).toBe(
      404,
    );
    expect((await call(app, 'GET', path, { as: planner })).status).toBe(403);
    expect((await call(app, 'POST', path, { as: viewer, json: { text: 'xin chào' } })).status).toBe(403);
  });
});
