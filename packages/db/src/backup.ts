import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { postgis } from '@electric-sql/pglite-postgis';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock.js';
import type { Sql } from './database.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

/** One table's row count and a digest of all its rows (every column, geometry included). */
export interface TableChecksum {
  table: string;
  rows: number;
  md5: string;
}

/**
 * Counts and digests every table of the `public` schema except PostGIS's own: the digest is the
 * md5 of the sorted md5s of each row's text form (geometry as EWKB hex), so two databases with
 * the same rows give the same figures whatever their physical order.
 */
export async function tableChecksums(sql: Sql): Promise<TableChecksum[]> {
  const tables = await sql.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables
     WHERE schemaname = 'public' AND tablename <> 'spatial_ref_sys' ORDER BY tablename`,
  );
  const out: TableChecksum[] = [];
  for (const { name } of tables) {
    const [row] = await sql.query<{ rows: number; md5: string | null }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(h, '' ORDER BY h), '')) AS md5
       FROM (SELECT md5(t::text) AS h FROM public."${name.replaceAll('"', '""')}" t) x`,
    );
    out.push({ table: name, rows: row?.rows ?? 0, md5: row?.md5 ?? '' });
  }
  return out;
}

const GZIP = [0x1f, 0x8b];
const PG_CUSTOM = 'PGDMP';

function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || (statSync(dir).isDirectory() && readdirSync(dir).length === 0);
}

/**
 * Backs up an embedded database (PGlite) to `file`: its whole data directory as a gzipped
 * tarball (PGlite's dumpDataDir), after a checkpoint. The directory must not be open elsewhere:
 * the backup takes its lock, so it refuses while the server runs (stop the server first).
 * Returns the tarball's size in bytes.
 */
export async function backupEmbedded(dataDir: string, file: string): Promise<number> {
  const db = await openPglite(dataDir, 'npm run db:backup').catch((error: unknown) => {
    if (error instanceof DataDirLockedError)
      throw new Error(`${error.message}\nBack up an embedded database with the server stopped.`);
    throw error;
  });
  try {
    await db.exec('CHECKPOINT');
    const tarball = await db.dumpDataDir?.();
    if (!tarball) throw new Error('this database cannot dump its data directory');
    const bytes = new Uint8Array(await tarball.arrayBuffer());
    writeFileSync(file, bytes, { mode: 0o600 });
    return bytes.length;
  } finally {
    await db.close();
  }
}

export interface RestoreOptions {
  /** Replace a database that already holds data (embedded: the old directory is kept aside). */
  force?: boolean;
}

/**
 * Restores an embedded database from a `backupEmbedded` tarball into `dataDir`: into a new
 * directory beside it first (PGlite loadDataDir, with PostGIS), checked, then swapped in. A
 * non-empty `dataDir` is refused unless `force`; then it is kept as `<dataDir>.before-restore-<time>`.
 * Returns where the old directory went, if anywhere.
 */
export async function restoreEmbedded(
  file: string,
  dataDir: string,
  options: RestoreOptions = {},
): Promise<{ keptAs?: string }> {
  const bytes = readFileSync(file);
  if (bytes[0] !== GZIP[0] || bytes[1] !== GZIP[1])
    throw new Error(
      bytes.subarray(0, 5).toString('latin1') === PG_CUSTOM
        ? `${file} is a server (pg_dump) backup: restore it with DATABASE_URL set`
        : `${file} is not an embedded-database backup (a gzipped tarball from npm run db:backup)`,
    );
  const target = resolve(dataDir);
  const lock = acquireDataDirLock(target, 'npm run db:restore');
  try {
    if (!isEmptyDir(target) && !options.force)
      throw new Error(
        `${target} already holds a database: stop the server and add --force to replace it ` +
          `(the current directory is then kept beside it as ${target}.before-restore-<time>)`,
      );
    const staging = `${target}.restoring-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    try {
      const pg = await PGlite.create(staging, {
        loadDataDir: new Blob([bytes]),
        // The migrations' extensions (0027 search), or the restored database would not open its indexes.
        extensions: { postgis, pg_trgm, unaccent },
      });
      try {
        await pg.exec('CREATE EXTENSION IF NOT EXISTS postgis');
        await pg.query('SELECT count(*) FROM pg_tables');
      } finally {
        await pg.close();
      }
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      throw error;
    }
    let keptAs: string | undefined;
    if (existsSync(target)) {
      keptAs = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(target, keptAs);
    }
    renameSync(staging, target);
    return keptAs ? { keptAs } : {};
  } finally {
    lock.release();
  }
}

/** Runs a PostgreSQL client tool; libpq takes `postgres://…?host=/socket/dir` as --dbname as it is. */
function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => {
      stderr += data.toString();
    });
    child.on('error', (error) =>
      reject(new Error(`${command} could not start (${error.message}): install the PostgreSQL client tools`)),
    );
    child.on('exit', (code) =>
      code === 0
        ? resolvePromise()
        : reject(new Error(`${command} failed (exit ${code}):\n${stderr.trim()}`)),
    );
  });
}

/**
 * Backs up a server database with `pg_dump -Fc` (custom format, consistent while the server
 * runs). Returns the file's size in bytes.
 */
export async function backupServer(databaseUrl: string, file: string): Promise<number> {
  await run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${databaseUrl}`]);
  return statSync(file).size;
}

/**
 * Restores a `backupServer` file into the database at `databaseUrl` with `pg_restore`. A database
 * whose public schema holds tables is refused unless `force`; then its public schema is dropped
 * and recreated first (everything in it is replaced by the backup).
 */
export async function restoreServer(
  file: string,
  databaseUrl: string,
  options: RestoreOptions = {},
): Promise<void> {
  const head = readFileSync(file).subarray(0, 5);
  if (head.toString('latin1') !== PG_CUSTOM)
    throw new Error(
      head[0] === GZIP[0] && head[1] === GZIP[1]
        ? `${file} is an embedded-database backup: restore it without DATABASE_URL (into HATANG_DATA_DIR)`
        : `${file} is not a pg_dump custom-format backup`,
    );
  const db = await openPostgres(databaseUrl);
  try {
    const [row] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'spatial_ref_sys'",
    );
    if ((row?.n ?? 0) > 0) {
      if (!options.force)
        throw new Error(
          `The target database already holds ${row?.n} tables: add --force to replace its public schema with the backup`,
        );
      // PostGIS goes with it; the backup creates it again (CREATE EXTENSION IF NOT EXISTS).
      await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    }
  } finally {
    await db.close();
  }
  await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${databaseUrl}`, file]);
}
