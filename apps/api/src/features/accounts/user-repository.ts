/** Users with their organisation; new users are inserted by @hatang/accounts (shared with the demo seed). */
import { ROLES, type Role, type SessionUser, type UserRecord } from '@hatang/contracts';
import { orm, type RowOf, type Sql } from '@hatang/db';
import { organisations, users } from '@hatang/db/schema';
import { asc, eq, sql } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';

/** A user with their organisation; the password hash is selected only where a password is checked. */
export const userFields = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  orgId: users.orgId,
  orgName: organisations.name,
  orgKind: organisations.kind,
  adminUnitCode: organisations.adminUnitCode,
  roles: users.roles,
  isDisabled: users.isDisabled,
  lockedUntil: users.lockedUntil,
  createdAt: users.createdAt,
};
export type UserRow = RowOf<typeof userFields>;

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
/** The roles column holds only roles (the API writes them); anything else is dropped. */
export const rolesOf = (roles: readonly string[]): Role[] => roles.filter(isRole);

/** Users joined to their organisation. */
const selectUsers = (db: Sql) =>
  orm(db).select(userFields).from(users).innerJoin(organisations, eq(organisations.id, users.orgId));

export function toSessionUser(row: UserRow): SessionUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    orgId: row.orgId,
    orgName: row.orgName,
    orgKind: row.orgKind,
    adminUnitCode: row.adminUnitCode,
    roles: rolesOf(row.roles),
  };
}

export function toUserRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    orgId: row.orgId,
    adminUnitCode: row.adminUnitCode,
    roles: rolesOf(row.roles),
    isDisabled: row.isDisabled,
    lockedUntil: row.lockedUntil,
    createdAt: row.createdAt,
  };
}

export function toPrincipal(
  row: UserRow,
  via: Principal['via'],
  credentialId: string,
  scopes: Principal['scopes'] = ['read', 'write'],
): Principal {
  return {
    userId: row.id,
    displayName: row.displayName,
    orgId: row.orgId,
    orgKind: row.orgKind,
    adminUnitCode: row.adminUnitCode,
    roles: rolesOf(row.roles),
    via,
    scopes,
    credentialId,
  };
}

export async function findUserById(db: Sql, id: string): Promise<UserRow | undefined> {
  const [row] = await selectUsers(db).where(eq(users.id, id));
  return row;
}

/** The user with this (lower-case) e-mail address and their password hash, for signing in. */
export async function findUserForLogin(db: Sql, email: string) {
  const [row] = await orm(db)
    .select({ ...userFields, passwordHash: users.passwordHash })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(users.email, email));
  return row;
}

export const listUsers = (db: Sql) => selectUsers(db).orderBy(asc(users.email));

export async function organisationExists(db: Sql, id: string): Promise<boolean> {
  return (await findOrganisationScope(db, id)) !== undefined;
}

/** An organisation's kind and commune (what a user's roles are checked against), if it exists. */
export async function findOrganisationScope(db: Sql, id: string) {
  const [row] = await orm(db)
    .select({ id: organisations.id, kind: organisations.kind, adminUnitCode: organisations.adminUnitCode })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row;
}

export async function emailTaken(db: Sql, email: string): Promise<boolean> {
  const rows = await orm(db).select({ id: users.id }).from(users).where(eq(users.email, email));
  return rows.length > 0;
}

/** Admins see the count of failed sign-ins; nothing locks the account itself. */
export async function countFailedLogin(db: Sql, id: string): Promise<void> {
  await orm(db)
    .update(users)
    .set({ failedLogins: sql`${users.failedLogins} + 1` })
    .where(eq(users.id, id));
}

export async function clearFailedLogins(db: Sql, id: string): Promise<void> {
  await orm(db).update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, id));
}

/** Changes the given fields (undefined ones stay as they are). */
export async function updateUserFields(
  db: Sql,
  id: string,
  change: {
    displayName?: string | undefined;
    roles?: Role[] | undefined;
    isDisabled?: boolean | undefined;
    orgId?: string | undefined;
  },
  now: Date,
): Promise<void> {
  await orm(db)
    .update(users)
    .set({
      displayName: change.displayName,
      roles: change.roles,
      isDisabled: change.isDisabled,
      orgId: change.orgId,
      updatedAt: now.toISOString(),
    })
    .where(eq(users.id, id));
}

/** A new password hash; the failed sign-ins are forgotten with the old password. */
export async function setPasswordHash(db: Sql, id: string, passwordHash: string, now: Date): Promise<void> {
  await orm(db)
    .update(users)
    .set({ passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: now.toISOString() })
    .where(eq(users.id, id));
}
