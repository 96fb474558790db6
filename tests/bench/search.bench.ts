/**
 * The search box on the full demo data (≈ 40,000 poles, 6,000 towers, every kind's codes, the
 * communes, ≈ streets) in the embedded database: the service's one statement (every kind, folded
 * diacritics, ranked) with its pg_trgm GIN indexes (migrations/0027), the same statement with
 * those indexes dropped (in a transaction rolled back afterwards), and the named peer: a plain
 * `ILIKE '%q%'` scan of the same text columns without diacritic folding or ranking. Prints p50
 * per query in ms and the ratios.
 */
import { migrate, openDatabase, type Sql } from '@hatang/db';
import { seedDemoData } from '@hatang/seeds';
import { bench, describe } from 'vitest';
import type { Principal } from '../../apps/api/src/auth/principal.js';
import { search } from '../../apps/api/src/features/search/search-service.js';

const db = await openDatabase({});
await migrate(db);
await seedDemoData(db);

/** A planner (finds every kind, every code). */
const planner: Principal = {
  userId: crypto.randomUUID(),
  displayName: 'Bench',
  orgId: crypto.randomUUID(),
  orgKind: 'city_department',
  adminUnitCode: null,
  roles: ['planner'],
  via: 'session',
  scopes: ['read'],
  credentialId: 'bench',
};

const [pole] = await db.query<{ code: string }>('SELECT code FROM poles ORDER BY code OFFSET 20000 LIMIT 1');
if (!pole) throw new Error('no demo poles');
const QUERIES = [pole.code, pole.code.slice(-6), 'le chan', 'lach tray'];

const TEXT_COLUMNS: [string, string][] = [
  ...[
    'towers',
    'poles',
    'manholes',
    'ducts',
    'trenches_tunnels',
    'cable_routes',
    'submarine_cables',
    'landing_stations',
    'wifi_points',
    'data_centres',
    'street_devices',
    'in_building_systems',
    'civil_works',
  ].map((t): [string, string] => [t, 'code']),
  ['admin_units', 'name'],
  ['streets', 'name'],
  ['plan_items', 'name'],
  ['key_sites', 'name'],
];
const peerSql = `${TEXT_COLUMNS.map(
  ([table, column]) => `(SELECT ${column} AS label FROM ${table} WHERE ${column} ILIKE $1 LIMIT 20)`,
).join(' UNION ALL ')} LIMIT 20`;
const peer = (on: Sql, q: string) => on.query(peerSql, [`%${q}%`]);

const INDEXES = (
  await db.query<{ name: string }>(
    "SELECT indexname AS name FROM pg_indexes WHERE indexname LIKE '%_search_idx'",
  )
).map((r) => r.name);

const p50 = async (fn: () => Promise<unknown>, runs = 15): Promise<number> => {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? Number.NaN;
};

const rows: string[] = [];
for (const q of QUERIES) {
  const found = await search(db, planner, q, 20);
  const indexed = await p50(() => search(db, planner, q, 20));
  const plain = await p50(() => peer(db, q));
  let unindexed = Number.NaN;
  await db
    .transaction(async (tx) => {
      for (const name of INDEXES) await tx.exec(`DROP INDEX ${name}`);
      unindexed = await p50(() => search(tx, planner, q, 20), 5);
      throw new Error('rollback');
    })
    .catch(() => undefined);
  rows.push(
    `| ${q} | ${found.length} | ${indexed.toFixed(1)} ms | ${unindexed.toFixed(1)} ms (${(unindexed / indexed).toFixed(1)}×) | ${plain.toFixed(1)} ms |`,
  );
}
console.log(
  [
    `search on the demo data (${INDEXES.length} trigram indexes), p50:`,
    '| query | results | Hatang search, indexed | same, indexes dropped | peer: plain ILIKE scan |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n'),
);

describe('search over the demo data', () => {
  bench(`Hatang search (indexed): "${QUERIES[0]}"`, async () => {
    await search(db, planner, QUERIES[0] ?? '', 20);
  });
  bench(`peer: plain ILIKE scan: "${QUERIES[0]}"`, async () => {
    await peer(db, QUERIES[0] ?? '');
  });
});
