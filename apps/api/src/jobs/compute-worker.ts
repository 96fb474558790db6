/**
 * Runs inside a compute worker (never on the request thread): runs the task against the
 * worker's database connection. A refusal meant for the client or a database error comes back
 * as plain data (thread-errors.ts); anything else is a failure.
 */
import type { DatabaseHandle } from '@hatang/db';
import { type ComputeKind, type ComputeResults, type ComputeTask, runTask } from './compute-tasks.js';
import { type ThreadError, toThreadError } from './thread-errors.js';
import { workerDatabase } from './worker-database.js';

export type ComputeOutcome =
  | { ok: true; value: ComputeResults[ComputeKind] }
  | { ok: false; error: ThreadError };

export default async function runComputeTask(
  input: ComputeTask & { db: DatabaseHandle },
): Promise<ComputeOutcome> {
  const { db: handle, ...task } = input;
  try {
    return { ok: true, value: await runTask(await workerDatabase(handle), task) };
  } catch (error) {
    const known = toThreadError(error);
    if (known) return { ok: false, error: known };
    throw error;
  }
}
