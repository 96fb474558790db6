/**
 * A real installation's first start, as the server's own advice says: `HATANG_DEMO=0`, then
 * `npm run user:create` while the server runs. The embedded database stays the server's alone
 * (a second opener is refused, naming it); the script hands the account to the running server
 * with its one-time token, and the new admin signs in at once.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, lockPathFor, openDatabase } from '@hatang/db';
import { afterAll, describe, expect, it } from 'vitest';
import { setupTokenPathFor } from '../../apps/api/src/features/accounts/first-admin.js';
import { runScript, type ServerChild, signInOver, startServerChild } from '../support/server-child.js';

const dataDir = join(mkdtempSync(join(tmpdir(), 'hatang-first-admin-')), 'data');
let server: ServerChild | undefined;
afterAll(async () => {
  await server?.kill('SIGKILL');
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

const PASSWORD = 'a long first passphrase';
const firstAdmin = (extra: Record<string, unknown>) =>
  fetch(`${server?.baseUrl}/api/setup/first-admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: 'x@example.org',
      displayName: 'X',
      orgCode: 'X',
      password: PASSWORD,
      ...extra,
    }),
  });

describe('the first admin of an embedded database', () => {
  it('is created with user:create while the server runs, and signs in without a restart', async () => {
    server = await startServerChild(dataDir, { HATANG_DEMO: '0' });
    expect(server.output()).toContain('No user accounts yet');
    expect(server.output()).toContain(setupTokenPathFor(dataDir));

    // One process per embedded database: a second opener is told who holds it.
    const second = openDatabase({ dataDir, purpose: 'a second opener' });
    await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
    // (The pid is the server's node process, a child of tsx's CLI that the test started.)
    await expect(second).rejects.toThrow(/in use by pid \d+: the Hatang server, started at/);
    await expect(openDatabase({ dataDir })).rejects.toThrow(`answering at ${server.baseUrl}`);

    expect((await firstAdmin({ token: 'guessed' })).status).toBe(403);
    const created = await runScript(
      'user-create.ts',
      [
        '--email',
        'admin@city.example',
        '--org',
        'SKHCN-HP',
        '--org-name',
        'Sở KH&CN Hải Phòng',
        '--name',
        'Quản trị',
      ],
      { HATANG_DATA_DIR: dataDir, HATANG_ADMIN_PASSWORD: PASSWORD },
    );
    expect(created.status, created.output).toBe(0);
    expect(created.output).toContain('through the running server');

    const signedIn = await signInOver(server.baseUrl, 'admin@city.example', PASSWORD);
    expect(signedIn.status).toBe(200);
    const me = await fetch(`${server.baseUrl}/api/v1/auth/me`, { headers: signedIn.headers });
    expect(await me.json()).toMatchObject({ user: { email: 'admin@city.example', roles: ['admin'] } });

    // The token was for one account: it is gone, and the setup is closed.
    expect(existsSync(setupTokenPathFor(dataDir))).toBe(false);
    expect((await firstAdmin({ token: 'guessed' })).status).toBe(409);
    const another = await runScript(
      'user-create.ts',
      ['--email', 'b@city.example', '--org', 'SKHCN-HP', '--name', 'B'],
      {
        HATANG_DATA_DIR: dataDir,
        HATANG_ADMIN_PASSWORD: PASSWORD,
      },
    );
    expect(another.status).toBe(1);
    expect(another.output).toContain('has users already');

    // A clean stop releases the data directory.
    await server.kill('SIGTERM');
    expect(existsSync(lockPathFor(dataDir))).toBe(false);
  }, 600_000);
});
