import { insertUser } from '@hatang/accounts';
import type { Role } from '@hatang/contracts';
import type { Database } from '@hatang/db';

export interface NewAccount {
  email: string;
  displayName: string;
  /** The organisation's code; created (kind city_department) when no organisation has it. */
  orgCode: string;
  /** Name for a new organisation (default: its code). */
  orgName?: string | undefined;
  roles: readonly Role[];
  passwordHash: string;
}

/** A user account could not be created for a reason the caller can tell the person. */
export class AccountRefused extends Error {
  constructor(
    message: string,
    readonly reason: 'email_taken' | 'users_exist',
  ) {
    super(message);
    this.name = 'AccountRefused';
  }
}

/**
 * Creates a user in the organisation with `orgCode` (creating that organisation if needed), in
 * one transaction. With `onlyIfNoUsers` it refuses once any user exists (the first admin).
 * Returns the user's id and whether the organisation was created.
 */
export async function createAccount(
  db: Database,
  account: NewAccount,
  options: { onlyIfNoUsers?: boolean } = {},
): Promise<{ userId: string; orgCreated: boolean }> {
  return db.transaction(async (tx) => {
    if (options.onlyIfNoUsers) {
      // Two first-admin requests at once on a server database: the second waits, then sees the first.
      if (db.kind === 'postgres') await tx.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
      const any = await tx.query('SELECT 1 FROM users LIMIT 1');
      if (any.length) throw new AccountRefused('There are user accounts already', 'users_exist');
    }
    const taken = await tx.query('SELECT 1 FROM users WHERE email = $1', [account.email.toLowerCase()]);
    if (taken.length) throw new AccountRefused(`A user ${account.email} already exists`, 'email_taken');
    let orgId = (
      await tx.query<{ id: string }>('SELECT id FROM organisations WHERE code = $1', [account.orgCode])
    )[0]?.id;
    const orgCreated = !orgId;
    if (!orgId) {
      orgId = crypto.randomUUID();
      await tx.query(
        `INSERT INTO organisations (id, code, name, kind) VALUES ($1, $2, $3, 'city_department')`,
        [orgId, account.orgCode, account.orgName ?? account.orgCode],
      );
    }
    const userId = await insertUser(tx, {
      email: account.email,
      displayName: account.displayName,
      orgId,
      roles: account.roles,
      passwordHash: account.passwordHash,
    });
    return { userId, orgCreated };
  });
}
