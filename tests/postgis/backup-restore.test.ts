/**
 * `npm run db:backup` / `db:restore` on a server PostGIS: the test database with known rows is
 * dumped by the real script and restored into a new database on the same server; every table
 * keeps its row count and row digest. Part of the server suite (DATABASE_URL).
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Database, openDatabase, tableChecksums } from '@hatang/db';
import { afterAll, describe, expect, it } from 'vitest';
import { addKnownRows, script, totalRows, work } from '../support/backup-round-trip.js';
import { testDatabase } from '../support/test-database.js';

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('backup and restore of the server database', () => {
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
