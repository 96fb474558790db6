/** Plan 317's task register and obstacles (migrations/0021). The SQL migrations define the schema; this describes it (schema-drift.test.ts). */

import { PLAN_AGENCIES } from '@hatang/contracts';
import { sql } from 'drizzle-orm';
import { boolean, foreignKey, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { calendarDate, geometryPoint, timestamptz } from './columns.js';
import { organisations } from './context.js';

export const planTasks = pgTable(
  'plan_tasks',
  {
    id: uuid().primaryKey().notNull(),
    code: text().notNull(),
    section: text().notNull(),
    leadAgency: text('lead_agency', { enum: PLAN_AGENCIES }).notNull(),
    supportingAgencies: text('supporting_agencies', { enum: PLAN_AGENCIES })
      .array()
      .default(sql`'{}'`)
      .notNull(),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en').notNull(),
    body: text().notNull(),
    indicator: text(),
    cadence: text({ enum: ['once', 'ongoing'] }).notNull(),
    dueDate: calendarDate('due_date').notNull(),
    dueIsAssumption: boolean('due_is_assumption').notNull(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    // migrations/0026: the due date as the Department set it (NULL: the seeded assumption stands).
    dueSetBy: uuid('due_set_by'),
    dueSetByOrgId: uuid('due_set_by_org_id'),
    dueSetAt: timestamptz('due_set_at'),
    dueNote: text('due_note'),
    version: integer().default(1).notNull(),
  },
  (table) => [
    unique('plan_tasks_code_key').on(table.code),
    foreignKey({
      columns: [table.dueSetBy],
      foreignColumns: [users.id],
      name: 'plan_tasks_due_set_by_fkey',
    }).onDelete('set null'),
    foreignKey({
      columns: [table.dueSetByOrgId],
      foreignColumns: [organisations.id],
      name: 'plan_tasks_due_set_by_org_id_fkey',
    }),
  ],
);

export const planTaskReports = pgTable(
  'plan_task_reports',
  {
    id: uuid().primaryKey().notNull(),
    taskId: uuid('task_id').notNull(),
    orgId: uuid('org_id').notNull(),
    reportedBy: uuid('reported_by'),
    status: text({ enum: ['not_started', 'in_progress', 'done', 'blocked'] }).notNull(),
    progressPct: integer('progress_pct').notNull(),
    note: text().notNull(),
    evidence: jsonb().default(sql`'[]'`).notNull(),
    reportedAt: timestamptz('reported_at').default(sql`now()`).notNull(),
  },
  (table) => [
    foreignKey({
      columns: [table.taskId],
      foreignColumns: [planTasks.id],
      name: 'plan_task_reports_task_id_fkey',
    }).onDelete('cascade'),
    foreignKey({
      columns: [table.orgId],
      foreignColumns: [organisations.id],
      name: 'plan_task_reports_org_id_fkey',
    }),
    foreignKey({
      columns: [table.reportedBy],
      foreignColumns: [users.id],
      name: 'plan_task_reports_reported_by_fkey',
    }).onDelete('set null'),
  ],
);

export const obstacles = pgTable(
  'obstacles',
  {
    id: uuid().primaryKey().notNull(),
    taskId: uuid('task_id'),
    geom: geometryPoint(),
    addressedTo: text('addressed_to', { enum: PLAN_AGENCIES }).notNull(),
    title: text().notNull(),
    body: text().notNull(),
    status: text({ enum: ['open', 'answered', 'resolved'] })
      .default('open')
      .notNull(),
    raisedByOrgId: uuid('raised_by_org_id').notNull(),
    raisedBy: uuid('raised_by'),
    raisedAt: timestamptz('raised_at').default(sql`now()`).notNull(),
    firstAnsweredAt: timestamptz('first_answered_at'),
    resolvedAt: timestamptz('resolved_at'),
    version: integer().default(1).notNull(),
  },
  (table) => [
    foreignKey({
      columns: [table.taskId],
      foreignColumns: [planTasks.id],
      name: 'obstacles_task_id_fkey',
    }).onDelete('set null'),
    foreignKey({
      columns: [table.raisedByOrgId],
      foreignColumns: [organisations.id],
      name: 'obstacles_raised_by_org_id_fkey',
    }),
    foreignKey({
      columns: [table.raisedBy],
      foreignColumns: [users.id],
      name: 'obstacles_raised_by_fkey',
    }).onDelete('set null'),
  ],
);

export const obstacleAnswers = pgTable(
  'obstacle_answers',
  {
    id: uuid().primaryKey().notNull(),
    obstacleId: uuid('obstacle_id').notNull(),
    orgId: uuid('org_id').notNull(),
    answeredBy: uuid('answered_by'),
    body: text().notNull(),
    answeredAt: timestamptz('answered_at').default(sql`now()`).notNull(),
  },
  (table) => [
    foreignKey({
      columns: [table.obstacleId],
      foreignColumns: [obstacles.id],
      name: 'obstacle_answers_obstacle_id_fkey',
    }).onDelete('cascade'),
    foreignKey({
      columns: [table.orgId],
      foreignColumns: [organisations.id],
      name: 'obstacle_answers_org_id_fkey',
    }),
    foreignKey({
      columns: [table.answeredBy],
      foreignColumns: [users.id],
      name: 'obstacle_answers_answered_by_fkey',
    }).onDelete('set null'),
  ],
);
