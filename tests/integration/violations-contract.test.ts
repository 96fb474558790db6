/**
 * The violation routes answer what their endpoints declare (packages/contracts
 * violation-endpoints.ts): every JSON success body parses with the declared response schema, so
 * the web client's checks (lib/endpoint-client.ts) and the OpenAPI document hold.
 */
import { type Endpoint, violationEndpoints as endpoints, type ViolationFeature } from '@hatang/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, createUnitWithCells, farAway } from '../support/fixtures.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { ownedManhole, photoForm, send, solidPng, violationBody } from './violations-support.js';

let app: App;
let admin: Session;
let manhole: string;
const at = farAway(880);

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  await createUnitWithCells(db, at, 'Xã Hợp Đồng');
  const city = await createOrganisation(db, 'city_department');
  const owner = await createOrganisation(db, 'operator');
  admin = await sessionFor(app, db, city, ['admin']);
  manhole = await ownedManhole(app, admin, owner, `contract-${crypto.randomUUID().slice(0, 8)}`);
});

/** Parses `body` with the endpoint's schema for `status`, naming every problem on failure. */
function expectDeclared(endpoint: Endpoint, status: number, body: unknown) {
  const schema = endpoint.responses[status]?.schema;
  expect(schema, `${endpoint.method} ${endpoint.path} ${status}`).toBeDefined();
  const parsed = schema?.safeParse(body);
  expect(parsed?.error?.issues ?? [], `${endpoint.method} ${endpoint.path}`).toEqual([]);
}

describe('violation routes against their contract', () => {
  it('answer each JSON success with the body its endpoint declares', async () => {
    const body = violationBody(at, { asset: { resource: 'manholes', id: manhole } });
    const created = await send<ViolationFeature>(app, admin, 'POST', '/api/v1/violations', body);
    expectDeclared(endpoints.createViolation, 201, created);
    expect(created.properties.asset).toEqual({ resource: 'manholes', id: manhole });

    const base = `/api/v1/violations/${created.id}`;
    expectDeclared(endpoints.getViolation, 200, await send(app, admin, 'GET', base));
    expectDeclared(
      endpoints.listViolations,
      200,
      await send(
        app,
        admin,
        'GET',
        `/api/v1/violations?bbox=${at[0] - 0.01},${at[1] - 0.01},${at[0] + 0.01},${at[1] + 0.01}`,
      ),
    );
    const ifMatch = (v: ViolationFeature) => ({ 'if-match': String(v.properties.version) });
    const patched = await send<ViolationFeature>(
      app,
      admin,
      'PATCH',
      base,
      { description: 'Kiểm tra lại' },
      ifMatch(created),
    );
    expectDeclared(endpoints.updateViolation, 200, patched);
    const notified = await send<ViolationFeature>(
      app,
      admin,
      'POST',
      `${base}/notify`,
      { note: 'Đã gửi' },
      ifMatch(patched),
    );
    expectDeclared(endpoints.notifyViolation, 200, notified);
    expect(notified.properties.notifiedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const escalated = await send<ViolationFeature>(
      app,
      admin,
      'POST',
      `${base}/escalate`,
      {},
      ifMatch(notified),
    );
    expectDeclared(endpoints.escalateViolation, 200, escalated);
    const resolved = await send<ViolationFeature>(
      app,
      admin,
      'POST',
      `${base}/resolve`,
      {},
      ifMatch(escalated),
    );
    expectDeclared(endpoints.resolveViolation, 200, resolved);
    expect(resolved.properties).toMatchObject({ status: 'resolved', statusNote: null, version: 5 });
    expectDeclared(endpoints.violationHistory, 200, await send(app, admin, 'GET', `${base}/history`));

    const form = photoForm(solidPng());
    form.delete('purpose');
    const upload = await app.request(`${base}/attachments`, {
      method: 'POST',
      headers: admin.headers,
      body: form,
    });
    expect(upload.status).toBe(201);
    const photo = await upload.json();
    expectDeclared(endpoints.attachments.upload, 201, photo);
    // An upload that names no purpose is stored as a photo.
    expect(photo).toMatchObject({ purpose: 'photo' });
    expectDeclared(endpoints.attachments.list, 200, await send(app, admin, 'GET', `${base}/attachments`));
  });
});
