/**
 * The database schema in TypeScript: one drizzle table per table of the SQL migrations, which
 * remain the only way the schema changes (tests/integration/schema-drift.test.ts compares the two).
 * Checks and indexes live in the migrations only.
 */
export * from './accounts.js';
export * from './analysis.js';
export * from './assets.js';
export * from './audit.js';
export * from './city-registers.js';
export * from './colocation.js';
export * from './columns.js';
export * from './context.js';
export * from './ftth.js';
export * from './imports.js';
export * from './indicators.js';
export * from './permits.js';
export * from './plans.js';
export * from './sharing.js';
export * from './sites.js';
export * from './tasks.js';
export * from './violations.js';
