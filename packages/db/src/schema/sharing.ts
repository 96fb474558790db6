/** Published network versions (migrations/0010). The SQL migrations define the schema; this describes it (schema-drift.test.ts). */
import { bigint, pgTable, text } from 'drizzle-orm/pg-core';

export const networkVersions = pgTable('network_versions', {
  tableName: text('table_name').primaryKey().notNull(),
  version: bigint({ mode: 'number' }).default(0).notNull(),
});
