/**
 * Writing a new user row: shared by the API (account routes, first admin, `user:create`) and the
 * demo seed, so neither has to reach into the other.
 */
import type { Role } from '@hatang/contracts';
import { type Sql, toPgTextArray } from '@hatang/db';

export interface NewUser {
  email: string;
  displayName: string;
  orgId: string;
  roles: readonly Role[];
  passwordHash: string;
}

/** Inserts a user (the caller hashes the password) and returns its id. */
export async function insertUser(sql: Sql, user: NewUser): Promise<string> {
  const id = crypto.randomUUID();
  await sql.query(
    `INSERT INTO users (id, email, display_name, org_id, roles, password_hash)
     VALUES ($1, $2, $3, $4, $5::text[], $6)`,
    [
      id,
      user.email.toLowerCase(),
      user.displayName,
      user.orgId,
      toPgTextArray(user.roles),
      user.passwordHash,
    ],
  );
  return id;
}
