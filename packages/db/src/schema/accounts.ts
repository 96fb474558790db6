/** People and how they sign in: users, sessions, API keys, login throttling (migrations/0002). The SQL migrations define the schema; this describes it (schema-drift.test.ts). */

import { sql } from 'drizzle-orm';
import { boolean, foreignKey, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';
import { organisations } from './context.js';

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().notNull(),
    email: text().notNull(),
    displayName: text('display_name').notNull(),
    orgId: uuid('org_id').notNull(),
    roles: text().array().notNull(),
    passwordHash: text('password_hash').notNull(),
    isDisabled: boolean('is_disabled').default(false).notNull(),
    failedLogins: integer('failed_logins').default(0).notNull(),
    lockedUntil: timestamptz('locked_until'),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
  },
  (table) => [
    foreignKey({
      columns: [table.orgId],
      foreignColumns: [organisations.id],
      name: 'users_org_id_fkey',
    }),
    unique('users_email_key').on(table.email),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid().primaryKey().notNull(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    lastSeenAt: timestamptz('last_seen_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    revokedAt: timestamptz('revoked_at'),
    ip: text(),
    userAgent: text('user_agent'),
  },
  (table) => [
    foreignKey({
      columns: [table.userId],
      foreignColumns: [users.id],
      name: 'sessions_user_id_fkey',
    }).onDelete('cascade'),
    unique('sessions_token_hash_key').on(table.tokenHash),
  ],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid().primaryKey().notNull(),
    userId: uuid('user_id').notNull(),
    name: text().notNull(),
    prefix: text().notNull(),
    keyHash: text('key_hash').notNull(),
    scopes: text().array().notNull(),
    createdAt: timestamptz('created_at').notNull(),
    lastUsedAt: timestamptz('last_used_at'),
    expiresAt: timestamptz('expires_at'),
    revokedAt: timestamptz('revoked_at'),
  },
  (table) => [
    foreignKey({
      columns: [table.userId],
      foreignColumns: [users.id],
      name: 'api_keys_user_id_fkey',
    }).onDelete('cascade'),
    unique('api_keys_key_hash_key').on(table.keyHash),
  ],
);

export const loginThrottle = pgTable('login_throttle', {
  key: text().primaryKey().notNull(),
  failures: integer().default(0).notNull(),
  windowStartedAt: timestamptz('window_started_at').notNull(),
  lockedUntil: timestamptz('locked_until'),
});
