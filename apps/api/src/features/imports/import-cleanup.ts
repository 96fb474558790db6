/**
 * Stale imports: a user who uploads and walks away leaves a job and its staged rows (up to 100k
 * import_rows, their import_issues). Jobs that were never committed and have not been touched
 * (uploaded, remapped, re-optioned) for `maxAgeMs` are removed with everything staged for them
 * (ON DELETE CASCADE); committed jobs stay as the record of what was imported (their staged rows
 * are already gone). The spooled upload file is removed by the parse itself when it ends.
 */
import { type Database, orm } from '@hatang/db';
import { importJobs } from '@hatang/db/schema';
import { and, lt, ne, notInArray, sql } from 'drizzle-orm';
import { parsingIds } from './import-jobs.js';

export interface ImportCleanupOptions {
  /** Age (since the job was last touched) after which an uncommitted import is removed, ms; default 24 h. */
  maxAgeMs?: number;
  /** How often to look again, ms; default 1 h. */
  intervalMs?: number;
  /** Told after each pass how many jobs it removed (e.g. to log it). */
  onRemoved?: (count: number) => void;
  /** Told when a pass fails (the next pass tries again). */
  onError?: (error: unknown) => void;
}

export const DEFAULT_IMPORT_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Removes uncommitted imports (parsing, ready, failed) last touched more than `maxAgeMs` ago,
 * except those still parsing in this process. Returns how many jobs were removed.
 */
export async function removeStaleImports(
  db: Database,
  maxAgeMs = DEFAULT_IMPORT_MAX_AGE_MS,
): Promise<number> {
  const seconds = Math.max(0, maxAgeMs) / 1000;
  const gone = await orm(db)
    .delete(importJobs)
    .where(
      and(
        ne(importJobs.status, 'committed'),
        lt(importJobs.updatedAt, sql`now() - make_interval(secs => ${seconds}::float8)`),
        notInArray(importJobs.id, parsingIds()),
      ),
    )
    .returning({ id: importJobs.id });
  return gone.length;
}

/**
 * Removes stale imports now (at server start) and then every `intervalMs`. The timer does not
 * keep the process alive. Returns `stop`, and the first pass (resolves to its count).
 */
export function startImportCleanup(
  db: Database,
  options: ImportCleanupOptions = {},
): { stop: () => void; firstPass: Promise<number> } {
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_IMPORT_MAX_AGE_MS;
  let stopped = false;
  let busy = false;
  const pass = async (): Promise<number> => {
    busy = true;
    try {
      const removed = await removeStaleImports(db, maxAgeMs);
      if (!stopped) options.onRemoved?.(removed);
      return removed;
    } catch (error) {
      if (!stopped) options.onError?.(error);
      return 0;
    } finally {
      busy = false;
    }
  };
  const firstPass = pass();
  const timer = setInterval(
    () => {
      // One pass at a time: a tick while a slow DELETE runs is skipped, not queued behind it.
      if (!busy && !stopped) void pass();
    },
    options.intervalMs ?? 60 * 60 * 1000,
  );
  timer.unref?.();
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
    firstPass,
  };
}
