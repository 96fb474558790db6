/**
 * `npm run db:backup` and `npm run db:restore` round trips: a database with known rows (assets
 * with geometry, a unit, 20 000 population cells) is backed up by the real script, restored by
 * the real script into a fresh place, and every table has the same row count and row digest.
 * Embedded: a PGlite data directory into a new directory. Server (with DATABASE_URL): the test
 * database into a new database the test creates on the same server.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sql } from '@hatang/db';
import { createOrganisation, insertTestUnit, squareWkt, testCellId } from './fixtures.js';

const root = join(import.meta.dirname, '../..');
/** The folder the scripts run in and write their backups to (each test file removes it). */
export const work = mkdtempSync(join(tmpdir(), 'hatang-backup-'));

/** Runs `apps/api/src/cli/<script>` as npm would, with `env` over ours (DATABASE_URL removed). */
export function script(name: string, args: string[], env: Record<string, string>) {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'apps/api/src/cli', name), ...args],
    { cwd: work, env: { ...base, ...env }, encoding: 'utf8', timeout: 600_000 },
  );
  return {
    ...result,
    seconds: (performance.now() - started) / 1000,
    output: `${result.stdout}${result.stderr}`,
  };
}

/** Known rows in several tables: towers and ducts (geometry), a unit, 20 000 population cells. */
export async function addKnownRows(sql: Sql): Promise<void> {
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

export const totalRows = (tables: { rows: number }[]) => tables.reduce((sum, t) => sum + t.rows, 0);
