import { hashPassword } from '@hatang/accounts';
import type { Role } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import type { App } from '../../apps/api/src/app.js';

/** A cheap scrypt cost for test accounts (verification reads the cost from the hash). */
export const TEST_SCRYPT_N = 2 ** 10;
const PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  orgId: string;
  roles: Role[];
}

/** A signed-in user: the headers to send (cookie, and the CSRF token for writes). */
export interface Session {
  user: TestUser;
  headers: Record<string, string>;
}

/** Creates a user directly in the database (unique e-mail), in the given organisation. */
export async function createUser(sql: Sql, orgId: string, roles: Role[]): Promise<TestUser> {
  const id = crypto.randomUUID();
  const email = `${roles.join('-').replaceAll('_', '-')}-${id.slice(0, 8)}@test.hatang`;
  await sql.query(
    'INSERT INTO users (id, email, display_name, org_id, roles, password_hash) VALUES ($1, $2, $3, $4, $5::text[], $6)',
    [
      id,
      email,
      `Test ${roles.join(', ')}`,
      orgId,
      `{${roles.join(',')}}`,
      await hashPassword(PASSWORD, TEST_SCRYPT_N),
    ],
  );
  return { id, email, password: PASSWORD, orgId, roles };
}

/** Signs in through the real login route and returns the cookie and CSRF headers. */
export async function signIn(app: App, user: TestUser): Promise<Session> {
  const response = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (response.status !== 200)
    throw new Error(`login failed for ${user.email}: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await response.json()) as { csrfToken: string };
  return { user, headers: { cookie, 'x-csrf-token': body.csrfToken } };
}

/** Creates a user with `roles` in `orgId` and signs them in. */
export async function sessionFor(app: App, sql: Sql, orgId: string, roles: Role[]): Promise<Session> {
  return signIn(app, await createUser(sql, orgId, roles));
}
