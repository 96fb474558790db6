/**
 * `npm run db:backup` / `db:restore` of the embedded database: a PGlite data directory with known
 * rows is backed up by the real script and restored into a fresh directory; every table keeps its
 * row count and row digest. Embedded only (collected without DATABASE_URL).
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { acquireDataDirLock, migrate, openDatabase, tableChecksums } from '@hatang/db';
import { afterAll, describe, expect, it } from 'vitest';
import { addKnownRows, script, totalRows, work } from '../support/backup-round-trip.js';

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('backup and restore of the embedded database', () => {
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
