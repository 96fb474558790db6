/** Digital infrastructure indicator catalogues and values (migrations/0008). The SQL migrations define the schema; this describes it (schema-drift.test.ts). */

import { sql } from 'drizzle-orm';
import { doublePrecision, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';

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
