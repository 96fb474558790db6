/**
 * A pool worker's database: attached with the first task's handle and kept for the worker's
 * life (its caches stay warm); a handle sent with a later task is closed unused.
 */
import { attachDatabase, type Database, type DatabaseHandle } from '@hatang/db';

let connection: Promise<Database> | undefined;

export function workerDatabase(handle: DatabaseHandle): Promise<Database> {
  if (connection) {
    if (handle.kind === 'pglite') handle.port.close();
    return connection;
  }
  const attaching = attachDatabase(handle);
  connection = attaching;
  attaching.catch(() => {
    if (connection === attaching) connection = undefined;
  });
  return attaching;
}
