import type { Database } from '@hatang/db';

/**
 * Opens a transaction that holds the database until `release()`: the one connection of the
 * embedded database, and on a server whatever `statement` locks (default none). Resolves once
 * the transaction has started; `done` settles when it has ended.
 */
export async function holdDatabase(
  db: Database,
  statement = 'SELECT 1',
): Promise<{ release: () => void; done: Promise<void> }> {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let started = () => {};
  const isHeld = new Promise<void>((resolve) => {
    started = resolve;
  });
  const done = db.transaction(async (tx) => {
    await tx.exec(statement);
    started();
    await held;
  });
  await Promise.race([isHeld, done]);
  return { release, done };
}
