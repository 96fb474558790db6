// A worker thread for database.test.ts: attaches to the database its handle names, writes in a
// transaction and reports what it read. tsx's loader is registered here (workers do not inherit
// the test runner's TypeScript loader).
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { attachDatabase } = await import('../database.ts');
const db = await attachDatabase(workerData.handle);
await db.transaction(async (tx) => {
  await tx.query(`INSERT INTO attached VALUES ('from-worker')`);
});
const rows = await db.query('SELECT k FROM attached ORDER BY k');
parentPort.postMessage(rows.map((r) => r.k));
if (workerData.leaveTransactionOpen) {
  // Begins and never ends: the host must roll it back when this thread goes.
  db.transaction(async (tx) => {
    await tx.query(`INSERT INTO attached VALUES ('never-committed')`);
    parentPort.postMessage('inside');
    await new Promise(() => {});
  });
} else {
  await db.close();
}
