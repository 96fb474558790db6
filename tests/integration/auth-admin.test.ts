import type { Database } from '@hatang/db';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type AuthApp,
  authApp,
  Client,
  createTestUser,
  TEST_PASSWORD,
  uniqueEmail,
} from '../support/auth.js';
import { createOrganisation } from '../support/fixtures.js';
import { testDatabase } from '../support/test-database.js';

type ErrorBody = { error: { code: string; message: string; details?: { path: string[] }[] } };
type UserRecord = { id: string; email: string; roles: string[]; isDisabled: boolean };
type KeyRecord = { id: string; key: string; prefix: string; scopes: string[]; userId: string };

let db: Database;
let app: AuthApp;
let admin: Client;
let adminId: string;

beforeAll(async () => {
  db = await testDatabase();
  app = authApp(db);
  const user = await createTestUser(db, ['admin'], {
    orgId: await createOrganisation(db, 'city_department'),
  });
  adminId = user.id;
  admin = new Client(app);
  expect((await admin.login(user.email)).status).toBe(200);
});

async function signedIn(roles: Parameters<typeof createTestUser>[1]) {
  const user = await createTestUser(db, roles);
  const client = new Client(app);
  expect((await client.login(user.email)).status).toBe(200);
  return { user, client };
}

describe('user administration', () => {
  it('is for admins: anonymous 401, planner 403, admin 200', async () => {
    expect((await new Client(app).request('GET', '/api/v1/users')).status).toBe(401);
    const { client: planner } = await signedIn(['planner']);
    const denied = await planner.request<ErrorBody>('GET', '/api/v1/users');
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    const create = await planner.request('POST', '/api/v1/users', { json: {} });
    expect(create.status).toBe(403);
    const list = await admin.request<{ items: UserRecord[] }>('GET', '/api/v1/users');
    expect(list.status).toBe(200);
    expect(list.body.items.some((u) => u.id === adminId)).toBe(true);
  });

  it('creates a user who can then sign in; a duplicate e-mail is 409, an unknown org 400', async () => {
    const orgId = await createOrganisation(db);
    const email = uniqueEmail('new');
    const request = {
      email,
      displayName: 'Nguyễn Văn A',
      orgId,
      roles: ['operator_editor'],
      password: TEST_PASSWORD,
    };
    const created = await admin.request<UserRecord>('POST', '/api/v1/users', { json: request });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, roles: ['operator_editor'], isDisabled: false });
    expect((await new Client(app).login(email)).status).toBe(200);

    const duplicate = await admin.request<ErrorBody>('POST', '/api/v1/users', {
      json: { ...request, email: email.toUpperCase() },
    });
    expect(duplicate.status).toBe(409);
    const noOrg = await admin.request<ErrorBody>('POST', '/api/v1/users', {
      json: { ...request, email: uniqueEmail('x'), orgId: crypto.randomUUID() },
    });
    expect(noOrg.status).toBe(400);
    expect(noOrg.body.error.details?.map((d) => d.path.join('.'))).toEqual(['orgId']);
    const invalid = await admin.request<ErrorBody>('POST', '/api/v1/users', {
      json: { ...request, email: 'nope', roles: ['king'], password: 'short' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details?.map((d) => d.path[0])).toEqual(
      expect.arrayContaining(['email', 'roles', 'password']),
    );
  });

  it('disabling a user ends their sessions and stops their API keys', async () => {
    const { user, client } = await signedIn(['operator_editor']);
    const key = await client.request<KeyRecord>('POST', '/api/v1/api-keys', {
      json: { name: 'IOC feed', scopes: ['read'] },
    });
    expect(key.status).toBe(201);
    const disabled = await admin.request<UserRecord>('PATCH', `/api/v1/users/${user.id}`, {
      json: { isDisabled: true },
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.isDisabled).toBe(true);
    expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(401);
    const bearer = { authorization: `Bearer ${key.body.key}` };
    expect((await new Client(app).request('GET', '/api/v1/echo', { headers: bearer })).status).toBe(401);
    expect((await new Client(app).login(user.email)).status).toBe(403);
  });

  it('changes roles, and will not let an admin disable themselves', async () => {
    const { user } = await signedIn(['viewer']);
    const changed = await admin.request<UserRecord>('PATCH', `/api/v1/users/${user.id}`, {
      json: { roles: ['reviewer', 'viewer'] },
    });
    expect(changed.body.roles).toEqual(['reviewer', 'viewer']);
    const self = await admin.request<ErrorBody>('PATCH', `/api/v1/users/${adminId}`, {
      json: { isDisabled: true },
    });
    expect(self.status).toBe(400);
  });

  it('resetting a password ends the sessions; the new password works and the old does not', async () => {
    const { user, client } = await signedIn(['planner']);
    const reset = await admin.request('POST', `/api/v1/users/${user.id}/password`, {
      json: { password: 'a brand new passphrase' },
    });
    expect(reset.status).toBe(204);
    expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await new Client(app).login(user.email)).status).toBe(401);
    expect((await new Client(app).login(user.email, 'a brand new passphrase')).status).toBe(200);
  });

  it('revoke-sessions signs a user out', async () => {
    const { user, client } = await signedIn(['viewer']);
    expect((await admin.request('POST', `/api/v1/users/${user.id}/revoke-sessions`)).status).toBe(204);
    expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('never returns a password hash', async () => {
    const { client } = await signedIn(['viewer']);
    const bodies = [
      JSON.stringify((await admin.request('GET', '/api/v1/users')).body),
      JSON.stringify((await client.request('GET', '/api/v1/auth/me')).body),
      JSON.stringify((await new Client(app).login((await createTestUser(db, ['viewer'])).email)).body),
    ];
    for (const body of bodies) {
      expect(body).not.toMatch(/scrypt\$/);
      expect(body).not.toMatch(/password/i);
    }
  });
});

describe('API keys', () => {
  it('are created once in the clear, stored hashed, and used with Bearer without CSRF', async () => {
    const { user, client } = await signedIn(['operator_editor']);
    const created = await client.request<KeyRecord>('POST', '/api/v1/api-keys', {
      json: { name: 'Field app', scopes: ['read', 'write'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^hk_[\w-]{43}$/);
    expect(created.body.key.startsWith(created.body.prefix)).toBe(true);
    const stored = await db.query<Record<string, unknown>>('SELECT * FROM api_keys WHERE id = $1', [
      created.body.id,
    ]);
    expect(JSON.stringify(stored)).not.toContain(created.body.key);

    const machine = new Client(app);
    const bearer = { authorization: `Bearer ${created.body.key}` };
    const write = await machine.request<{ principal: { userId: string; via: string; scopes: string[] } }>(
      'POST',
      '/api/v1/echo',
      { headers: bearer },
    );
    expect(write.status).toBe(200);
    expect(write.body.principal).toMatchObject({
      userId: user.id,
      via: 'api_key',
      scopes: ['read', 'write'],
    });
    const [used] = await db.query<{ last_used_at: unknown }>(
      'SELECT last_used_at FROM api_keys WHERE id = $1',
      [created.body.id],
    );
    expect(used?.last_used_at).not.toBeNull();

    const list = await client.request<{ items: KeyRecord[] }>('GET', '/api/v1/api-keys');
    expect(list.body.items.map((k) => k.id)).toEqual([created.body.id]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
  });

  it('a read-only key reads but cannot write (403)', async () => {
    const { client } = await signedIn(['planner']);
    const { body } = await client.request<KeyRecord>('POST', '/api/v1/api-keys', {
      json: { name: 'IOC dashboard', scopes: ['read'] },
    });
    const bearer = { authorization: `Bearer ${body.key}` };
    expect((await new Client(app).request('GET', '/api/v1/echo', { headers: bearer })).status).toBe(200);
    const write = await new Client(app).request<ErrorBody>('POST', '/api/v1/echo', { headers: bearer });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('FORBIDDEN');
  });

  it('a key cannot mint keys: refused (403) before its body is read', async () => {
    const { client } = await signedIn(['planner']);
    const { body } = await client.request<KeyRecord>('POST', '/api/v1/api-keys', {
      json: { name: 'Writer', scopes: ['read', 'write'] },
    });
    const bearer = { authorization: `Bearer ${body.key}` };
    for (const json of [{ name: 'Another', scopes: ['read'] }, { name: 42 }]) {
      const minted = await new Client(app).request<ErrorBody>('POST', '/api/v1/api-keys', {
        headers: bearer,
        json,
      });
      expect(minted.status).toBe(403);
      expect(minted.body.error.message).toMatch(/signed-in session/);
    }
  });

  it('a revoked, expired or unknown key is 401', async () => {
    const { client } = await signedIn(['planner']);
    const { body } = await client.request<KeyRecord>('POST', '/api/v1/api-keys', {
      json: { name: 'Temp', scopes: ['read'] },
    });
    expect((await client.request('DELETE', `/api/v1/api-keys/${body.id}`)).status).toBe(204);
    const revoked = await new Client(app).request<ErrorBody>('GET', '/api/v1/echo', {
      headers: { authorization: `Bearer ${body.key}` },
    });
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('UNAUTHENTICATED');
    const unknown = await new Client(app).request('GET', '/api/v1/echo', {
      headers: { authorization: 'Bearer hk_made-up' },
    });
    expect(unknown.status).toBe(401);
    const past = await client.request<ErrorBody>('POST', '/api/v1/api-keys', {
      json: { name: 'Old', scopes: ['read'], expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(400);
  });

  it('only admins issue keys for others, and others’ keys cannot be revoked', async () => {
    const { user: owner, client: ownerClient } = await signedIn(['operator_editor']);
    const { client: stranger } = await signedIn(['operator_editor']);
    const forOwner = await stranger.request('POST', '/api/v1/api-keys', {
      json: { name: 'Sneaky', scopes: ['read'], userId: owner.id },
    });
    expect(forOwner.status).toBe(403);
    const byAdmin = await admin.request<KeyRecord>('POST', '/api/v1/api-keys', {
      json: { name: 'Issued by admin', scopes: ['read'], userId: owner.id },
    });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.userId).toBe(owner.id);
    expect((await stranger.request('DELETE', `/api/v1/api-keys/${byAdmin.body.id}`)).status).toBe(404);
    const mine = await ownerClient.request<{ items: KeyRecord[] }>('GET', '/api/v1/api-keys');
    expect(mine.body.items.map((k) => k.id)).toContain(byAdmin.body.id);
    const all = await admin.request<{ items: KeyRecord[] }>('GET', '/api/v1/api-keys');
    expect(all.body.items.map((k) => k.id)).toContain(byAdmin.body.id);
    expect((await new Client(app).request('GET', '/api/v1/api-keys')).status).toBe(401);
  });

  it('an API key cannot mint more keys', async () => {
    const { client } = await signedIn(['operator_editor']);
    const { body } = await client.request<KeyRecord>('POST', '/api/v1/api-keys', {
      json: { name: 'Writer', scopes: ['read', 'write'] },
    });
    const minted = await new Client(app).request('POST', '/api/v1/api-keys', {
      json: { name: 'Child', scopes: ['read'] },
      headers: { authorization: `Bearer ${body.key}` },
    });
    expect(minted.status).toBe(403);
  });
});
