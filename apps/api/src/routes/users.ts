/**
 * User administration for admins, mounted at `/api/v1/users`: list, create, update (roles,
 * name, disable), reset a password, end a user's sessions. Password hashes never leave the database.
 */
import {
  createUserRequest,
  type Issue,
  resetPasswordRequest,
  type UserRecord,
  updateUserRequest,
} from '@hatang/contracts';
import type { Database, Sql } from '@hatang/db';
import { Hono } from 'hono';
import { requireAdmin } from '../auth/authenticate.js';
import { type AuthOptions, resolveAuthOptions } from '../auth/options.js';
import { hashPassword } from '../auth/password.js';
import { resetAccountFailures } from '../auth/throttle.js';
import {
  findUserById,
  insertUser,
  revokeUserSessions,
  toUserRecord,
  USER_COLUMNS,
  USER_FROM,
  type UserRow,
} from '../auth/user-store.js';
import { readValidBody } from '../auth/validate.js';
import type { AppEnv } from '../context.js';
import { ApiError, notFound, validationFailed } from '../errors.js';
import { isUuid } from '../http/body.js';
import { toPgTextArray } from '../sql/columns.js';

async function existingUser(sql: Sql, id: string): Promise<UserRow> {
  const user = isUuid(id) ? await findUserById(sql, id) : undefined;
  if (!user) throw notFound('User');
  return user;
}

export function userRoutes(db: Database, options: AuthOptions = {}) {
  const resolved = resolveAuthOptions(options);
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    requireAdmin(c);
    const rows = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} ORDER BY u.email`);
    return c.json({ items: rows.map(toUserRecord) });
  });

  app.post('/', async (c) => {
    requireAdmin(c);
    const body = await readValidBody(c, createUserRequest);
    const issues: Issue[] = [];
    const org = await db.query('SELECT 1 FROM organisations WHERE id = $1', [body.orgId]);
    if (org.length === 0) issues.push({ path: ['orgId'], message: `unknown organisation ${body.orgId}` });
    if (issues.length) throw validationFailed(issues);
    const taken = await db.query('SELECT 1 FROM users WHERE email = $1', [body.email]);
    if (taken.length) {
      throw new ApiError(409, 'CONFLICT', 'A user with this e-mail address already exists', [
        { path: ['email'], message: 'already in use' },
      ]);
    }
    const passwordHash = await hashPassword(body.password, resolved.scryptN);
    const id = await insertUser(db, { ...body, passwordHash });
    const record: UserRecord = toUserRecord(await existingUser(db, id));
    return c.json(record, 201, { Location: `/api/v1/users/${id}` });
  });

  app.patch('/:id', async (c) => {
    const admin = requireAdmin(c);
    const body = await readValidBody(c, updateUserRequest);
    const user = await existingUser(db, c.req.param('id'));
    // An admin cannot lock themselves out; another admin has to do it.
    if (user.id === admin.userId) {
      const issues: Issue[] = [];
      if (body.isDisabled) issues.push({ path: ['isDisabled'], message: 'you cannot disable yourself' });
      if (body.roles && !body.roles.includes('admin'))
        issues.push({ path: ['roles'], message: 'you cannot remove your own admin role' });
      if (issues.length) throw validationFailed(issues);
    }
    await db.transaction(async (tx) => {
      await tx.query(
        `UPDATE users SET display_name = coalesce($2, display_name), roles = coalesce($3::text[], roles),
           is_disabled = coalesce($4, is_disabled), updated_at = $5::timestamptz WHERE id = $1`,
        [
          user.id,
          body.displayName ?? null,
          body.roles ? toPgTextArray(body.roles) : null,
          body.isDisabled ?? null,
          resolved.now().toISOString(),
        ],
      );
      // A disabled user's API keys stop working too: authentication checks is_disabled.
      if (body.isDisabled) await revokeUserSessions(tx, user.id, resolved.now());
    });
    return c.json(toUserRecord(await existingUser(db, user.id)));
  });

  app.post('/:id/password', async (c) => {
    requireAdmin(c);
    const { password } = await readValidBody(c, resetPasswordRequest);
    const user = await existingUser(db, c.req.param('id'));
    const passwordHash = await hashPassword(password, resolved.scryptN);
    await db.transaction(async (tx) => {
      await tx.query(
        `UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL,
           updated_at = $3::timestamptz WHERE id = $1`,
        [user.id, passwordHash, resolved.now().toISOString()],
      );
      await revokeUserSessions(tx, user.id, resolved.now());
      await resetAccountFailures(tx, user.email);
    });
    return c.body(null, 204);
  });

  app.post('/:id/revoke-sessions', async (c) => {
    requireAdmin(c);
    const user = await existingUser(db, c.req.param('id'));
    await revokeUserSessions(db, user.id, resolved.now());
    return c.body(null, 204);
  });

  return app;
}
