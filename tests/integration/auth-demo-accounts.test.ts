import { verifyPassword } from '@hatang/accounts';
import type { Database, Sql } from '@hatang/db';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@hatang/seeds';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashDemoAccounts, loadDemoAccounts } from '../../seeds/src/accounts.js';
import { TEST_SCRYPT_N } from '../support/auth.js';
import { testDatabase } from '../support/test-database.js';

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});

class Rollback extends Error {}

/** Runs `fn` on the demo accounts (seeding them in a rolled-back transaction unless already seeded). */
async function withDemoAccounts(fn: (sql: Sql) => Promise<void>): Promise<void> {
  const seeded = await db.query("SELECT 1 FROM users WHERE email = 'admin@hatang.demo'");
  if (seeded.length) return fn(db);
  const hashed = await hashDemoAccounts(TEST_SCRYPT_N);
  await db
    .transaction(async (tx) => {
      const codes = [...new Set(DEMO_ACCOUNTS.map((a) => a.orgCode))];
      for (const code of codes) {
        const real = code === 'UBND-*' ? 'UBND-99999' : code;
        await tx.query(
          `INSERT INTO organisations (id, code, name, kind) VALUES ($1, $2, $2, 'city_department')
           ON CONFLICT (code) DO NOTHING`,
          [crypto.randomUUID(), real],
        );
      }
      await loadDemoAccounts(tx, hashed);
      await fn(tx);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
}

describe('demo accounts', () => {
  it('has one account per role, each operator and the tower company an editor and a viewer', async () => {
    const roles = new Set(DEMO_ACCOUNTS.flatMap((a) => a.roles));
    expect([...roles].sort()).toEqual(
      ['admin', 'inspector', 'operator_editor', 'operator_viewer', 'planner', 'reviewer', 'viewer'].sort(),
    );
    for (const short of ['song', 'bien', 'cang', 'nui', 'towerco']) {
      expect(DEMO_ACCOUNTS.map((a) => a.email)).toEqual(
        expect.arrayContaining([`editor.${short}@hatang.demo`, `viewer.${short}@hatang.demo`]),
      );
    }
  });

  it('stores them with distinct salted hashes of the demo password', async () => {
    await withDemoAccounts(async (sql) => {
      const rows = await sql.query<{ email: string; password_hash: string; code: string }>(
        `SELECT u.email, u.password_hash, o.code FROM users u JOIN organisations o ON o.id = u.org_id
         WHERE u.email LIKE '%@hatang.demo'`,
      );
      expect(rows).toHaveLength(DEMO_ACCOUNTS.length);
      expect(new Set(rows.map((r) => r.password_hash)).size).toBe(rows.length);
      const inspector = rows.find((r) => r.email === 'inspector@hatang.demo');
      expect(inspector?.code).toMatch(/^UBND-/);
      const admin = rows.find((r) => r.email === 'admin@hatang.demo');
      expect(await verifyPassword(DEMO_PASSWORD, admin?.password_hash ?? '')).toBe(true);
    });
  });
});
