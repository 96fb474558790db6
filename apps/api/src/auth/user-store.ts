/** SQL for reading users with their organisation; new users are inserted by @hatang/accounts. */
import type { Role, SessionUser, UserRecord } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import type { Principal } from './principal.js';

/** A timestamptz column as ISO 8601 in UTC, the same on PGlite and PostgreSQL. */
export const isoSql = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A user with their organisation; `password_hash` is selected only where a password is checked. */
export interface UserRow {
  id: string;
  email: string;
  display_name: string;
  org_id: string;
  org_name: string;
  org_kind: string;
  admin_unit_code: string | null;
  roles: Role[];
  is_disabled: boolean;
  locked_until: string | null;
  created_at: string;
}

export const USER_COLUMNS = `u.id, u.email, u.display_name, u.org_id, o.name AS org_name, o.kind AS org_kind,
  o.admin_unit_code, u.roles, u.is_disabled, ${isoSql('u.locked_until')} AS locked_until,
  ${isoSql('u.created_at')} AS created_at`;
export const USER_FROM = 'users u JOIN organisations o ON o.id = u.org_id';

export function toSessionUser(row: UserRow): SessionUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    orgId: row.org_id,
    orgName: row.org_name,
    orgKind: row.org_kind,
    adminUnitCode: row.admin_unit_code,
    roles: row.roles,
  };
}

export function toUserRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    orgId: row.org_id,
    roles: row.roles,
    isDisabled: row.is_disabled,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
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
    displayName: row.display_name,
    orgId: row.org_id,
    orgKind: row.org_kind,
    adminUnitCode: row.admin_unit_code,
    roles: row.roles,
    via,
    scopes,
    credentialId,
  };
}

export async function findUserById(sql: Sql, id: string): Promise<UserRow | undefined> {
  const rows = await sql.query<UserRow>(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.id = $1`, [id]);
  return rows[0];
}

// Inserting a user is shared with the demo seed: it lives in @hatang/accounts.
export { insertUser, type NewUser } from '@hatang/accounts';

/** Ends every open session of a user (password reset, disabling, "sign out everywhere"). */
export async function revokeUserSessions(sql: Sql, userId: string, now: Date): Promise<void> {
  await sql.query(
    'UPDATE sessions SET revoked_at = $2::timestamptz WHERE user_id = $1 AND revoked_at IS NULL',
    [userId, now.toISOString()],
  );
}
