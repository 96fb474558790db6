/**
 * An import killed halfway through its commit leaves the database as it was: a child process
 * commits 20 000 staged poles and is SIGKILLed after the inserts, before COMMIT. On a server
 * PostGIS (DATABASE_URL) the server rolls back the dropped connection; on PGlite the data
 * directory is reopened and recovered.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@hatang/db';
import { describe, expect, it } from 'vitest';

const ROWS = 20_000;

function runUntilMidCommit(
  where: string,
): Promise<{ importId: string; orgId: string; stages: string[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'imports-kill-child.ts'), where, String(ROWS)],
      {
        env: process.env,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    let ids: string[] = [];
    const stages: string[] = [];
    child.stdout.on('data', (data: Buffer) => {
      out += data.toString();
      const staged = /STAGED (\S+) (\S+)/.exec(out);
      if (staged) ids = [staged[1] ?? '', staged[2] ?? ''];
      for (const m of out.matchAll(/IN-COMMIT (\w+)/g))
        if (!stages.includes(m[1] ?? '')) stages.push(m[1] ?? '');
      if (stages.includes('auditing') && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      if (out.includes('COMMITTED')) reject(new Error('the child committed before it was killed'));
      else resolve({ importId: ids[0] ?? '', orgId: ids[1] ?? '', stages, signal });
    });
  });
}

describe('an import killed during commit', () => {
  it('leaves no assets, no audit rows and the job still ready', async () => {
    const dataDir = process.env.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'hatang-kill-'));
    try {
      const { importId, orgId, stages, signal } = await runUntilMidCommit(dataDir ?? 'server');
      expect(signal).toBe('SIGKILL');
      expect(stages).toEqual(['copying', 'matching', 'writing', 'auditing']);
      const db = await openDatabase(dataDir ? { dataDir } : { databaseUrl: process.env.DATABASE_URL });
      try {
        const one = async (sql: string, params: unknown[]) =>
          (await db.query<{ n: number | string }>(sql, params))[0]?.n;
        expect(await one('SELECT count(*)::int AS n FROM poles WHERE owner_org_id = $1', [orgId])).toBe(0);
        expect(
          await one(
            "SELECT count(*)::int AS n FROM audit_log WHERE request_id = 'kill-test' AND actor_org_id = $1",
            [orgId],
          ),
        ).toBe(0);
        expect(await one('SELECT status AS n FROM import_jobs WHERE id = $1', [importId])).toBe('ready');
        expect(await one('SELECT count(*)::int AS n FROM import_rows WHERE import_id = $1', [importId])).toBe(
          ROWS,
        );
      } finally {
        await db.close();
      }
    } finally {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
    // The child creates a PGlite data dir (initdb + PostGIS) and stages 20 000 rows: ~35 s alone,
    // over the 120 s default when the whole suite shares the machine's two cores.
  }, 400_000);
});
