import { describe, expect, it } from 'vitest';
import { testDatabase } from '../support/test-database.js';

describe(`transactions on ${process.env.DATABASE_URL ? 'PostGIS' : 'PGlite'}`, () => {
  it('rolls a failed transaction back whole', async () => {
    const db = await testDatabase();
    const id = crypto.randomUUID();
    const code = `HALF-${id.slice(0, 8).toUpperCase()}`;
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO organisations (id, code, name, kind) VALUES ($1, $2, 'x', 'public')`, [
          id,
          code,
        ]);
        await tx.query(`INSERT INTO organisations (id, code, name, kind) VALUES ($1, $2, 'y', 'public')`, [
          id,
          code,
        ]);
      }),
    ).rejects.toThrow();
    expect(await db.query('SELECT 1 FROM organisations WHERE code = $1', [code])).toEqual([]);
  });

  it('bulk-loads CSV with COPY inside a transaction', async () => {
    const db = await testDatabase();
    const id = crypto.randomUUID();
    const code = `COPY-${id.slice(0, 8).toUpperCase()}`;
    await db.transaction((tx) =>
      tx.copyCsv('organisations', ['id', 'code', 'name', 'kind'], `${id},${code},"Sở, ""thử""",public\n`),
    );
    expect(await db.query('SELECT name FROM organisations WHERE id = $1', [id])).toEqual([
      { name: 'Sở, "thử"' },
    ]);
  });
});
