/** Operators' fibre-to-the-home reports per commune (migrations/0024). The SQL migrations define the schema; this describes it (schema-drift.test.ts). */

import { sql } from 'drizzle-orm';
import { foreignKey, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { calendarDate, timestamptz } from './columns.js';
import { adminUnits, organisations } from './context.js';

export const ftthReports = pgTable(
  'ftth_reports',
  {
    id: uuid().primaryKey().notNull(),
    orgId: uuid('org_id').notNull(),
    adminUnitCode: text('admin_unit_code').notNull(),
    asOf: calendarDate('as_of').notNull(),
    /** Homes the operator's FTTH network passes. */
    homesPassed: integer('homes_passed').notNull(),
    /** Of those, homes where 1 Gbps or more is available. */
    homes1Gbps: integer('homes_1gbps').notNull(),
    /** Active FTTH subscriptions (optional). */
    subscriptions: integer(),
    createdBy: uuid('created_by'),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
    version: integer().default(1).notNull(),
  },
  (table) => [
    unique('ftth_reports_org_id_admin_unit_code_as_of_key').on(table.orgId, table.adminUnitCode, table.asOf),
    foreignKey({
      columns: [table.orgId],
      foreignColumns: [organisations.id],
      name: 'ftth_reports_org_id_fkey',
    }),
    foreignKey({
      columns: [table.adminUnitCode],
      foreignColumns: [adminUnits.code],
      name: 'ftth_reports_admin_unit_code_fkey',
    }),
    foreignKey({
      columns: [table.createdBy],
      foreignColumns: [users.id],
      name: 'ftth_reports_created_by_fkey',
    }).onDelete('set null'),
  ],
);
