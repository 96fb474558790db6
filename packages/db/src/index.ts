export {
  backupEmbedded,
  backupServer,
  type RestoreOptions,
  restoreEmbedded,
  restoreServer,
  type TableChecksum,
  tableChecksums,
} from './backup.js';
export {
  acquireDataDirLock,
  type DataDirLock,
  DataDirLockedError,
  type LockHolder,
  lockPathFor,
  readDataDirLock,
} from './data-dir-lock.js';
export type { Database, DatabaseHandle, DatabaseKind, OpenDatabaseOptions, Sql } from './database.js';
export { attachDatabase, openDatabase } from './database.js';
export { ASSET_TABLES, featureTableOf } from './feature-tables.js';
export { MIGRATIONS_DIR, migrate } from './migrate.js';
export { createTempTable, geoJson, type Orm, orm, type RowOf } from './orm.js';
export { toPgTextArray } from './text-array.js';
