import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, lockPathFor } from './data-dir-lock.js';
import { openDatabase } from './database.js';

const root = mkdtempSync(join(tmpdir(), 'hatang-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Starts lock-holder.ts on `dataDir` and resolves once it has the database open. */
function startHolder(
  dataDir: string,
): Promise<{ child: ChildProcess; wait: (line: string) => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'testing/lock-holder.ts'), dataDir],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  let out = '';
  const waiters: { line: string; resolve: () => void }[] = [];
  child.stdout?.on('data', (data: Buffer) => {
    out += data.toString();
    for (const w of waiters) if (out.includes(w.line)) w.resolve();
  });
  const wait = (line: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.includes(line)) return resolve();
      waiters.push({ line, resolve });
      child.once('exit', (code) => reject(new Error(`the holder exited (${code}) before ${line}: ${out}`)));
    });
  return wait('READY').then(() => ({ child, wait }));
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve()),
  );

describe('the embedded database lock', () => {
  it('refuses a second process with an error naming the holder, and opens once the holder is killed', async () => {
    const dataDir = join(root, 'killed');
    const { child } = await startHolder(dataDir);
    try {
      const second = openDatabase({ dataDir, purpose: 'a second opener' });
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(`in use by pid ${child.pid}: lock test holder, started at`);
    } finally {
      child.kill('SIGKILL');
      await exited(child);
    }
    // The lock file outlives a SIGKILL; its pid is gone, so the next opener takes it over.
    expect(JSON.parse(readFileSync(lockPathFor(dataDir), 'utf8'))).toMatchObject({ pid: child.pid });
    const db = await openDatabase({ dataDir });
    try {
      expect(await db.query('SELECT note FROM kept')).toEqual([{ note: 'written by the holder' }]);
      expect(JSON.parse(readFileSync(lockPathFor(dataDir), 'utf8'))).toMatchObject({ pid: process.pid });
    } finally {
      await db.close();
    }
    expect(existsSync(lockPathFor(dataDir))).toBe(false);
  }, 180_000);

  it('is released when the holder closes the database', async () => {
    // The first test's directory when it ran first (a quicker start than a fresh one).
    const dataDir = join(root, 'killed');
    const { child, wait } = await startHolder(dataDir);
    try {
      expect(existsSync(lockPathFor(dataDir))).toBe(true);
      child.stdin?.write('close\n');
      await wait('CLOSED');
      expect(existsSync(lockPathFor(dataDir))).toBe(false);
      const db = await openDatabase({ dataDir });
      await db.close();
    } finally {
      child.kill('SIGKILL');
      await exited(child);
    }
  }, 180_000);

  it('refuses a second opener in the same process, and takes over locks of dead or reused pids', () => {
    const dataDir = join(root, 'unit');
    const lock = acquireDataDirLock(dataDir, 'first');
    expect(() => acquireDataDirLock(dataDir, 'second')).toThrow('this process (pid');
    lock.release();
    lock.release();
    expect(existsSync(lockPathFor(dataDir))).toBe(false);

    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const stale = {
      pid: Number(dead.stdout.toString()),
      hostname: hostname(),
      startedAt: 'then',
      purpose: 'gone',
      command: 'x',
    };
    writeFileSync(lockPathFor(dataDir), JSON.stringify(stale));
    acquireDataDirLock(dataDir, 'after a dead pid').release();

    // Our parent is alive, but it is not the process that wrote this (its start time differs).
    writeFileSync(lockPathFor(dataDir), JSON.stringify({ ...stale, pid: process.ppid, startTicks: 1 }));
    acquireDataDirLock(dataDir, 'after a reused pid').release();

    // An unreadable lock (a holder that died between creating and writing it) is taken over too.
    writeFileSync(lockPathFor(dataDir), '');
    acquireDataDirLock(dataDir, 'after an empty lock').release();
    expect(existsSync(lockPathFor(dataDir))).toBe(false);
  });
});
