/** API keys: only the SHA-256 of a key is stored, with the first characters to recognise it. */
import type { ApiKeyRecord } from '@hatang/contracts';
import { orm, type Sql } from '@hatang/db';
import { apiKeys, organisations, users } from '@hatang/db/schema';
import { and, asc, desc, eq, gt, isNull, not, or } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import { sha256 } from '../../auth/tokens.js';
import { toPrincipal, userFields } from './user-repository.js';

type Scope = ApiKeyRecord['scopes'][number];
const isScope = (value: string): value is Scope => value === 'read' || value === 'write';

const keyFields = {
  id: apiKeys.id,
  name: apiKeys.name,
  userId: apiKeys.userId,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
};

const toRecord = <R extends { scopes: string[] }>(row: R) => ({ ...row, scopes: row.scopes.filter(isScope) });

/** Every key (`userId` undefined) or one user's, newest first. */
export async function listApiKeys(db: Sql, userId: string | undefined): Promise<ApiKeyRecord[]> {
  const rows = await orm(db)
    .select(keyFields)
    .from(apiKeys)
    .where(userId === undefined ? undefined : eq(apiKeys.userId, userId))
    .orderBy(desc(apiKeys.createdAt), asc(apiKeys.id));
  return rows.map(toRecord);
}

export interface NewApiKey {
  userId: string;
  name: string;
  /** The secret: stored as its SHA-256 and its first 10 characters. */
  key: string;
  scopes: Scope[];
  expiresAt: string | null;
}

export async function insertApiKey(db: Sql, key: NewApiKey, now: Date): Promise<ApiKeyRecord> {
  const [row] = await orm(db)
    .insert(apiKeys)
    .values({
      id: crypto.randomUUID(),
      userId: key.userId,
      name: key.name,
      prefix: key.key.slice(0, 10),
      keyHash: sha256(key.key),
      scopes: [...new Set(key.scopes)],
      createdAt: now.toISOString(),
      expiresAt: key.expiresAt,
    })
    .returning(keyFields);
  if (!row) throw new Error('INSERT … RETURNING gave no row');
  return toRecord(row);
}

/** The user a key belongs to, or undefined when there is no such key. */
export async function apiKeyOwner(db: Sql, id: string): Promise<string | undefined> {
  const [row] = await orm(db).select({ userId: apiKeys.userId }).from(apiKeys).where(eq(apiKeys.id, id));
  return row?.userId;
}

export async function revokeApiKey(db: Sql, id: string, now: Date): Promise<void> {
  await orm(db)
    .update(apiKeys)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
}

/**
 * The principal of a live key (not revoked, not expired, its user enabled), recording its use;
 * undefined for any other key.
 */
export async function principalOfApiKey(db: Sql, key: string, now: Date): Promise<Principal | undefined> {
  const [row] = await orm(db)
    .select({ ...userFields, keyId: apiKeys.id, scopes: apiKeys.scopes })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(
      and(
        eq(apiKeys.keyHash, sha256(key)),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now.toISOString())),
        not(users.isDisabled),
      ),
    );
  if (!row) return undefined;
  await orm(db).update(apiKeys).set({ lastUsedAt: now.toISOString() }).where(eq(apiKeys.id, row.keyId));
  return toPrincipal(row, 'api_key', row.keyId, row.scopes.filter(isScope));
}
