import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { migrate } from './migrate.js';

const dataDir = mkdtempSync(join(tmpdir(), 'hatang-db-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('embedded database (PGlite + PostGIS)', () => {
  it('keeps data in its data directory across restarts, and migrates only once', async () => {
    const first = await openDatabase({ dataDir });
    expect(await migrate(first)).toContain('0001_assets_and_context.sql');
    await first.query(
      `INSERT INTO organisations (id, code, name, kind) VALUES ($1, 'KEEP-ME', 'Persisted', 'public')`,
      [crypto.randomUUID()],
    );
    await first.close();

    const second = await openDatabase({ dataDir });
    expect(await migrate(second)).toEqual([]);
    const rows = await second.query<{ name: string }>(
      `SELECT name FROM organisations WHERE code = 'KEEP-ME'`,
    );
    expect(rows).toEqual([{ name: 'Persisted' }]);
    await second.close();
  });
});
