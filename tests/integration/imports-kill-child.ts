/**
 * Child process for imports-kill.test.ts: stages a large import, starts its commit and, once the
 * rows are inserted but not yet committed, pauses so the parent can SIGKILL it mid-transaction.
 * argv: <pglite data dir | "server"> <rows>. Prints `STAGED <importId> <orgId>` and `IN-COMMIT <stage>`.
 */
import { poles } from '@hatang/contracts';
import { migrate, openDatabase } from '@hatang/db';
import { commitImport } from '../../apps/api/src/features/imports/commit-import.js';
import { insertJob, updateJob } from '../../apps/api/src/features/imports/import-repository.js';
import { stageChunk } from '../../apps/api/src/features/imports/stage-rows.js';
import { validateImport } from '../../apps/api/src/features/imports/validate-import.js';

const [where = 'server', rowsArg = '20000'] = process.argv.slice(2);
const rows = Number(rowsArg);
const db = await openDatabase(
  where === 'server' ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: where },
);
await migrate(db);
const org = crypto.randomUUID();
await db.query("INSERT INTO organisations (id, code, name, kind) VALUES ($1, $2, 'Kill test', 'operator')", [
  org,
  `K-${org.slice(0, 8).toUpperCase()}`,
]);
const id = crypto.randomUUID();
await insertJob(db, {
  id,
  resource: 'poles',
  format: 'csv',
  fileName: 'kill.csv',
  requestedCrs: null,
  bytesTotal: 0,
  createdBy: null,
  createdByOrg: org,
});
for (let start = 0; start < rows; start += 5000) {
  const features = Array.from({ length: Math.min(5000, rows - start) }, (_, i) => ({
    geometry: { type: 'Point', coordinates: [0.5 + (start + i) * 1e-5, 0.6] },
    properties: {
      code: `kill-${start + i}`,
      ownerOrgId: org,
      status: 'existing',
      material: 'concrete',
      ownerSector: 'telecom',
      heightM: 8,
      attachmentsUsed: 1,
      attachmentsMax: 4,
    },
  }));
  await stageChunk(db, id, start + 1, features, 'EPSG:4326');
}
const mapping = Object.fromEntries(Object.keys(poles.shape).map((k) => [k, k]));
await validateImport(db, id, poles, mapping, undefined);
await updateJob(db, id, { status: 'ready' });
process.stdout.write(`STAGED ${id} ${org}\n`);
await commitImport(
  db,
  id,
  poles,
  {
    userId: null,
    name: 'kill test',
    orgId: org,
    via: 'system',
    requestId: 'kill-test',
    clientRequestId: null,
  },
  undefined,
  (stage) => {
    process.stdout.write(`IN-COMMIT ${stage}\n`);
    // Rows are written but not committed: hold the transaction open until the parent kills us.
    if (stage === 'auditing') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  },
);
process.stdout.write('COMMITTED\n');
await db.close();
