/**
 * `npm run db:backup` and `npm run db:restore` round trips: a database with known rows (assets
 * with geometry, a unit, 20 000 population cells) is backed up by the real script, restored by
 * the real script into a fresh place, and every table has the same row count and row digest.
 * Embedded: a PGlite data directory into a new directory. Server (with DATABASE_URL): the test
 * database into a new database the test creates on the same server.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  acquireDataDirLock,
  type Database,
  migrate,
  openDatabase,
  type Sql,
  tableChecksums,
} from '@hatang/db';
import { afterAll, describe, expect, it } from 'vitest';
import { createOrganisation, insertTestUnit, squareWkt, testCellId } from '../support/fixtures.js';
import { testDatabase } from '../support/test-database.js';

const root = join(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'hatang-backup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `scripts/<script>` as npm would, with `env` over a copy of ours (DATABASE_URL removed). */
function script(name: string, args: string[], env: Record<string, string>) {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts', name), ...args],
    { cwd: work, env: { ...base, ...env }, encoding: 'utf8', timeout: 600_000 },
  );
  return {
    ...result,
    seconds: (performance.now() - started) / 1000,
    output: `${result.stdout}${result.stderr}`,
  };
}

/** Known rows in several tables: towers and ducts (geometry), a unit, 20 000 population cells. */
async function addKnownRows(sql: Sql): Promise<void> {
  const owner = await createOrganisation(sql, 'operator');
  const centre: [number, number] = [1.5, 1.5];
  const unit = await insertTestUnit(sql, {
    geomWkt: squareWkt(centre, 0.5),
    labelPoint: centre,
    name: 'Xã Sao Lưu',
  });
  for (let i = 0; i < 50; i++) {
    await sql.query(
      `INSERT INTO towers (id, code, owner_org_id, status, tower_class, structure, placement, height_m,
         antenna_slots_total, tenants_max, admin_unit_code, geom)
       VALUES ($1, $2, $3, 'existing', 'A2b', 'monopole', 'ground', $4, 12, 3, $5,
         ST_SetSRID(ST_MakePoint($6, 1.3), 4326))`,
      [crypto.randomUUID(), `BK-T-${i}`, owner, 20 + i * 0.5, unit, 1.2 + i * 0.001],
    );
    await sql.query(
      `INSERT INTO ducts (id, code, owner_org_id, status, tubes_total, tubes_used, diameter_mm, depth_m, geom)
       VALUES ($1, $2, $3, 'existing', 6, 2, 110, 0.8,
         ST_SetSRID(ST_MakeLine(ST_MakePoint($4, 1.4), ST_MakePoint($4 + 0.001, 1.4005)), 4326))`,
      [crypto.randomUUID(), `BK-D-${i}`, owner, 1.2 + i * 0.001],
    );
  }
  const cells = Array.from(
    { length: 20_000 },
    (_, i) =>
      `${testCellId(unit, i)},${unit},${i % 97},SRID=4326;POINT(${1.1 + (i % 200) * 0.004} ${1.1 + Math.floor(i / 200) * 0.008})`,
  );
  await sql.copyCsv(
    'population_cells',
    ['id', 'admin_unit_code', 'population', 'geom'],
    `${cells.join('\n')}\n`,
  );
}

const totalRows = (tables: { rows: number }[]) => tables.reduce((sum, t) => sum + t.rows, 0);

// The server-PostGIS run of the suite (DATABASE_URL) checks the server round trip only.
describe.skipIf(process.env.DATABASE_URL)('backup and restore of the embedded database', () => {
  it('restores every row into a fresh directory, and refuses a held or non-empty target', async () => {
    const source = join(work, 'source');
    const db = await openDatabase({ dataDir: source });
    await migrate(db);
    await addKnownRows(db);
    const before = await tableChecksums(db);
    await db.close();

    // A running server holds the directory: the backup refuses instead of reading under it.
    const held = acquireDataDirLock(source, 'the Hatang server');
    const refused = script('db-backup.ts', ['--out', 'refused.tar.gz'], { HATANG_DATA_DIR: source });
    held.release();
    expect(refused.status).toBe(1);
    expect(refused.output).toContain('the Hatang server');
    expect(refused.output).toContain('with the server stopped');

    const backup = script('db-backup.ts', ['--out', 'embedded.tar.gz'], { HATANG_DATA_DIR: source });
    expect(backup.status, backup.output).toBe(0);
    const target = join(work, 'restored');
    const restore = script('db-restore.ts', ['embedded.tar.gz'], { HATANG_DATA_DIR: target });
    expect(restore.status, restore.output).toBe(0);
    const again = script('db-restore.ts', ['embedded.tar.gz'], { HATANG_DATA_DIR: target });
    expect(again.status).toBe(1);
    expect(again.output).toContain('--force');

    const restored = await openDatabase({ dataDir: target });
    try {
      expect(await tableChecksums(restored)).toEqual(before);
      expect(await migrate(restored)).toEqual([]);
      const [near] = await restored.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM towers WHERE ST_DWithin(geom, 'SRID=4326;POINT(1.2 1.3)'::geometry, 0.0101)",
      );
      expect(near?.n).toBe(11);
    } finally {
      await restored.close();
    }
    const dirBytes = (dir: string): number =>
      readdirSync(dir, { withFileTypes: true }).reduce(
        (sum, e) => sum + (e.isDirectory() ? dirBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size),
        0,
      );
    console.log(
      `embedded round trip: ${before.length} tables, ${totalRows(before)} rows; data directory ` +
        `${(dirBytes(source) / 1e6).toFixed(1)} MB → backup ${(statSync(join(work, 'embedded.tar.gz')).size / 1e6).toFixed(1)} MB; ` +
        `backup ${backup.seconds.toFixed(1)} s, restore ${restore.seconds.toFixed(1)} s`,
    );
  }, 600_000);
});

describe.runIf(process.env.DATABASE_URL)('backup and restore of the server database', () => {
  it('restores every row into a new database on the same server', async () => {
    const url = process.env.DATABASE_URL ?? '';
    const db: Database = await testDatabase();
    await addKnownRows(db);
    const before = await tableChecksums(db);
    const name = `${new URL(url).pathname.slice(1) || 'hatang'}_restore_${process.pid}`;
    const targetUrl = new URL(url);
    targetUrl.pathname = `/${name}`;
    await db.exec(`DROP DATABASE IF EXISTS ${name}`);
    await db.exec(`CREATE DATABASE ${name}`);
    try {
      const backup = script('db-backup.ts', ['--out', 'server.dump'], { DATABASE_URL: url });
      expect(backup.status, backup.output).toBe(0);
      const restore = script('db-restore.ts', ['server.dump'], { DATABASE_URL: targetUrl.toString() });
      expect(restore.status, restore.output).toBe(0);
      const again = script('db-restore.ts', ['server.dump'], { DATABASE_URL: targetUrl.toString() });
      expect(again.status).toBe(1);
      expect(again.output).toContain('--force');
      const forced = script('db-restore.ts', ['server.dump', '--force'], {
        DATABASE_URL: targetUrl.toString(),
      });
      expect(forced.status, forced.output).toBe(0);

      const restored = await openDatabase({ databaseUrl: targetUrl.toString() });
      try {
        expect(await tableChecksums(restored)).toEqual(before);
      } finally {
        await restored.close();
      }
      console.log(
        `server round trip: ${before.length} tables, ${totalRows(before)} rows; backup ` +
          `${(statSync(join(work, 'server.dump')).size / 1e6).toFixed(1)} MB; backup ${backup.seconds.toFixed(1)} s, ` +
          `restore ${restore.seconds.toFixed(1)} s (forced again ${forced.seconds.toFixed(1)} s)`,
      );
    } finally {
      await db.exec(`DROP DATABASE IF EXISTS ${name}`);
    }
  }, 600_000);
});
