/**
 * The sharing finders on the full demo data (≈ 6,000 towers, ≈ 1,500 km of ducts, 48 civil works)
 * in the embedded database, each against the equivalent PostGIS SQL in the same run:
 * - the city tower report's consolidation pairs (towers of different owners closer than the
 *   sharing distance of their unit) vs an ST_DWithin(geography) self-join — the peer only finds
 *   the pairs, ours also clusters them and computes the utilisation tables;
 * - one nearby-host query vs ST_DWithin on geography for the same point;
 * - dig-once matching vs ST_DWithin + ST_Length(ST_Intersection(telecom, ST_Buffer(work, 15 m))).
 * Ours is timed on data already loaded (what the service does per request is load + compute:
 * the load is printed apart).
 */
import { digOnceMatches, findSharingHosts, TowerIndex, towerSharingReport } from '@hatang/analysis';
import { migrate, openDatabase } from '@hatang/db';
import { seedDemoData } from '@hatang/seeds';
import { bench, describe } from 'vitest';
import { loadTelecomWorks, windowFrom } from '../../apps/api/src/features/sharing/dig-once-repository.js';
import { loadCivilWorks } from '../../apps/api/src/features/sharing/network-repository.js';
import { loadSharingTowers } from '../../apps/api/src/features/sharing/tower-repository.js';

const db = await openDatabase({});
await migrate(db);
await seedDemoData(db);

const time = async <T>(fn: () => T | Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: string[] = [];
const report = (what: string, ours: number, peer: number, peerName: string) =>
  rows.push(
    `| ${what} | ${ours.toFixed(3)} ms | ${peer.toFixed(1)} ms (${peerName}) | ${(peer / ours).toFixed(0)}× |`,
  );

// 1. City report.
const [towers, loadMs] = await time(() => loadSharingTowers(db));
const runs: number[] = [];
let result = towerSharingReport(new TowerIndex(towers));
for (let i = 0; i < 5; i++) {
  const [r, ms] = await time(() => towerSharingReport(new TowerIndex(towers)));
  result = r;
  runs.push(ms);
}
const pairSql = `
  WITH t AS (
    SELECT t.id, t.owner_org_id, t.geom::geography AS g,
           CASE WHEN u.unit_type = 'ward' THEN 100 ELSE 400 END AS d
    FROM towers t LEFT JOIN admin_units u ON u.code = t.admin_unit_code
    WHERE t.status = 'existing')
  SELECT count(*)::int AS pairs FROM t a JOIN t b
    ON a.id < b.id AND a.owner_org_id <> b.owner_org_id
   AND ST_DWithin(a.g, b.g, 400) AND ST_Distance(a.g, b.g) < greatest(a.d, b.d)`;
const peerRuns: number[] = [];
let peerPairs = 0;
for (let i = 0; i < 3; i++) {
  const [r, ms] = await time(() => db.query<{ pairs: number }>(pairSql));
  peerPairs = r[0]?.pairs ?? 0;
  peerRuns.push(ms);
}
report(
  'city tower report (consolidation pairs, clusters, utilisation)',
  median(runs),
  median(peerRuns),
  'ST_DWithin geography self-join, pairs only',
);

// 2. One nearby query (a planned tower in a ward centre).
const index = new TowerIndex(towers);
const [unit] = await db.query<{ lng: number; lat: number }>(
  "SELECT ST_X(label_point) AS lng, ST_Y(label_point) AS lat FROM admin_units WHERE unit_type = 'ward' ORDER BY code LIMIT 1",
);
const point: [number, number] = [Number(unit!.lng), Number(unit!.lat)];
const nearRuns: number[] = [];
for (let i = 0; i < 50; i++)
  nearRuns.push(
    (
      await time(() => findSharingHosts(index, { position: point, unitType: 'ward', requiredHeightM: 30 }))
    )[1],
  );
const nearPeer: number[] = [];
for (let i = 0; i < 10; i++) {
  nearPeer.push(
    (
      await time(() =>
        db.query(
          `SELECT t.id FROM towers t WHERE t.status = 'existing'
             AND ST_DWithin(t.geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, 100)
             AND t.tenants_max > (SELECT count(*) FROM tenancies n WHERE n.tower_id = t.id)`,
          point,
        ),
      )
    )[1],
  );
}
report(
  'nearby hosts for one point (ward, 100 m)',
  median(nearRuns),
  median(nearPeer),
  'ST_DWithin geography',
);

// 3. Dig-once.
const window = windowFrom('2026-07-01', 48);
const [[telecom, civil], digLoadMs] = await time(() =>
  Promise.all([loadTelecomWorks(db, window), loadCivilWorks(db)]),
);
const digRuns: number[] = [];
let matches = digOnceMatches(telecom, civil);
for (let i = 0; i < 5; i++) {
  const [m, ms] = await time(() => digOnceMatches(telecom, civil));
  matches = m;
  digRuns.push(ms);
}
const digSql = `
  WITH t AS (SELECT id, geom FROM ducts WHERE status IN ('planned', 'under_construction')
             UNION ALL SELECT id, geom FROM cable_routes WHERE status IN ('planned', 'under_construction') AND placement = 'underground'),
       w AS (SELECT id, geom, starts_on, ends_on FROM civil_works WHERE status IN ('planned', 'under_construction'))
  SELECT count(*)::int AS n FROM t JOIN w
    ON ST_DWithin(t.geom::geography, w.geom::geography, 15)
   AND greatest(w.starts_on, $1::date) <= least(w.ends_on, $2::date)
   AND ST_Length(ST_Intersection(t.geom::geography, ST_Buffer(w.geom::geography, 15))) >= 50`;
const digPeer: number[] = [];
let peerMatches = 0;
for (let i = 0; i < 3; i++) {
  const [r, ms] = await time(() => db.query<{ n: number }>(digSql, [window.startsOn, window.endsOn]));
  peerMatches = r[0]?.n ?? 0;
  digPeer.push(ms);
}
report(
  'dig-once matching (15 m, ≥ 50 m, windows overlap)',
  median(digRuns),
  median(digPeer),
  'ST_DWithin + ST_Buffer/ST_Intersection on geography',
);

console.log(
  `\nSharing finders on the demo data: ${towers.length} standing towers (load ${loadMs.toFixed(0)} ms), ${result.clusters.length} consolidation clusters, ${result.underused.length} single-tenant towers; peer pairs ${peerPairs}; ${telecom.length} planned telecom works × ${civil.length} civil works (load ${digLoadMs.toFixed(0)} ms): ${matches.length} matches (peer: ${peerMatches})`,
);
console.log('| measure | Hatang | peer | ratio |\n|---|---|---|---|');
for (const r of rows) console.log(r);

describe('sharing finders on the demo data', () => {
  bench('Hatang: city tower report', () => {
    towerSharingReport(new TowerIndex(towers));
  });
  bench('Hatang: dig-once matching', () => {
    digOnceMatches(telecom, civil);
  });
});
