/**
 * Child process for data-dir-lock.test.ts: opens the embedded database in argv[2] (purpose
 * "lock test holder"), adds a row, prints READY and waits; on "close" from stdin it closes the
 * database and prints CLOSED, then waits to be killed.
 */
import { openDatabase } from '../database.js';

const dataDir = process.argv[2] ?? '';
const db = await openDatabase({ dataDir, purpose: 'lock test holder' });
await db.exec('CREATE TABLE IF NOT EXISTS kept (note text)');
await db.query("INSERT INTO kept (note) VALUES ('written by the holder')");
process.stdout.write('READY\n');
process.stdin.on('data', async (data: Buffer) => {
  if (!data.toString().includes('close')) return;
  await db.close();
  process.stdout.write('CLOSED\n');
});
setInterval(() => {}, 60_000);
