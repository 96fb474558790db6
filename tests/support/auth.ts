import { hashPassword, insertUser } from '@hatang/accounts';
import type { Role } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import { type AuthOptions, resolveAuthOptions } from '../../apps/api/src/auth/options.js';
import type { AppEnv, Services } from '../../apps/api/src/context.js';
import { accountRoutes } from '../../apps/api/src/features/accounts/account-routes.js';
import { authenticate } from '../../apps/api/src/features/accounts/authenticate.js';
import { mountRoutes } from '../../apps/api/src/http/define-route.js';
import { accessLog, type Logger } from '../../apps/api/src/log/logger.js';
import { onError, onNotFound } from '../../apps/api/src/middleware/error-handler.js';
import { requestIds } from '../../apps/api/src/middleware/request-ids.js';
import { authorize } from '../../apps/api/src/policy/authorize.js';
import { createOrganisation } from './fixtures.js';

/** Cheap scrypt for tests (the default 2^15 is tested on its own). */
export const TEST_SCRYPT_N = 2 ** 10;
export const TEST_PASSWORD = 'correct horse battery staple';

/** A clock the test moves by hand. */
export function testClock(start = Date.now()) {
  let ms = start;
  return {
    now: () => new Date(ms),
    advance(byMs: number) {
      ms += byMs;
    },
  };
}

/**
 * The auth middleware and routes on a bare Hono app, plus `POST /api/v1/echo` (any write) that
 * returns the principal: enough to test authentication without the asset routes.
 */
export function authApp(db: Database, options: AuthOptions = {}, logger?: Logger) {
  const opts: AuthOptions = { scryptN: TEST_SCRYPT_N, trustProxy: true, ...options };
  const app = new Hono<AppEnv>();
  app.use('*', requestIds());
  if (logger) app.use('*', accessLog(logger));
  app.onError(onError);
  app.notFound(onNotFound);
  // The account routes use only the database and the auth options of the app's services.
  const services = { db, auth: resolveAuthOptions(opts) } as Services;
  app.use('*', (c, next) => {
    c.set('services', services);
    return next();
  });
  app.use('/api/*', authenticate(db, opts));
  // As in the app, the policy table answers 401/403 before a route reads its body.
  for (const path of [
    '/api/v1/auth/*',
    '/api/v1/users',
    '/api/v1/users/*',
    '/api/v1/api-keys',
    '/api/v1/api-keys/*',
  ])
    app.use(path, authorize());
  mountRoutes(app, accountRoutes);
  app.get('/api/v1/echo', (c) => c.json({ principal: c.get('principal') ?? null }));
  app.post('/api/v1/echo', (c) => c.json({ principal: c.get('principal') ?? null }));
  return app;
}
export type AuthApp = ReturnType<typeof authApp>;

export const uniqueEmail = (label: string) => `${label}.${crypto.randomUUID().slice(0, 8)}@test.example`;
let ipSerial = 0;
/** A client address no other test client in this process has (10.w.x.y), for the login throttle. */
export const randomIp = () => {
  const k = ipSerial++;
  const worker = Number(process.env.VITEST_POOL_ID ?? '1') % 256;
  return `10.${worker}.${Math.floor(k / 254) % 256}.${(k % 254) + 1}`;
};

/** A user with TEST_PASSWORD in a fresh organisation (or `orgId`); returns its id and e-mail. */
export async function createTestUser(
  db: Database,
  roles: Role[],
  options: { orgId?: string; email?: string } = {},
): Promise<{ id: string; email: string; orgId: string }> {
  const orgId = options.orgId ?? (await createOrganisation(db));
  const email = options.email ?? uniqueEmail(roles[0] ?? 'user');
  const id = await insertUser(db, {
    email,
    displayName: `Test ${roles.join('+')}`,
    orgId,
    roles,
    passwordHash: await hashPassword(TEST_PASSWORD, TEST_SCRYPT_N),
  });
  return { id, email, orgId };
}

export interface Reply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** A browser-like client: one IP, a cookie jar for `hatang_session`, and the CSRF token from login. */
export class Client {
  cookie: string | undefined;
  csrfToken: string | undefined;
  constructor(
    readonly app: AuthApp,
    readonly ip = randomIp(),
  ) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { json?: unknown; headers?: Record<string, string>; csrf?: boolean } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip, ...options.headers };
    if (this.cookie) headers.cookie = `hatang_session=${this.cookie}`;
    if (options.csrf !== false && this.csrfToken && !headers['x-csrf-token'])
      headers['x-csrf-token'] = this.csrfToken;
    let body: string | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    const response = await this.app.request(path, { method, headers, body });
    const setCookie = response.headers.get('set-cookie');
    const match = setCookie ? /hatang_session=([^;]*)/.exec(setCookie) : null;
    if (match) this.cookie = match[1] || undefined;
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : null) as T,
    };
  }

  async login(email: string, password = TEST_PASSWORD) {
    const reply = await this.request<{ csrfToken: string; error?: { code: string } }>(
      'POST',
      '/api/v1/auth/login',
      { json: { email, password } },
    );
    if (reply.status === 200) this.csrfToken = reply.body.csrfToken;
    return reply;
  }
}
