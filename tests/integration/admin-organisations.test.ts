/**
 * Organisations managed by admins over the real app: create (a commune office names its commune,
 * other kinds none), edit (the code is fixed; an office with inspectors stays one), users moved
 * between organisations (an inspector needs a commune office), each write audited.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, insertTestUnit } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { uniqueOrgCode } from './admin-support.js';

type ErrorBody = {
  error: { code: string; message: string; details?: { path: string[]; message: string }[] };
};
type Org = {
  id: string;
  code: string;
  name: string;
  kind: string;
  adminUnitCode: string | null;
  adminUnitName: string | null;
  userCount: number;
};
type User = { id: string; orgId: string; adminUnitCode: string | null; roles: string[] };
type AuditPage = {
  items: {
    action: string;
    resource: string;
    recordId: string;
    before: unknown;
    after: Record<string, unknown> | null;
    actorUserId: string | null;
  }[];
  next: string | null;
};

let app: App;
let admin: Session;
let planner: Session;
let unitA: string;
let unitB: string;

const square = (x: number) => `POLYGON((${x} 30, ${x + 0.1} 30, ${x + 0.1} 30.1, ${x} 30.1, ${x} 30))`;
const paths = (body: ErrorBody) => body.error.details?.map((d) => d.path.join('.')) ?? [];

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  admin = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['admin']);
  planner = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
  unitA = await insertTestUnit(db, { geomWkt: square(30), labelPoint: [30.05, 30.05], name: 'Phường Thử A' });
  unitB = await insertTestUnit(db, { geomWkt: square(31), labelPoint: [31.05, 30.05], name: 'Xã Thử B' });
});

async function createCommuneOffice(code = uniqueOrgCode('UBND')): Promise<Org> {
  const created = await call<Org>(app, 'POST', '/api/v1/organisations', {
    as: admin,
    json: { code, name: `UBND ${code}`, kind: 'commune', adminUnitCode: unitA },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

async function auditOf(recordId: string): Promise<AuditPage['items']> {
  const page = await call<AuditPage>(app, 'GET', `/api/v1/audit-log?recordId=${recordId}`, { as: admin });
  expect(page.status).toBe(200);
  return page.body.items;
}

describe('organisations', () => {
  it('creates a commune office with its commune, listed with the commune’s name, and audits it', async () => {
    const code = uniqueOrgCode('ubnd');
    const office = await createCommuneOffice(code.toLowerCase());
    expect(office).toMatchObject({
      code,
      kind: 'commune',
      adminUnitCode: unitA,
      adminUnitName: 'Phường Thử A',
      userCount: 0,
    });
    const list = await call<{ items: Org[] }>(app, 'GET', '/api/v1/admin/organisations', { as: admin });
    expect(list.body.items.find((o) => o.id === office.id)).toMatchObject({ code, adminUnitCode: unitA });
    const entries = await auditOf(office.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'create',
      resource: 'organisations',
      before: null,
      after: { code, kind: 'commune', adminUnitCode: unitA },
    });
  });

  it('requires a commune for a commune office and refuses one for any other kind, with all problems at once', async () => {
    const none = await call<ErrorBody>(app, 'POST', '/api/v1/organisations', {
      as: admin,
      json: { code: uniqueOrgCode('X'), name: 'UBND', kind: 'commune' },
    });
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(none.body)).toEqual(['adminUnitCode']);
    expect(none.body.error.details?.[0]?.message).toMatch(/must name its commune/);
    const operator = await call<ErrorBody>(app, 'POST', '/api/v1/organisations', {
      as: admin,
      json: { code: uniqueOrgCode('X'), name: 'Op', kind: 'operator', adminUnitCode: unitA },
    });
    expect(operator.status).toBe(400);
    expect(operator.body.error.details?.[0]?.message).toMatch(/only a commune office/);
    const unknown = await call<ErrorBody>(app, 'POST', '/api/v1/organisations', {
      as: admin,
      json: { code: uniqueOrgCode('X'), name: 'UBND', kind: 'commune', adminUnitCode: '99999' },
    });
    expect(unknown.status).toBe(400);
    const bad = await call<ErrorBody>(app, 'POST', '/api/v1/organisations', {
      as: admin,
      json: { code: 'a b', name: '', kind: 'king' },
    });
    expect(bad.status).toBe(400);
    expect(paths(bad.body).sort()).toEqual(['code', 'kind', 'name']);
  });

  it('refuses a code in use (409) and nothing is written', async () => {
    const office = await createCommuneOffice();
    const again = await call<ErrorBody>(app, 'POST', '/api/v1/organisations', {
      as: admin,
      json: { code: office.code, name: 'Khác', kind: 'operator' },
    });
    expect(again.status).toBe(409);
    expect(paths(again.body)).toEqual(['code']);
    expect(await auditOf(office.id)).toHaveLength(1);
  });

  it('edits name, kind and commune; the code is fixed; each edit is audited with before and after', async () => {
    const office = await createCommuneOffice();
    const moved = await call<Org>(app, 'PATCH', `/api/v1/organisations/${office.id}`, {
      as: admin,
      json: { name: 'UBND xã Thử B', adminUnitCode: unitB },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      name: 'UBND xã Thử B',
      adminUnitCode: unitB,
      adminUnitName: 'Xã Thử B',
    });
    const code = await call<ErrorBody>(app, 'PATCH', `/api/v1/organisations/${office.id}`, {
      as: admin,
      json: { code: 'NEW-CODE' },
    });
    expect(code.status).toBe(400);
    const keepsCommune = await call<ErrorBody>(app, 'PATCH', `/api/v1/organisations/${office.id}`, {
      as: admin,
      json: { adminUnitCode: null },
    });
    expect(keepsCommune.status).toBe(400);
    // Becoming an operator drops the commune (no inspectors in it yet).
    const operator = await call<Org>(app, 'PATCH', `/api/v1/organisations/${office.id}`, {
      as: admin,
      json: { kind: 'operator' },
    });
    expect(operator.status).toBe(200);
    expect(operator.body).toMatchObject({ kind: 'operator', adminUnitCode: null });
    const entries = await auditOf(office.id);
    expect(entries.map((e) => e.action)).toEqual(['update', 'update', 'create']);
    expect(entries[1]).toMatchObject({
      before: { adminUnitCode: unitA, name: office.name },
      after: { adminUnitCode: unitB, name: 'UBND xã Thử B' },
    });
    const missing = await call(app, 'PATCH', `/api/v1/organisations/${crypto.randomUUID()}`, {
      as: admin,
      json: { name: 'x' },
    });
    expect(missing.status).toBe(404);
  });

  it('is for admins only: a planner gets 403 and nothing is created', async () => {
    const code = uniqueOrgCode('NO');
    const denied = await call<ErrorBody>(app, 'POST', '/api/v1/organisations', {
      as: planner,
      json: { code, name: 'x', kind: 'operator' },
    });
    expect(denied.status).toBe(403);
    for (const path of ['/api/v1/admin/organisations', '/api/v1/audit-log', '/api/v1/audit-log/export.csv'])
      expect((await call(app, 'GET', path, { as: planner })).status).toBe(403);
    expect((await call(app, 'GET', '/api/v1/audit-log')).status).toBe(401);
    const list = await call<{ items: Org[] }>(app, 'GET', '/api/v1/admin/organisations', { as: admin });
    expect(list.body.items.some((o) => o.code === code)).toBe(false);
  });
});

describe("users' organisation and commune", () => {
  it('creates an inspector in a commune office, whose commune is the office’s and follows it', async () => {
    const office = await createCommuneOffice();
    const created = await call<User>(app, 'POST', '/api/v1/users', {
      as: admin,
      json: {
        email: `insp-${crypto.randomUUID().slice(0, 8)}@test.hatang`,
        displayName: 'Cán bộ xã',
        orgId: office.id,
        roles: ['inspector'],
        password: 'a long enough password',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ orgId: office.id, adminUnitCode: unitA });
    await call(app, 'PATCH', `/api/v1/organisations/${office.id}`, {
      as: admin,
      json: { adminUnitCode: unitB },
    });
    const users = await call<{ items: User[] }>(app, 'GET', '/api/v1/users', { as: admin });
    expect(users.body.items.find((u) => u.id === created.body.id)?.adminUnitCode).toBe(unitB);
    // The office keeps its inspector: it cannot become another kind.
    const kind = await call<ErrorBody>(app, 'PATCH', `/api/v1/organisations/${office.id}`, {
      as: admin,
      json: { kind: 'operator' },
    });
    expect(kind.status).toBe(409);
    expect(paths(kind.body)).toEqual(['kind']);
    const entries = await auditOf(created.body.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'create', resource: 'users', actorUserId: admin.user.id });
    expect(JSON.stringify(entries[0])).not.toMatch(/password|scrypt/i);
  });

  it('refuses an inspector outside a commune office, on create and on a move', async () => {
    const operator = await createOrganisation(await testDatabase(), 'operator');
    const refused = await call<ErrorBody>(app, 'POST', '/api/v1/users', {
      as: admin,
      json: {
        email: `insp-${crypto.randomUUID().slice(0, 8)}@test.hatang`,
        displayName: 'Sai tổ chức',
        orgId: operator,
        roles: ['inspector'],
        password: 'a long enough password',
      },
    });
    expect(refused.status).toBe(400);
    expect(paths(refused.body)).toEqual(['orgId']);
    expect(refused.body.error.details?.[0]?.message).toMatch(/inspector must belong to a commune office/);

    const office = await createCommuneOffice();
    const made = await call<User>(app, 'POST', '/api/v1/users', {
      as: admin,
      json: {
        email: `insp-${crypto.randomUUID().slice(0, 8)}@test.hatang`,
        displayName: 'Cán bộ',
        orgId: office.id,
        roles: ['inspector'],
        password: 'a long enough password',
      },
    });
    const move = await call<ErrorBody>(app, 'PATCH', `/api/v1/users/${made.body.id}`, {
      as: admin,
      json: { orgId: operator },
    });
    expect(move.status).toBe(400);
    // Moved with a role that fits, it is accepted and audited with the old and new organisation.
    const moved = await call<User>(app, 'PATCH', `/api/v1/users/${made.body.id}`, {
      as: admin,
      json: { orgId: operator, roles: ['operator_viewer'] },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ orgId: operator, adminUnitCode: null, roles: ['operator_viewer'] });
    const [update] = await auditOf(made.body.id);
    expect(update).toMatchObject({
      action: 'update',
      before: { orgId: office.id, adminUnitCode: unitA, roles: ['inspector'] },
      after: { orgId: operator, adminUnitCode: null, roles: ['operator_viewer'] },
    });
  });

  it('audits a password reset without the password or its hash', async () => {
    const office = await createCommuneOffice();
    const made = await call<User>(app, 'POST', '/api/v1/users', {
      as: admin,
      json: {
        email: `reset-${crypto.randomUUID().slice(0, 8)}@test.hatang`,
        displayName: 'Đặt lại',
        orgId: office.id,
        roles: ['viewer'],
        password: 'a long enough password',
      },
    });
    const reset = await call(app, 'POST', `/api/v1/users/${made.body.id}/password`, {
      as: admin,
      json: { password: 'the new secret passphrase' },
    });
    expect(reset.status).toBe(204);
    const [entry] = await auditOf(made.body.id);
    expect(entry?.after).toMatchObject({ passwordReset: true });
    expect(JSON.stringify(entry)).not.toMatch(/secret passphrase|scrypt|passwordHash/);
  });
});
