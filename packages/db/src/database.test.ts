import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database.js';
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
  }, 300_000);
});

describe('embedded database in its own thread', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({});
  });
  afterAll(() => db.close());

  it('keeps the event loop free while a long statement runs', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    // ~0.4 s of work inside PostgreSQL: on the main thread no timer could fire meanwhile.
    await db.query('SELECT count(*) FROM generate_series(1, 3000000) AS s(i) WHERE i % 7 = 0');
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(3);
  });

  it('carries PostgreSQL error fields across the thread and rolls a failed transaction back', async () => {
    await db.exec('CREATE TABLE t (k text PRIMARY KEY)');
    await db.query(`INSERT INTO t VALUES ('a')`);
    const failure = await db
      .transaction(async (tx) => {
        await tx.query(`INSERT INTO t VALUES ('b')`);
        await tx.query(`INSERT INTO t VALUES ('a')`);
      })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: '23505', constraint: 't_pkey' });
    expect(await db.query('SELECT k FROM t ORDER BY k')).toEqual([{ k: 'a' }]);
    // A query sent while a transaction is open waits for it and sees its committed result.
    let inside: Promise<unknown> | undefined;
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO t VALUES ('c')`);
      inside = db.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
      await tx.copyCsv('t', ['k'], 'd\ne\n');
    });
    expect(await inside).toEqual([{ n: 4 }]);
  });
});

describe('the embedded database from another worker thread', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({});
    await db.exec('CREATE TABLE attached (k text PRIMARY KEY)');
  });
  afterAll(() => db.close());

  const runWorker = async (leaveTransactionOpen: boolean) => {
    const { handle, transfer } = await db.workerHandle();
    const worker = new Worker(new URL('./test-support/attached-worker.mjs', import.meta.url), {
      workerData: { handle, leaveTransactionOpen },
      transferList: transfer,
    });
    const messages: unknown[] = [];
    worker.on('message', (m) => messages.push(m));
    return { worker, messages };
  };

  it('reads and writes through a port connected to the host, in transactions', async () => {
    await db.query(`INSERT INTO attached VALUES ('from-main')`);
    const { worker, messages } = await runWorker(false);
    await once(worker, 'exit');
    expect(messages).toEqual([['from-main', 'from-worker']]);
    expect(await db.query('SELECT k FROM attached ORDER BY k')).toEqual([
      { k: 'from-main' },
      { k: 'from-worker' },
    ]);
  });

  it('rolls back the transaction of a worker terminated inside it, and goes on serving', async () => {
    await db.query(`DELETE FROM attached WHERE k = 'from-worker'`);
    const { worker, messages } = await runWorker(true);
    while (!messages.includes('inside')) await once(worker, 'message');
    await worker.terminate();
    // The connection is free again: this statement would wait forever behind an open transaction.
    expect(await db.query('SELECT k FROM attached ORDER BY k')).toEqual([
      { k: 'from-main' },
      { k: 'from-worker' },
    ]);
  });
});
