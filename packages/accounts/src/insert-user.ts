/**
 * Writing a new user row: shared by the API (account routes, first admin, `user:create`) and the
 * demo seed, so neither has to reach into the other.
 */
import type { Role } from '@hatang/contracts';
import { orm, type Sql } from '@hatang/db';
import { users } from '@hatang/db/schema';

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
  await orm(sql)
    .insert(users)
    .values({
      id,
      email: user.email.toLowerCase(),
      displayName: user.displayName,
      orgId: user.orgId,
      roles: [...user.roles],
      passwordHash: user.passwordHash,
    });
  return id;
}
