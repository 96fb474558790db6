/**
 * Durability of the embedded database under kill -9, through the real server: acknowledged edits
 * (201) survive a SIGKILL in the middle of a stream of edits, and an import killed during its
 * commit is all or nothing. (imports-kill.test.ts kills a commit at a chosen point in a child
 * that calls the commit directly; this one goes through HTTP as a client would.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@hatang/db';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleFeature } from '../support/fixtures.js';
import { runScript, type ServerChild, signInOver, startServerChild } from '../support/server-child.js';

const dataDir = join(mkdtempSync(join(tmpdir(), 'hatang-durability-')), 'data');
let server: ServerChild | undefined;
afterAll(async () => {
  await server?.kill('SIGKILL');
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

const PASSWORD = 'a long durable passphrase';
const EMAIL = 'admin@durable.example';
const IMPORT_ROWS = 20_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function signedIn(s: ServerChild) {
  const session = await signInOver(s.baseUrl, EMAIL, PASSWORD);
  expect(session.status).toBe(200);
  return session.headers;
}

describe('the embedded database under SIGKILL of the server', () => {
  it('keeps every acknowledged edit, and an import killed during its commit is all or nothing', async () => {
    server = await startServerChild(dataDir, { HATANG_DEMO: '0' });
    const created = await runScript(
      'user-create.ts',
      ['--email', EMAIL, '--org', 'DUR', '--name', 'Durable'],
      {
        HATANG_DATA_DIR: dataDir,
        HATANG_ADMIN_PASSWORD: PASSWORD,
      },
    );
    expect(created.status, created.output).toBe(0);
    let headers = await signedIn(server);
    const me = (await (await fetch(`${server.baseUrl}/api/v1/auth/me`, { headers })).json()) as {
      user: { orgId: string };
    };
    const orgId = me.user.orgId;

    // Four clients create poles; once 120 are acknowledged the server is killed mid-stream.
    const acknowledged = new Map<string, string>();
    let next = 0;
    let killed = false;
    const failures: string[] = [];
    const base = server.baseUrl;
    const client = async () => {
      while (!killed) {
        const code = `dur-${next++}`;
        try {
          const response = await fetch(`${base}/api/v1/poles`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify(sampleFeature('poles', orgId, code, [0.2 + next * 0.0001, 0.3])),
          });
          if (response.status === 201) acknowledged.set(((await response.json()) as { id: string }).id, code);
          else if (!killed) failures.push(`create ${code}: ${response.status} ${await response.text()}`);
        } catch (error) {
          if (!killed) failures.push(`create ${code}: ${String((error as Error).cause ?? error)}`);
        }
      }
    };
    const clients = Array.from({ length: 4 }, client);
    while (acknowledged.size < 120 && failures.length === 0) await sleep(5);
    killed = true;
    await server.kill('SIGKILL');
    await Promise.all(clients);
    expect(failures, `the server failed before it was killed:\n${server.output().slice(-3000)}`).toEqual([]);
    const sent = next;

    server = await startServerChild(dataDir);
    headers = await signedIn(server);
    const missing: string[] = [];
    for (const [id, code] of acknowledged) {
      const response = await fetch(`${server.baseUrl}/api/v1/poles/${id}`, { headers });
      const body = (await response.json()) as { properties?: { code?: string } };
      if (response.status !== 200 || body.properties?.code !== code) missing.push(code);
    }
    expect(missing).toEqual([]);

    // An import of 20 000 poles, killed during its commit.
    const features = Array.from({ length: IMPORT_ROWS }, (_, i) =>
      sampleFeature('poles', orgId, `imp-${i}`, [0.1 + i * 0.00001, 0.2]),
    );
    const form = new FormData();
    form.set('file', new File([JSON.stringify({ type: 'FeatureCollection', features })], 'poles.geojson'));
    form.set('resource', 'poles');
    // Undici may reuse a keep-alive socket the server has just closed (EPIPE): send again then.
    const send = () => fetch(`${server?.baseUrl}/api/v1/imports`, { method: 'POST', headers, body: form });
    const upload = await send().catch(send);
    expect(upload.status).toBe(202);
    const importId = ((await upload.json()) as { id: string }).id;
    for (;;) {
      const view = (await (
        await fetch(`${server.baseUrl}/api/v1/imports/${importId}`, { headers })
      ).json()) as {
        status: string;
      };
      if (view.status === 'ready') break;
      expect(view.status).toBe('parsing');
      await sleep(200);
    }
    let answered: number | undefined;
    const commit = fetch(`${server.baseUrl}/api/v1/imports/${importId}/commit`, {
      method: 'POST',
      headers,
    }).then(
      (r) => {
        answered = r.status;
      },
      () => undefined,
    );
    // PGlite is one connection: while the commit's transaction runs, the health check's query
    // waits and the check says `busy`. Kill as soon as it does, i.e. in the middle of the commit
    // (which starts once a compute worker is up: keep probing until then, up to a minute).
    let busyAtKill = false;
    const giveUp = Date.now() + 60_000;
    while (Date.now() < giveUp && answered === undefined && !busyAtKill) {
      const health = await fetch(`${server.baseUrl}/api/health`).then(
        async (r) => (await r.json()) as { database?: { busy?: boolean } },
        () => undefined,
      );
      busyAtKill = health?.database?.busy === true;
      if (!busyAtKill) await sleep(20);
    }
    await server.kill('SIGKILL');
    await commit;
    server = undefined;

    // The data directory reopens (the dead server's lock is taken over) with all or nothing.
    const db = await openDatabase({ dataDir });
    try {
      const [poles] = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM poles WHERE code LIKE 'imp-%'",
      );
      const [job] = await db.query<{ status: string }>('SELECT status FROM import_jobs WHERE id = $1', [
        importId,
      ]);
      const [kept] = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM poles WHERE code LIKE 'dur-%'",
      );
      console.log(
        `durability: ${acknowledged.size} of ${sent} edits acknowledged before SIGKILL, ${kept?.n} stored; ` +
          `import killed ${answered ? `after its answer (${answered})` : `before its answer${busyAtKill ? ', mid-commit (database busy)' : ''}`}: ` +
          `${poles?.n} of ${IMPORT_ROWS} poles, job ${job?.status}`,
      );
      expect(kept?.n).toBeGreaterThanOrEqual(acknowledged.size);
      if (job?.status === 'committed') expect(poles?.n).toBe(IMPORT_ROWS);
      else {
        expect(job?.status).toBe('ready');
        expect(poles?.n).toBe(0);
      }
      if (answered === 200) expect(job?.status).toBe('committed');
      expect(busyAtKill || answered !== undefined).toBe(true);
    } finally {
      await db.close();
    }
  }, 900_000);
});
