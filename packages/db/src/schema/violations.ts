/** Recorded violations (migrations/0014; client_id 0029). The SQL migrations define the schema; this describes it (schema-drift.test.ts). */

import { sql } from 'drizzle-orm';
import { foreignKey, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { geometryGeometry, timestamptz } from './columns.js';
import { adminUnits, organisations } from './context.js';
import { permitApplications } from './permits.js';

export const violations = pgTable(
  'violations',
  {
    id: uuid().primaryKey().notNull(),
    kind: text().notNull(),
    status: text().default('reported').notNull(),
    description: text().notNull(),
    geom: geometryGeometry().notNull(),
    adminUnitCode: text('admin_unit_code'),
    assetResource: text('asset_resource'),
    assetId: uuid('asset_id'),
    permitApplicationId: uuid('permit_application_id'),
    responsibleOrgId: uuid('responsible_org_id'),
    statusNote: text('status_note'),
    reportedBy: uuid('reported_by'),
    reportedOrgId: uuid('reported_org_id'),
    notifiedAt: timestamptz('notified_at'),
    resolvedAt: timestamptz('resolved_at'),
    escalatedAt: timestamptz('escalated_at'),
    version: integer().default(1).notNull(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
    /** The id the inspector's phone gave the report (offline queue); unique per recording organisation. */
    clientId: uuid('client_id'),
  },
  (table) => [
    unique('violations_reported_org_id_client_id_key').on(table.reportedOrgId, table.clientId),
    foreignKey({
      columns: [table.adminUnitCode],
      foreignColumns: [adminUnits.code],
      name: 'violations_admin_unit_code_fkey',
    }).onUpdate('cascade'),
    foreignKey({
      columns: [table.permitApplicationId],
      foreignColumns: [permitApplications.id],
      name: 'violations_permit_application_id_fkey',
    }).onDelete('set null'),
    foreignKey({
      columns: [table.responsibleOrgId],
      foreignColumns: [organisations.id],
      name: 'violations_responsible_org_id_fkey',
    }),
    foreignKey({
      columns: [table.reportedBy],
      foreignColumns: [users.id],
      name: 'violations_reported_by_fkey',
    }),
    foreignKey({
      columns: [table.reportedOrgId],
      foreignColumns: [organisations.id],
      name: 'violations_reported_org_id_fkey',
    }),
  ],
);
