/**
 * Runs inside a compute worker (never on the request thread): attaches to the database the task's
 * handle names — once per worker, kept for the next tasks — and runs the task. A refusal the
 * task means for the client (an ApiError) comes back as plain data; anything else is a failure.
 */
import { attachDatabase, type Database, type DatabaseHandle } from '@hatang/db';
import { ApiError } from '../errors.js';
import { type ComputeKind, type ComputeResults, type ComputeTask, runTask } from './compute-tasks.js';

export type ComputeOutcome =
  | { ok: true; value: ComputeResults[ComputeKind] }
  | { ok: false; refusal: Pick<ApiError, 'status' | 'code' | 'message' | 'details'> }
  /** A database error: its message and PostgreSQL's fields (the error handler maps them). */
  | { ok: false; databaseError: Record<string, string> };

/** A PostgreSQL error's own fields (code, constraint, detail…), which a thrown Error would lose. */
function databaseErrorOf(error: unknown): Record<string, string> | undefined {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return undefined;
  if (!/^[0-9A-Z]{5}$/.test(error.code)) return undefined;
  const fields: Record<string, string> = { message: error.message };
  for (const [key, value] of Object.entries(error)) if (typeof value === 'string') fields[key] = value;
  return fields;
}

let attached: Promise<Database> | undefined;

export default async function runComputeTask(
  input: ComputeTask & { db: DatabaseHandle },
): Promise<ComputeOutcome> {
  const { db: handle, ...task } = input;
  if (attached) {
    // This worker already has its connection: the one sent along is not needed.
    if (handle.kind === 'pglite') handle.port.close();
  } else {
    attached = attachDatabase(handle);
    attached.catch(() => {
      attached = undefined;
    });
  }
  try {
    const value = await runTask(await attached, task);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ApiError)
      return {
        ok: false,
        refusal: { status: error.status, code: error.code, message: error.message, details: error.details },
      };
    const databaseError = databaseErrorOf(error);
    if (databaseError) return { ok: false, databaseError };
    throw error;
  }
}
