import { Writable } from 'node:stream';
import type { Database } from '@hatang/db';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../apps/api/src/log/logger.js';
import {
  type AuthApp,
  authApp,
  Client,
  createTestUser,
  TEST_PASSWORD,
  testClock,
  uniqueEmail,
} from '../support/auth.js';
import { testDatabase } from '../support/test-database.js';

type ErrorBody = { error: { code: string; message: string } };
type Info = { user: { id: string; email: string; roles: string[]; orgKind: string }; csrfToken: string };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let db: Database;
let app: AuthApp;

beforeAll(async () => {
  db = await testDatabase();
  app = authApp(db);
});

describe('sign-in', () => {
  it('sets an HttpOnly SameSite=Lax cookie that /me accepts', async () => {
    const user = await createTestUser(db, ['planner']);
    const client = new Client(app);
    const login = await client.login(user.email.toUpperCase());
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^hatang_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    const me = await client.request<Info>('GET', '/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({
      id: user.id,
      email: user.email,
      roles: ['planner'],
      orgKind: 'operator',
    });
    expect(me.body.csrfToken).toBe(login.body.csrfToken);
  });

  it('marks the cookie Secure over https', async () => {
    const user = await createTestUser(db, ['viewer']);
    const response = await app.request('https://hatang.example/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.9.9.9' },
      body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('answers a wrong password and an unknown e-mail alike', async () => {
    const user = await createTestUser(db, ['viewer']);
    const wrong = await new Client(app).login(user.email, 'not the password');
    const unknown = await new Client(app).login(uniqueEmail('nobody'));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (b: unknown) => ({ ...(b as ErrorBody).error, requestId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect((wrong.body as unknown as ErrorBody).error.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('is anonymous without a cookie: /me is 401', async () => {
    const me = await new Client(app).request<ErrorBody>('GET', '/api/v1/auth/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a disabled account with 403 after a correct password', async () => {
    const user = await createTestUser(db, ['viewer']);
    await db.query('UPDATE users SET is_disabled = true WHERE id = $1', [user.id]);
    const reply = await new Client(app).login(user.email);
    expect(reply.status).toBe(403);
    expect((reply.body as unknown as ErrorBody).error.code).toBe('ACCOUNT_DISABLED');
  });

  it('accepts JSON only', async () => {
    const response = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a@b.c&password=x',
    });
    expect(response.status).toBe(415);
  });

  it('never logs a password or its hash', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => {}),
    );
    try {
      const user = await createTestUser(db, ['viewer']);
      const [hash] = await db.query<{ password_hash: string }>(
        'SELECT password_hash FROM users WHERE id = $1',
        [user.id],
      );
      // The structured log (access lines) and anything written to the console.
      let structured = '';
      const sink = new Writable({
        write(chunk, _encoding, done) {
          structured += String(chunk);
          done();
        },
      });
      const logging = authApp(db, {}, createLogger('trace', sink));
      const client = new Client(logging);
      await client.login(user.email, 'a wrong secret 123');
      await client.login(user.email);
      await client.request('GET', '/api/v1/auth/me');
      await new Client(logging).login(uniqueEmail('ghost'), 'ghost secret 456');
      expect(structured).toContain('/api/v1/auth/login');
      const logged = JSON.stringify(spies.flatMap((s) => s.mock.calls)) + structured;
      for (const secret of [
        TEST_PASSWORD,
        'a wrong secret 123',
        'ghost secret 456',
        hash?.password_hash ?? '?',
      ])
        expect(logged).not.toContain(secret);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe('login throttling', () => {
  it('slows one client guessing an account with doubling waits, without locking the real user out', async () => {
    const clock = testClock();
    const throttled = authApp(db, { now: clock.now });
    const user = await createTestUser(db, ['operator_editor']);
    const attacker = new Client(throttled);
    // Three failures are free (typos), the fourth makes this client wait 1 s.
    for (let i = 0; i < 4; i++) expect((await attacker.login(user.email, `wrong ${i}`)).status).toBe(401);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const refused = await attacker.login(user.email, 'another guess');
      expect(refused.status).toBe(429);
      expect((refused.body as unknown as ErrorBody).error.code).toBe('TOO_MANY_ATTEMPTS');
      const wait = Number(refused.headers.get('retry-after'));
      waits.push(wait);
      clock.advance(wait * 1000);
      expect((await attacker.login(user.email, `wrong again ${i}`)).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16]);
    // Even the right password waits on the attacker's client…
    expect((await attacker.login(user.email)).status).toBe(429);
    // …while the real user, on their own client, signs in at once.
    expect((await new Client(throttled).login(user.email)).status).toBe(200);
  });

  it("caps the wait at 15 min and forgets a client's failures a day after the last one", async () => {
    const clock = testClock();
    const throttled = authApp(db, { now: clock.now });
    const user = await createTestUser(db, ['viewer']);
    const client = new Client(throttled);
    const waits: number[] = [];
    for (let i = 0; i < 16; i++) {
      expect((await client.login(user.email, `wrong ${i}`)).status).toBe(401);
      if (i < 3) continue;
      // Refused attempts do not count: only the wait is read.
      const refused = await client.login(user.email, 'probe');
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get('retry-after'));
      waits.push(wait);
      clock.advance(wait * 1000);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]);
    clock.advance(24 * HOUR);
    for (let i = 0; i < 3; i++) expect((await client.login(user.email, `wrong ${i}`)).status).toBe(401);
    expect((await client.login(user.email)).status).toBe(200);
  });

  it("resets the client's counter on success", async () => {
    const user = await createTestUser(db, ['viewer']);
    const client = new Client(app);
    for (let i = 0; i < 3; i++) await client.login(user.email, `wrong ${i}`);
    expect((await client.login(user.email)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await client.login(user.email, `wrong ${i}`)).status).toBe(401);
    expect((await client.login(user.email)).status).toBe(200);
  });

  it('counts unknown e-mails like real ones, so a wait reveals nothing', async () => {
    const clock = testClock();
    const throttled = authApp(db, { now: clock.now });
    const user = await createTestUser(db, ['viewer']);
    const statuses = async (email: string) => {
      const client = new Client(throttled);
      const seen: [number, string | null][] = [];
      for (let i = 0; i < 6; i++) {
        const reply = await client.login(email, 'whatever');
        seen.push([reply.status, reply.headers.get('retry-after')]);
      }
      return seen;
    };
    expect(await statuses(uniqueEmail('ghost'))).toEqual(await statuses(user.email));
  });

  it('blocks an IP after 20 failures across accounts', async () => {
    const attacker = new Client(app);
    const victim = await createTestUser(db, ['viewer']);
    for (let i = 0; i < 20; i++) {
      const reply = await attacker.login(uniqueEmail(`spray${i}`), 'guess');
      expect(reply.status).toBe(401);
    }
    const blocked = await attacker.login(victim.email);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // The victim signs in from elsewhere.
    expect((await new Client(app).login(victim.email)).status).toBe(200);
  });
});

describe('CSRF', () => {
  it('requires the session CSRF token on cookie-authenticated writes', async () => {
    const user = await createTestUser(db, ['planner']);
    const client = new Client(app);
    await client.login(user.email);
    const missing = await client.request<ErrorBody>('POST', '/api/v1/echo', { csrf: false });
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe('CSRF_FAILED');
    const wrong = await client.request<ErrorBody>('POST', '/api/v1/echo', {
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('CSRF_FAILED');
    const other = new Client(app);
    await other.login((await createTestUser(db, ['planner'])).email);
    const someoneElses = await client.request<ErrorBody>('POST', '/api/v1/echo', {
      headers: { 'x-csrf-token': other.csrfToken ?? '' },
    });
    expect(someoneElses.status).toBe(403);
    const right = await client.request<{ principal: { userId: string; via: string } }>(
      'POST',
      '/api/v1/echo',
    );
    expect(right.status).toBe(200);
    expect(right.body.principal).toMatchObject({ userId: user.id, via: 'session' });
    expect((await client.request('GET', '/api/v1/echo', { csrf: false })).status).toBe(200);
  });
});

describe('sessions', () => {
  it('logout revokes the session: the old cookie is then anonymous', async () => {
    const user = await createTestUser(db, ['viewer']);
    const client = new Client(app);
    await client.login(user.email);
    const cookie = client.cookie;
    const logout = await client.request('POST', '/api/v1/auth/logout');
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toMatch(/hatang_session=;.*Max-Age=0/);
    client.cookie = cookie;
    const me = await client.request<ErrorBody>('GET', '/api/v1/auth/me');
    expect(me.status).toBe(401);
    expect(me.headers.get('set-cookie')).toMatch(/hatang_session=;/);
  });

  it('expires after 8 h idle, sliding with use', async () => {
    const clock = testClock();
    const sliding = authApp(db, { now: clock.now });
    const user = await createTestUser(db, ['viewer']);
    const client = new Client(sliding);
    await client.login(user.email);
    clock.advance(7 * HOUR);
    expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(200);
    clock.advance(7 * HOUR);
    expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(200);
    clock.advance(8 * HOUR + MINUTE);
    expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('ends 7 days after sign-in however busy', async () => {
    const clock = testClock();
    const busy = authApp(db, { now: clock.now });
    const user = await createTestUser(db, ['viewer']);
    const client = new Client(busy);
    await client.login(user.email);
    for (let i = 0; i < 23; i++) {
      clock.advance(7 * HOUR);
      expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(200);
    }
    clock.advance(6 * HOUR); // 167 h: still within 7 days
    expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(200);
    clock.advance(2 * HOUR); // 169 h: past 7 days, though used 2 h ago
    expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('revoke-all signs the user out on every device', async () => {
    const user = await createTestUser(db, ['viewer']);
    const laptop = new Client(app);
    const phone = new Client(app);
    await laptop.login(user.email);
    await phone.login(user.email);
    expect((await laptop.request('POST', '/api/v1/auth/sessions/revoke-all')).status).toBe(204);
    expect((await phone.request('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await laptop.request('GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('stores only a hash of the session token', async () => {
    const user = await createTestUser(db, ['viewer']);
    const client = new Client(app);
    await client.login(user.email);
    const rows = await db.query<{ token_hash: string }>(
      'SELECT token_hash FROM sessions WHERE user_id = $1',
      [user.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).not.toContain(client.cookie ?? '?');
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
