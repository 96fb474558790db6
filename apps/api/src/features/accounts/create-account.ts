import { insertUser } from '@hatang/accounts';
import type { Role } from '@hatang/contracts';
import { type Database, orm } from '@hatang/db';
import { organisations, users } from '@hatang/db/schema';
import { eq, sql } from 'drizzle-orm';

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
    const q = orm(tx);
    if (options.onlyIfNoUsers) {
      // Two first-admin requests at once on a server database: the second waits, then sees the first.
      if (db.kind === 'postgres') await q.execute(sql`LOCK TABLE ${users} IN SHARE ROW EXCLUSIVE MODE`);
      const any = await q.select({ id: users.id }).from(users).limit(1);
      if (any.length) throw new AccountRefused('There are user accounts already', 'users_exist');
    }
    const taken = await q
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, account.email.toLowerCase()));
    if (taken.length) throw new AccountRefused(`A user ${account.email} already exists`, 'email_taken');
    const [org] = await q
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.code, account.orgCode));
    let orgId = org?.id;
    const orgCreated = !orgId;
    if (!orgId) {
      orgId = crypto.randomUUID();
      await q.insert(organisations).values({
        id: orgId,
        code: account.orgCode,
        name: account.orgName ?? account.orgCode,
        kind: 'city_department',
      });
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
