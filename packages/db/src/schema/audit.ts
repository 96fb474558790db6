/** The audit log: every write, with its actor and before/after (migrations/0003, 0018). The SQL migrations define the schema; this describes it (schema-drift.test.ts). */

import { sql } from 'drizzle-orm';
import { bigint, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';

export const auditLog = pgTable('audit_log', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: timestamptz().default(sql`clock_timestamp()`).notNull(),
  actorUserId: uuid('actor_user_id'),
  actorName: text('actor_name'),
  actorOrgId: uuid('actor_org_id'),
  via: text(),
  requestId: text('request_id').notNull(),
  resource: text().notNull(),
  recordId: uuid('record_id').notNull(),
  action: text().notNull(),
  version: integer().notNull(),
  before: jsonb(),
  after: jsonb(),
  clientRequestId: text('client_request_id'),
});
