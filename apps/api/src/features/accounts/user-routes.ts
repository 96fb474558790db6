/**
 * User administration for admins (`/api/v1/users`): list, create, update (roles, name,
 * organisation, disable), reset a password, end a user's sessions. Every write is one transaction
 * with its audit entry (resource `users`: the public record, never a password or its hash).
 * A user's commune is their organisation's: an inspector must belong to a commune office with
 * its commune (contracts/src/admin.ts).
 */
import { hashPassword, insertUser } from '@hatang/accounts';
import { accountEndpoints as endpoints, type Issue, type Role, type UserRecord } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import type { Context } from 'hono';
import { nextAuditVersion, recordAudit } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { ApiError, notFound, validationFailed } from '../../errors.js';
import { defineRoute, reply } from '../../http/define-route.js';
import { ADMINS } from '../../policy/rules.js';
import { requireAdmin } from './authenticate.js';
import { resetAccountFailures } from './login-throttle.js';
import { revokeUserSessions } from './session-repository.js';
import {
  emailTaken,
  findOrganisationScope,
  findUserById,
  listUsers,
  rolesOf,
  setPasswordHash,
  toUserRecord,
  type UserRow,
  updateUserFields,
} from './user-repository.js';

const USERS = 'users';

async function existingUser(db: Sql, id: string): Promise<UserRow> {
  const user = await findUserById(db, id);
  if (!user) throw notFound('User');
  return user;
}

/** What the audit log keeps of a user: the public record without sign-in state. */
const snapshot = (user: UserRecord, extra: Record<string, unknown> = {}) => ({
  id: user.id,
  email: user.email,
  displayName: user.displayName,
  orgId: user.orgId,
  adminUnitCode: user.adminUnitCode,
  roles: user.roles,
  isDisabled: user.isDisabled,
  ...extra,
});

/** The organisation must exist, and an inspector's must be a commune office with its commune. */
async function membershipIssues(db: Sql, orgId: string, roles: readonly Role[]): Promise<Issue[]> {
  const org = await findOrganisationScope(db, orgId);
  if (!org) return [{ path: ['orgId'], message: `unknown organisation ${orgId}` }];
  if (roles.includes('inspector') && (org.kind !== 'commune' || org.adminUnitCode === null))
    return [
      {
        path: ['orgId'],
        message: 'an inspector must belong to a commune office that has its commune (their commune is its)',
      },
    ];
  return [];
}

/** Audits an update of `before` (in `tx`), with the user as stored after it. */
async function auditUserUpdate(
  tx: Sql,
  c: Context<AppEnv>,
  before: UserRow,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const after = await existingUser(tx, before.id);
  await recordAudit(tx, c, {
    resource: USERS,
    recordId: before.id,
    action: 'update',
    version: await nextAuditVersion(tx, USERS, before.id),
    before: snapshot(toUserRecord(before)),
    after: snapshot(toUserRecord(after), extra),
  });
}

export const userRoutes = [
  defineRoute(endpoints.listUsers, { resource: USERS, action: 'read', rule: ADMINS }, async (c) => {
    requireAdmin(c);
    const rows = await listUsers(c.var.services.db);
    return reply(c, endpoints.listUsers, 200, { items: rows.map(toUserRecord) });
  }),
  defineRoute(
    endpoints.createUser,
    { resource: USERS, action: 'create', rule: ADMINS },
    async (c, { body }) => {
      requireAdmin(c);
      const { db, auth } = c.var.services;
      const issues = await membershipIssues(db, body.orgId, body.roles);
      if (issues.length) throw validationFailed(issues);
      if (await emailTaken(db, body.email)) {
        throw new ApiError(409, 'CONFLICT', 'A user with this e-mail address already exists', [
          { path: ['email'], message: 'already in use' },
        ]);
      }
      const passwordHash = await hashPassword(body.password, auth.scryptN);
      const created = await db.transaction(async (tx) => {
        const id = await insertUser(tx, { ...body, passwordHash });
        const record = toUserRecord(await existingUser(tx, id));
        await recordAudit(tx, c, {
          resource: USERS,
          recordId: id,
          action: 'create',
          version: 1,
          before: null,
          after: snapshot(record),
        });
        return record;
      });
      c.header('Location', `/api/v1/users/${created.id}`);
      return reply(c, endpoints.createUser, 201, created);
    },
  ),
  defineRoute(
    endpoints.updateUser,
    { resource: USERS, action: 'update', rule: ADMINS },
    async (c, { params, body }) => {
      const admin = requireAdmin(c);
      const { db, auth } = c.var.services;
      const user = await existingUser(db, params.id);
      const issues: Issue[] = [];
      // An admin cannot lock themselves out; another admin has to do it.
      if (user.id === admin.userId) {
        if (body.isDisabled) issues.push({ path: ['isDisabled'], message: 'you cannot disable yourself' });
        if (body.roles && !body.roles.includes('admin'))
          issues.push({ path: ['roles'], message: 'you cannot remove your own admin role' });
      }
      if (body.orgId !== undefined || body.roles !== undefined)
        issues.push(
          ...(await membershipIssues(db, body.orgId ?? user.orgId, body.roles ?? rolesOf(user.roles))),
        );
      if (issues.length) throw validationFailed(issues);
      await db.transaction(async (tx) => {
        await updateUserFields(tx, user.id, body, auth.now());
        // A disabled user's API keys stop working too: authentication checks is_disabled.
        if (body.isDisabled) await revokeUserSessions(tx, user.id, auth.now());
        await auditUserUpdate(tx, c, user);
      });
      return reply(c, endpoints.updateUser, 200, toUserRecord(await existingUser(db, user.id)));
    },
  ),
  defineRoute(
    endpoints.resetPassword,
    { resource: USERS, action: 'update', rule: ADMINS },
    async (c, { params, body }) => {
      requireAdmin(c);
      const { db, auth } = c.var.services;
      const user = await existingUser(db, params.id);
      const passwordHash = await hashPassword(body.password, auth.scryptN);
      await db.transaction(async (tx) => {
        await setPasswordHash(tx, user.id, passwordHash, auth.now());
        await revokeUserSessions(tx, user.id, auth.now());
        await resetAccountFailures(tx, user.email);
        // That the password changed, never what it is.
        await auditUserUpdate(tx, c, user, { passwordReset: true });
      });
      return c.body(null, 204);
    },
  ),
  defineRoute(
    endpoints.revokeUserSessions,
    { resource: USERS, action: 'update', rule: ADMINS },
    async (c, { params }) => {
      requireAdmin(c);
      const { db, auth } = c.var.services;
      const user = await existingUser(db, params.id);
      await db.transaction(async (tx) => {
        await revokeUserSessions(tx, user.id, auth.now());
        await auditUserUpdate(tx, c, user, { sessionsRevoked: true });
      });
      return c.body(null, 204);
    },
  ),
];
