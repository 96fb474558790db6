/**
 * Offline reports sent again (issue #18 item 5): the inspector's phone queues a violation with a
 * UUID of its own and may send it twice (an answer lost to a dropped connection). The server keeps
 * one report per organisation and client id, answers the stored one to its recorder, and never
 * lets another organisation's id collide with or reveal it.
 */
import type { ViolationFeature } from '@hatang/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, createUnitWithCells, farAway } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { violationBody } from './violations-support.js';

type ErrorBody = { error: { code: string; message: string } };

let app: App;
let db: Awaited<ReturnType<typeof testDatabase>>;
let inspector: Session;
let colleague: Session;
let inspectorElsewhere: Session;
const centre = farAway(6500);
const elsewhere = farAway(6560);
let serial = 0;
/** A fresh point in the test commune (or near `around`), `[lng, lat]`. */
const near = (around: [number, number]): [number, number] => {
  serial++;
  return [Number((around[0] - 0.006 + serial * 0.0003).toFixed(6)), Number((around[1] + 0.001).toFixed(6))];
};

const rowsWith = async (clientId: string) =>
  db.query<{ id: string; reported_org_id: string }>(
    'SELECT id, reported_org_id FROM violations WHERE client_id = $1 ORDER BY created_at',
    [clientId],
  );

const post = (who: Session, body: unknown) =>
  call<ViolationFeature & ErrorBody>(app, 'POST', '/api/v1/violations', { as: who, json: body });

beforeAll(async () => {
  db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  const unit = await createUnitWithCells(db, centre, 'Xã Đồng Bộ');
  const otherUnit = await createUnitWithCells(db, elsewhere, 'Xã Ngoại Tuyến');
  const commune = await createOrganisation(db, 'commune');
  const otherCommune = await createOrganisation(db, 'commune');
  await db.query('UPDATE organisations SET admin_unit_code = $2 WHERE id = $1', [commune, unit]);
  await db.query('UPDATE organisations SET admin_unit_code = $2 WHERE id = $1', [otherCommune, otherUnit]);
  inspector = await sessionFor(app, db, commune, ['inspector']);
  colleague = await sessionFor(app, db, commune, ['inspector']);
  inspectorElsewhere = await sessionFor(app, db, otherCommune, ['inspector']);
});

describe('recording a violation again under its client id', () => {
  it('answers the stored report (200) the second time and keeps one row and one audit entry', async () => {
    const clientId = crypto.randomUUID();
    const body = violationBody(near(centre), { clientId });
    const first = await post(inspector, body);
    expect(first.status).toBe(201);
    const second = await post(inspector, body);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('location')).toBe(`/api/v1/violations/${first.body.id}`);
    expect(second.body.properties.version).toBe(1);
    expect((await rowsWith(clientId)).map((r) => r.id)).toEqual([first.body.id]);
    const history = await call<{ items: unknown[] }>(
      app,
      'GET',
      `/api/v1/violations/${first.body.id}/history`,
      {
        as: inspector,
      },
    );
    expect(history.body.items).toHaveLength(1);
  });

  it('keeps one report when the same client id arrives twice at once', async () => {
    const clientId = crypto.randomUUID();
    const body = violationBody(near(centre), { clientId });
    const answers = await Promise.all([post(inspector, body), post(inspector, body)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await rowsWith(clientId)).toHaveLength(1);
  });

  it('lets another organisation use the same client id for its own report, without seeing ours', async () => {
    const clientId = crypto.randomUUID();
    const ours = await post(inspector, violationBody(near(centre), { clientId }));
    expect(ours.status).toBe(201);
    const theirs = await post(inspectorElsewhere, violationBody(near(elsewhere), { clientId }));
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(ours.body.id);
    expect(JSON.stringify(theirs.body)).not.toContain(ours.body.id);
    expect(theirs.body.properties.adminUnitCode).not.toBe(ours.body.properties.adminUnitCode);
    const rows = await rowsWith(clientId);
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.reported_org_id)).size).toBe(2);
    // Sent again, each gets its own back.
    expect((await post(inspectorElsewhere, violationBody(near(elsewhere), { clientId }))).body.id).toBe(
      theirs.body.id,
    );
  });

  it("refuses a colleague's resend of the same client id (409) without naming the stored report", async () => {
    const clientId = crypto.randomUUID();
    const ours = await post(inspector, violationBody(near(centre), { clientId }));
    const theirs = await post(colleague, violationBody(near(centre), { clientId }));
    expect(theirs.status).toBe(409);
    expect(theirs.body.error.code).toBe('CONFLICT');
    expect(JSON.stringify(theirs.body)).not.toContain(ours.body.id);
    expect(await rowsWith(clientId)).toHaveLength(1);
  });

  it('records a report outside the commune under a client id nowhere (403), so a fixed resend can succeed', async () => {
    const clientId = crypto.randomUUID();
    const outside = await post(inspector, violationBody(near(elsewhere), { clientId }));
    expect(outside.status).toBe(403);
    expect(await rowsWith(clientId)).toHaveLength(0);
    const fixed = await post(inspector, violationBody(near(centre), { clientId }));
    expect(fixed.status).toBe(201);
  });

  it('rejects a client id that is no UUID with the field named', async () => {
    const answer = await call<{ error: { code: string; details: { path: string[] }[] } }>(
      app,
      'POST',
      '/api/v1/violations',
      { as: inspector, json: violationBody(near(centre), { clientId: 'phone-1' }) },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.map((d) => d.path.join('.'))).toContain('clientId');
  });
});
