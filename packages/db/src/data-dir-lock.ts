import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';

/** Who holds an embedded database's data directory, as written in its lock file. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** ISO time the holder took the lock. */
  startedAt: string;
  /** What the holder is, for people: "the Hatang server", "npm run user:create". */
  purpose: string;
  /** The holder's command line. */
  command: string;
  /** Linux: the process's start time in clock ticks since boot, to tell a reused pid. */
  startTicks?: number;
  /** Set by a server once it listens: where it answers (e.g. http://127.0.0.1:8080). */
  url?: string;
}

export interface DataDirLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Adds facts to the lock record (the server's URL once it listens). */
  update(extra: Partial<Pick<LockHolder, 'url'>>): void;
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): void;
}

/** A second process tried to open a data directory another process holds. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly lockPath: string,
    readonly holder: LockHolder,
  ) {
    const self = holder.pid === process.pid && holder.hostname === hostname();
    const who = self
      ? `this process (pid ${holder.pid}) already has it open`
      : `it is in use by pid ${holder.pid}${holder.hostname === hostname() ? '' : ` on ${holder.hostname}`}: ${holder.purpose}, started at ${holder.startedAt}${holder.url ? `, answering at ${holder.url}` : ''} (${holder.command})`;
    super(
      `The embedded database in ${dataDir} is locked: ${who}. Only one process may open an embedded ` +
        `database at a time (two would corrupt it). Stop that process first, or use the running server ` +
        `through its API. If no such process exists, remove ${lockPath}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

/** The lock file of a data directory: beside it (`.data` → `.data.lock`), so PGlite's dumps leave it out. */
export function lockPathFor(dataDir: string): string {
  return `${resolve(dataDir)}.lock`;
}

/** The process's start time in clock ticks since boot (Linux /proc), or undefined elsewhere. */
function startTicksOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22; the command name (field 2) is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(holder: LockHolder): boolean {
  // Another machine (a shared disk): we cannot tell, so we assume it is alive.
  if (holder.hostname !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // The pid exists, but it may have been reused by an unrelated process since the holder died.
  const ticks = startTicksOf(holder.pid);
  return holder.startTicks === undefined || ticks === undefined || ticks === holder.startTicks;
}

function parse(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    return typeof value.pid === 'number' && typeof value.hostname === 'string'
      ? (value as LockHolder)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Reads who holds `dataDir`, or undefined when nobody alive does. */
export function readDataDirLock(dataDir: string): LockHolder | undefined {
  try {
    const holder = parse(readFileSync(lockPathFor(dataDir), 'utf8'));
    return holder && isAlive(holder) ? holder : undefined;
  } catch {
    return undefined;
  }
}

function describeCommand(): string {
  return process.argv
    .slice(1)
    .map((a) => a.replace(`${process.cwd()}/`, ''))
    .join(' ');
}

function writeRecord(path: string, holder: LockHolder, flag: 'wx' | 'w'): void {
  const fd = openSync(path, flag, 0o644);
  try {
    writeSync(fd, `${JSON.stringify(holder, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Takes the lock of an embedded database's data directory: creates `<dataDir>.lock` atomically
 * (O_EXCL) with this process's pid, start time and command. A lock left by a process that no
 * longer runs (killed, crashed) is taken over; a live holder makes it throw DataDirLockedError.
 * The lock is released by `release()` and, failing that, when the process exits.
 */
export function acquireDataDirLock(dataDir: string, purpose = `node ${describeCommand()}`): DataDirLock {
  const path = lockPathFor(dataDir);
  const holder: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date().toISOString(),
    purpose,
    command: describeCommand(),
    ...(startTicksOf(process.pid) === undefined ? {} : { startTicks: startTicksOf(process.pid) }),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      writeRecord(path, holder, 'wx');
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 20) throw error;
    }
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue; // Released between our two calls: try again.
    }
    const current = parse(text);
    if (!current) {
      // Empty or half-written: a holder between its create and its write, or one that died there.
      if (attempt < 10) {
        sleep(50);
        continue;
      }
    } else if (isAlive(current)) {
      throw new DataDirLockedError(resolve(dataDir), path, current);
    }
    // Stale: move it aside (atomic), check we moved the stale record and not a fresh one that
    // another process wrote meanwhile (then put that back), and try to create ours again.
    const aside = `${path}.stale-${process.pid}-${attempt}`;
    try {
      renameSync(path, aside);
    } catch {
      continue;
    }
    const moved = readFileSync(aside, 'utf8');
    if (moved !== text) renameSync(aside, path);
    else unlinkSync(aside);
  }

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      const current = parse(readFileSync(path, 'utf8'));
      if (current?.pid === holder.pid && current.startedAt === holder.startedAt) unlinkSync(path);
    } catch {
      // Already gone.
    }
  };
  process.on('exit', release);
  return {
    path,
    holder,
    update(extra) {
      if (released) return;
      Object.assign(holder, extra);
      // Write beside it and rename: a reader never sees a half-written record.
      const next = `${path}.${process.pid}.tmp`;
      writeRecord(next, holder, 'w');
      renameSync(next, path);
    },
    release,
  };
}
