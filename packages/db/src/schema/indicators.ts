/** Digital infrastructure indicator catalogues and values (migrations/0008). The SQL migrations define the schema; this describes it (schema-drift.test.ts). */

import { sql } from 'drizzle-orm';
import {
  doublePrecision,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { timestamptz } from './columns.js';
import { organisations } from './context.js';

export const diiCatalogues = pgTable(
  'dii_catalogues',
  {
    id: uuid().primaryKey().notNull(),
    version: integer().notNull(),
    title: jsonb().notNull(),
    source: text().notNull(),
    notes: text(),
    groups: jsonb().notNull(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    createdBy: uuid('created_by'),
  },
  (table) => [unique('dii_catalogues_version_key').on(table.version)],
);

export const diiValues = pgTable(
  'dii_values',
  {
    id: uuid().primaryKey().notNull(),
    criterionCode: text('criterion_code').notNull(),
    year: integer().notNull(),
    value: doublePrecision().notNull(),
    source: text().notNull(),
    note: text(),
    version: integer().default(1).notNull(),
    enteredAt: timestamptz('entered_at').default(sql`now()`).notNull(),
    enteredBy: uuid('entered_by'),
  },
  (table) => [unique('dii_values_criterion_code_year_key').on(table.criterionCode, table.year)],
);

/**
 * Interim targets for the intermediate milestone (migrations/0026): the city's planning
 * assumptions, not Plan 317's text. `value` NULL: cleared.
 */
export const indicatorInterimTargets = pgTable(
  'indicator_interim_targets',
  {
    id: uuid().primaryKey().notNull(),
    indicatorKey: text('indicator_key').notNull(),
    milestoneYear: integer('milestone_year').notNull(),
    value: doublePrecision(),
    maxValue: doublePrecision('max_value'),
    note: text().notNull(),
    setBy: uuid('set_by'),
    setByOrgId: uuid('set_by_org_id').notNull(),
    setAt: timestamptz('set_at').default(sql`now()`).notNull(),
    version: integer().default(1).notNull(),
  },
  (table) => [
    unique('indicator_interim_targets_indicator_key_milestone_year_key').on(
      table.indicatorKey,
      table.milestoneYear,
    ),
    foreignKey({
      columns: [table.setBy],
      foreignColumns: [users.id],
      name: 'indicator_interim_targets_set_by_fkey',
    }).onDelete('set null'),
    foreignKey({
      columns: [table.setByOrgId],
      foreignColumns: [organisations.id],
      name: 'indicator_interim_targets_set_by_org_id_fkey',
    }),
  ],
);
