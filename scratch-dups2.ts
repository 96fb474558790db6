import { migrate, openDatabase } from '@hatang/db';
import { assetResources } from '@hatang/contracts';
import { matchDuplicatesSql } from './apps/api/src/imports/duplicates.js';

const def = assetResources.find((r) => r.path === 'poles')!;
const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
await migrate(db);
const org = crypto.randomUUID();
await db.query(`INSERT INTO organisations (id, code, name, kind) VALUES ($1, $2, 'Bench', 'operator')`, [org, `B-${org.slice(0, 8).toUpperCase()}`]);
const n = Number(process.argv[2] ?? 16000);
await db.exec('DELETE FROM poles WHERE code LIKE \'DUP-%\'');
let csv = '';
for (let i = 0; i < n; i++) csv += `${crypto.randomUUID()},DUP-${i},${org},existing,concrete,telecom,8,0,4,SRID=4326;POINT(${106 + (i % 100) * 0.001} ${20 + Math.floor(i / 100) * 0.001})\n`;
await db.copyCsv('poles', ['id', 'code', 'owner_org_id', 'status', 'material', 'owner_sector', 'height_m', 'attachments_used', 'attachments_max', 'geom'], csv);
await db.exec('ANALYZE poles');
await db.transaction(async (tx) => {
  await tx.exec('CREATE TEMP TABLE b (row_no integer, owner_org_id uuid, code text, geom geometry(Geometry,4326), dup_id uuid) ON COMMIT DROP');
  let rows = '';
  for (let i = 0; i < n; i++) rows += `${i + 1},${org},NEW-${i},SRID=4326;POINT(${106 + (i % 100) * 0.001} ${20 + Math.floor(i / 100) * 0.001})\n`;
  await tx.copyCsv('b', ['row_no', 'owner_org_id', 'code', 'geom'], rows);
  for (const stmt of matchDuplicatesSql(def, 'b').split(';').map((s) => s.trim()).filter((s) => s && !s.startsWith('--'))) {
    const t = performance.now();
    const clean = stmt.split('\n').filter((l) => !l.trim().startsWith('--')).join('\n');
    if (clean.startsWith('UPDATE')) {
      const plan = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${clean}`);
      console.log(plan.map((p) => p['QUERY PLAN']).join('\n'));
    }
    await tx.exec(clean);
    console.log(`  ${(performance.now() - t).toFixed(0)} ms: ${clean.slice(0, 60).replace(/\s+/g, ' ')}`);
  }
  const [c] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM b WHERE dup_id IS NOT NULL');
  console.log(`${db.kind} n=${n}: matched ${c?.n}`);
});
await db.close();
