/**
 * User administration for admins (`/api/v1/users`): list, create, update (roles, name,
 * disable), reset a password, end a user's sessions. Password hashes never leave the database.
 */
import { hashPassword, insertUser } from '@hatang/accounts';
import { accountEndpoints as endpoints, type Issue } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import { ApiError, notFound, validationFailed } from '../../errors.js';
import { defineRoute, reply } from '../../http/define-route.js';
import { ADMINS } from '../../policy/rules.js';
import { requireAdmin } from './authenticate.js';
import { resetAccountFailures } from './login-throttle.js';
import { revokeUserSessions } from './session-repository.js';
import {
  emailTaken,
  findUserById,
  listUsers,
  organisationExists,
  setPasswordHash,
  toUserRecord,
  type UserRow,
  updateUserFields,
} from './user-repository.js';

async function existingUser(db: Sql, id: string): Promise<UserRow> {
  const user = await findUserById(db, id);
  if (!user) throw notFound('User');
  return user;
}

export const userRoutes = [
  defineRoute(endpoints.listUsers, { resource: 'users', action: 'read', rule: ADMINS }, async (c) => {
    requireAdmin(c);
    const rows = await listUsers(c.var.services.db);
    return reply(c, endpoints.listUsers, 200, { items: rows.map(toUserRecord) });
  }),
  defineRoute(
    endpoints.createUser,
    { resource: 'users', action: 'create', rule: ADMINS },
    async (c, { body }) => {
      requireAdmin(c);
      const { db, auth } = c.var.services;
      const issues: Issue[] = [];
      if (!(await organisationExists(db, body.orgId)))
        issues.push({ path: ['orgId'], message: `unknown organisation ${body.orgId}` });
      if (issues.length) throw validationFailed(issues);
      if (await emailTaken(db, body.email)) {
        throw new ApiError(409, 'CONFLICT', 'A user with this e-mail address already exists', [
          { path: ['email'], message: 'already in use' },
        ]);
      }
      const passwordHash = await hashPassword(body.password, auth.scryptN);
      const id = await insertUser(db, { ...body, passwordHash });
      c.header('Location', `/api/v1/users/${id}`);
      return reply(c, endpoints.createUser, 201, toUserRecord(await existingUser(db, id)));
    },
  ),
  defineRoute(
    endpoints.updateUser,
    { resource: 'users', action: 'update', rule: ADMINS },
    async (c, { params, body }) => {
      const admin = requireAdmin(c);
      const { db, auth } = c.var.services;
      const user = await existingUser(db, params.id);
      // An admin cannot lock themselves out; another admin has to do it.
      if (user.id === admin.userId) {
        const issues: Issue[] = [];
        if (body.isDisabled) issues.push({ path: ['isDisabled'], message: 'you cannot disable yourself' });
        if (body.roles && !body.roles.includes('admin'))
          issues.push({ path: ['roles'], message: 'you cannot remove your own admin role' });
        if (issues.length) throw validationFailed(issues);
      }
      await db.transaction(async (tx) => {
        await updateUserFields(tx, user.id, body, auth.now());
        // A disabled user's API keys stop working too: authentication checks is_disabled.
        if (body.isDisabled) await revokeUserSessions(tx, user.id, auth.now());
      });
      return reply(c, endpoints.updateUser, 200, toUserRecord(await existingUser(db, user.id)));
    },
  ),
  defineRoute(
    endpoints.resetPassword,
    { resource: 'users', action: 'update', rule: ADMINS },
    async (c, { params, body }) => {
      requireAdmin(c);
      const { db, auth } = c.var.services;
      const user = await existingUser(db, params.id);
      const passwordHash = await hashPassword(body.password, auth.scryptN);
      await db.transaction(async (tx) => {
        await setPasswordHash(tx, user.id, passwordHash, auth.now());
        await revokeUserSessions(tx, user.id, auth.now());
        await resetAccountFailures(tx, user.email);
      });
      return c.body(null, 204);
    },
  ),
  defineRoute(
    endpoints.revokeUserSessions,
    { resource: 'users', action: 'update', rule: ADMINS },
    async (c, { params }) => {
      requireAdmin(c);
      const { db, auth } = c.var.services;
      const user = await existingUser(db, params.id);
      await revokeUserSessions(db, user.id, auth.now());
      return c.body(null, 204);
    },
  ),
];
