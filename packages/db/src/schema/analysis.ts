/** Coverage polygons and analysis jobs (migrations/0004, 0020). The SQL migrations define the schema; this describes it (schema-drift.test.ts). */

import { sql } from 'drizzle-orm';
import { foreignKey, jsonb, pgTable, real, text, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { geometryMultiPolygon, timestamptz } from './columns.js';
import { organisations } from './context.js';

export const coveragePolygons = pgTable(
  'coverage_polygons',
  {
    id: uuid().primaryKey().notNull(),
    operatorOrgId: uuid('operator_org_id').notNull(),
    technology: text({ enum: ['2G', '3G', '4G', '5G-sub6', '5G-mmWave'] }).notNull(),
    source: text(),
    geom: geometryMultiPolygon().notNull(),
    uploadedAt: timestamptz('uploaded_at').default(sql`now()`).notNull(),
    uploadedBy: text('uploaded_by'),
  },
  (table) => [
    foreignKey({
      columns: [table.operatorOrgId],
      foreignColumns: [organisations.id],
      name: 'coverage_polygons_operator_org_id_fkey',
    }).onDelete('cascade'),
    unique('coverage_polygons_operator_org_id_technology_key').on(table.operatorOrgId, table.technology),
  ],
);

/** What heavy work a job does (migration 0020's check). */
export const JOB_KINDS = ['coverage'] as const;
/** Where a job is (migration 0020's check). */
export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;

export const jobs = pgTable(
  'jobs',
  {
    id: uuid().primaryKey().notNull(),
    kind: text({ enum: JOB_KINDS }).notNull(),
    ownerUserId: uuid('owner_user_id').notNull(),
    request: jsonb().notNull(),
    requestKey: text('request_key').notNull(),
    status: text({ enum: JOB_STATES }).default('queued').notNull(),
    progress: real().default(0).notNull(),
    step: text().default('queued').notNull(),
    result: jsonb(),
    error: text(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    startedAt: timestamptz('started_at'),
    finishedAt: timestamptz('finished_at'),
    heartbeatAt: timestamptz('heartbeat_at').default(sql`now()`).notNull(),
    polledAt: timestamptz('polled_at').default(sql`now()`).notNull(),
  },
  (table) => [
    foreignKey({
      columns: [table.ownerUserId],
      foreignColumns: [users.id],
      name: 'jobs_owner_user_id_fkey',
    }).onDelete('cascade'),
  ],
);
