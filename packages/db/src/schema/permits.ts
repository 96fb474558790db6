/** Permit applications, their review, check configuration and attachments (migrations/0011–0013, 0019, 0025). The SQL migrations define the schema; this describes it (schema-drift.test.ts). */

import { sql } from 'drizzle-orm';
import { foreignKey, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { bytea, geometryGeometry, timestamptz } from './columns.js';
import { adminUnits, organisations } from './context.js';
import { siteOffers } from './sites.js';

export const permitApplications = pgTable(
  'permit_applications',
  {
    id: uuid().primaryKey().notNull(),
    kind: text().notNull(),
    status: text().default('draft').notNull(),
    applicantOrgId: uuid('applicant_org_id').notNull(),
    adminUnitCode: text('admin_unit_code'),
    title: text().notNull(),
    details: jsonb().default({}).notNull(),
    justification: text(),
    siteOfferId: uuid('site_offer_id'),
    reviewNote: text('review_note'),
    conditions: jsonb().default([]).notNull(),
    checks: jsonb(),
    checkedAt: timestamptz('checked_at'),
    submittedAt: timestamptz('submitted_at'),
    decidedAt: timestamptz('decided_at'),
    decidedBy: uuid('decided_by'),
    geom: geometryGeometry().notNull(),
    version: integer().default(1).notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
    decisionNumber: text('decision_number'),
    decisionYear: integer('decision_year'),
    decisionSeq: integer('decision_seq'),
    assetResource: text('asset_resource'),
    assetId: uuid('asset_id'),
    assetIds: uuid('asset_ids').array().default(['']).notNull(),
    checkConfigVersion: integer('check_config_version'),
    staffChecks: jsonb('staff_checks'),
  },
  (table) => [
    foreignKey({
      columns: [table.applicantOrgId],
      foreignColumns: [organisations.id],
      name: 'permit_applications_applicant_org_id_fkey',
    }),
    foreignKey({
      columns: [table.adminUnitCode],
      foreignColumns: [adminUnits.code],
      name: 'permit_applications_admin_unit_code_fkey',
    }).onUpdate('cascade'),
    foreignKey({
      columns: [table.siteOfferId],
      foreignColumns: [siteOffers.id],
      name: 'permit_applications_site_offer_id_fkey',
    }).onDelete('set null'),
    foreignKey({
      columns: [table.decidedBy],
      foreignColumns: [users.id],
      name: 'permit_applications_decided_by_fkey',
    }),
    foreignKey({
      columns: [table.createdBy],
      foreignColumns: [users.id],
      name: 'permit_applications_created_by_fkey',
    }),
    unique('permit_applications_decision_number_key').on(table.decisionNumber),
    unique('permit_applications_decision_seq_unique').on(table.decisionYear, table.decisionSeq),
  ],
);

export const permitDecisionCounters = pgTable('permit_decision_counters', {
  year: integer().primaryKey().notNull(),
  last: integer().notNull(),
});

export const permitComments = pgTable(
  'permit_comments',
  {
    id: uuid().primaryKey().notNull(),
    applicationId: uuid('application_id').notNull(),
    authorUserId: uuid('author_user_id'),
    authorName: text('author_name'),
    authorOrgId: uuid('author_org_id'),
    text: text().notNull(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
  },
  (table) => [
    foreignKey({
      columns: [table.applicationId],
      foreignColumns: [permitApplications.id],
      name: 'permit_comments_application_id_fkey',
    }).onDelete('cascade'),
    foreignKey({
      columns: [table.authorUserId],
      foreignColumns: [users.id],
      name: 'permit_comments_author_user_id_fkey',
    }),
    foreignKey({
      columns: [table.authorOrgId],
      foreignColumns: [organisations.id],
      name: 'permit_comments_author_org_id_fkey',
    }),
  ],
);

export const permitCheckConfig = pgTable(
  'permit_check_config',
  {
    version: integer().primaryKey().notNull(),
    id: uuid().notNull(),
    params: jsonb().notNull(),
    note: text(),
    createdBy: uuid('created_by'),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
  },
  (table) => [
    foreignKey({
      columns: [table.createdBy],
      foreignColumns: [users.id],
      name: 'permit_check_config_created_by_fkey',
    }),
    unique('permit_check_config_id_key').on(table.id),
  ],
);

export const attachments = pgTable(
  'attachments',
  {
    id: uuid().primaryKey().notNull(),
    subjectKind: text('subject_kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    purpose: text().default('other').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text().notNull(),
    content: bytea('content').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
  },
  (table) => [
    foreignKey({
      columns: [table.createdBy],
      foreignColumns: [users.id],
      name: 'attachments_created_by_fkey',
    }),
  ],
);
