/**
 * `npm run db:backup` / `db:restore` on a server PostGIS: a new database on the test server,
 * migrated and given known rows, is dumped by the real script and restored into another new
 * database; every table keeps its row count and row digest. Its own databases, so the round trip
 * does not carry whatever the rest of the suite wrote. Part of the server suite (DATABASE_URL).
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Database, migrate, openDatabase, tableChecksums } from '@hatang/db';
import { afterAll, describe, expect, it } from 'vitest';
import { addKnownRows, script, totalRows, work } from '../support/backup-round-trip.js';
import { testDatabase } from '../support/test-database.js';

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('backup and restore of the server database', () => {
  it('restores every row into a new database on the same server', async () => {
    const url = process.env.DATABASE_URL ?? '';
    const admin: Database = await testDatabase();
    const base = `${new URL(url).pathname.slice(1) || 'hatang'}_${process.pid}`;
    const urlOf = (name: string) => {
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    };
    const [sourceName, name] = [`${base}_backup_source`, `${base}_restore`];
    for (const db of [sourceName, name]) {
      await admin.exec(`DROP DATABASE IF EXISTS ${db}`);
      await admin.exec(`CREATE DATABASE ${db}`);
    }
    const sourceUrl = urlOf(sourceName);
    const targetUrl = new URL(urlOf(name));
    const source = await openDatabase({ databaseUrl: sourceUrl });
    let before: Awaited<ReturnType<typeof tableChecksums>>;
    try {
      await migrate(source);
      await addKnownRows(source);
      before = await tableChecksums(source);
    } finally {
      await source.close();
    }
    try {
      const backup = script('db-backup.ts', ['--out', 'server.dump'], { DATABASE_URL: sourceUrl });
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
      for (const db of [sourceName, name]) await admin.exec(`DROP DATABASE IF EXISTS ${db}`);
    }
  }, 600_000);
});
