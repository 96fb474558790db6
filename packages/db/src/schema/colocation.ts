/** Co-location requests, occupancies, messages and notifications (migrations/0015). The SQL migrations define the schema; this describes it (schema-drift.test.ts). */

import { sql } from 'drizzle-orm';
import { bigint, boolean, foreignKey, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { tenancies } from './assets.js';
import { calendarDate, geometryPoint, timestamptz } from './columns.js';
import { organisations } from './context.js';

export const colocationRequests = pgTable(
  'colocation_requests',
  {
    id: uuid().primaryKey().notNull(),
    status: text().notNull(),
    requesterOrgId: uuid('requester_org_id').notNull(),
    ownerOrgId: uuid('owner_org_id').notNull(),
    assetKind: text('asset_kind').notNull(),
    assetIds: uuid('asset_ids').array().notNull(),
    assetCodes: text('asset_codes').array().notNull(),
    target: jsonb().notNull(),
    geom: geometryPoint(),
    justification: text().notNull(),
    desiredStartDate: calendarDate('desired_start_date').notNull(),
    source: text().notNull(),
    capacityCheck: jsonb('capacity_check').notNull(),
    submittedAt: timestamptz('submitted_at').notNull(),
    dueOn: calendarDate('due_on').notNull(),
    deadlineNotified: boolean('deadline_notified').default(false).notNull(),
    infoRequest: text('info_request'),
    answeredAt: timestamptz('answered_at'),
    answeredBy: uuid('answered_by'),
    answerNote: text('answer_note'),
    conditions: jsonb().default([]).notNull(),
    rejectReason: text('reject_reason'),
    rentVndPerYear: bigint('rent_vnd_per_year', { mode: 'number' }),
    tenancyId: uuid('tenancy_id'),
    version: integer().default(1).notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
  },
  (table) => [
    foreignKey({
      columns: [table.requesterOrgId],
      foreignColumns: [organisations.id],
      name: 'colocation_requests_requester_org_id_fkey',
    }),
    foreignKey({
      columns: [table.ownerOrgId],
      foreignColumns: [organisations.id],
      name: 'colocation_requests_owner_org_id_fkey',
    }),
    foreignKey({
      columns: [table.answeredBy],
      foreignColumns: [users.id],
      name: 'colocation_requests_answered_by_fkey',
    }),
    foreignKey({
      columns: [table.createdBy],
      foreignColumns: [users.id],
      name: 'colocation_requests_created_by_fkey',
    }),
  ],
);

export const colocationOccupancies = pgTable(
  'colocation_occupancies',
  {
    id: uuid().primaryKey().notNull(),
    requestId: uuid('request_id').notNull(),
    assetKind: text('asset_kind').notNull(),
    assetId: uuid('asset_id').notNull(),
    ownerOrgId: uuid('owner_org_id').notNull(),
    operatorOrgId: uuid('operator_org_id').notNull(),
    units: integer().notNull(),
    tenancyId: uuid('tenancy_id'),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
  },
  (table) => [
    foreignKey({
      columns: [table.requestId],
      foreignColumns: [colocationRequests.id],
      name: 'colocation_occupancies_request_id_fkey',
    }),
    foreignKey({
      columns: [table.ownerOrgId],
      foreignColumns: [organisations.id],
      name: 'colocation_occupancies_owner_org_id_fkey',
    }),
    foreignKey({
      columns: [table.operatorOrgId],
      foreignColumns: [organisations.id],
      name: 'colocation_occupancies_operator_org_id_fkey',
    }),
    foreignKey({
      columns: [table.tenancyId],
      foreignColumns: [tenancies.id],
      name: 'colocation_occupancies_tenancy_id_fkey',
    }).onDelete('set null'),
  ],
);

export const colocationMessages = pgTable(
  'colocation_messages',
  {
    id: uuid().primaryKey().notNull(),
    requestId: uuid('request_id').notNull(),
    authorId: uuid('author_id'),
    authorOrgId: uuid('author_org_id'),
    text: text().notNull(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
  },
  (table) => [
    foreignKey({
      columns: [table.requestId],
      foreignColumns: [colocationRequests.id],
      name: 'colocation_messages_request_id_fkey',
    }),
    foreignKey({
      columns: [table.authorId],
      foreignColumns: [users.id],
      name: 'colocation_messages_author_id_fkey',
    }),
    foreignKey({
      columns: [table.authorOrgId],
      foreignColumns: [organisations.id],
      name: 'colocation_messages_author_org_id_fkey',
    }),
  ],
);

export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey().notNull(),
    userId: uuid('user_id').notNull(),
    kind: text().notNull(),
    subjectKind: text('subject_kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    title: jsonb().notNull(),
    readAt: timestamptz('read_at'),
    createdAt: timestamptz('created_at').default(sql`clock_timestamp()`).notNull(),
  },
  (table) => [
    foreignKey({
      columns: [table.userId],
      foreignColumns: [users.id],
      name: 'notifications_user_id_fkey',
    }).onDelete('cascade'),
  ],
);
