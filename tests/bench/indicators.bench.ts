/**
 * Indicators on the full demo data (≈ 309k population cells of 100 m, ~6,000 towers): how long a
 * plan version's indicators take city-wide and per commune, cold and warm, against the plain way
 * to get the same planned 5G coverage — rebuilding a coverage model with the register's towers
 * and the version's new sites for each milestone. Both give the same people counts (checked).
 * Prints our figure, the peer's and the ratio; `bench` entries repeat ours.
 */
import {
  CoverageModel,
  coverageAtMilestones,
  PLANNED_SITES_OPERATOR,
  type TowerInput,
} from '@hatang/analysis';
import { MILESTONE_YEARS } from '@hatang/contracts';
import { migrate, openDatabase } from '@hatang/db';
import { seedDemoData } from '@hatang/seeds';
import { bench, describe } from 'vitest';
import {
  loadGrid,
  loadOperators,
  loadPolygons,
  loadTowers,
} from '../../apps/api/src/features/analysis/coverage-data.js';
import { loadPlannedSites } from '../../apps/api/src/features/indicators/indicator-repository.js';
import { IndicatorService } from '../../apps/api/src/features/indicators/indicator-service.js';

const db = await openDatabase({});
await migrate(db);
await seedDemoData(db);

const time = async <T>(fn: () => T | Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
};

// A draft with 60 new tower sites and 20 tower areas spread over the city (phases in turn) and
// 20 duct routes: a plan of the size the city drafts.
const [plan] = await db.query<{ id: string }>(
  `INSERT INTO plans (id, name, horizon_year, vision_year) VALUES (gen_random_uuid(), 'Bench plan', 2030, 2040) RETURNING id::text`,
);
const [version] = await db.query<{ id: string }>(
  `INSERT INTO plan_versions (id, plan_id, kind, name) VALUES (gen_random_uuid(), $1, 'draft', 'Bench draft') RETURNING id::text`,
  [plan?.id],
);
const versionId = version?.id ?? '';
await db.query(
  `INSERT INTO plan_items (id, plan_version_id, origin_id, kind, phase, status, attributes, geom)
   SELECT id, $1, id, kind, (ARRAY['2026-2027', '2028-2030', '2031-2040'])[1 + n % 3], 'planned', attrs, geom FROM (
     SELECT gen_random_uuid() AS id, n,
       CASE WHEN n <= 60 THEN 'tower_site' WHEN n <= 80 THEN 'tower_area' ELSE 'duct_route' END AS kind,
       CASE WHEN n <= 60 THEN '{"heightM": 30}'::jsonb WHEN n <= 80 THEN '{"towerClass": "A2b", "maxHeightM": 40, "tenantsPlanned": 3}'::jsonb ELSE '{}'::jsonb END AS attrs,
       CASE WHEN n <= 60 THEN ST_SetSRID(ST_MakePoint(106.45 + (n % 10) * 0.06, 20.70 + (n / 10) * 0.05), 4326)
            WHEN n <= 80 THEN ST_Expand(ST_SetSRID(ST_MakePoint(106.48 + (n % 10) * 0.06, 20.72 + (n % 7) * 0.05), 4326), 0.002)
            ELSE ST_SetSRID(ST_MakeLine(ST_MakePoint(106.6 + n * 0.003, 20.8), ST_MakePoint(106.6 + n * 0.003, 20.81)), 4326) END AS geom
     FROM generate_series(1, 100) n) s`,
  [versionId],
);
const ref = { id: versionId, name: 'Bench draft', kind: 'draft', version: 1 };
const communes = await db.query<{ code: string }>(
  'SELECT code FROM admin_units ORDER BY population DESC LIMIT 1',
);
const commune = communes[0]?.code ?? null;

const service = new IndicatorService(db);
const [, coldRegisterMs] = await time(() => service.report(null, null));
const [cityReport, versionCityMs] = await time(() => service.report(null, ref));
const [, versionCommuneMs] = await time(() => service.report(commune, ref));
const [, cachedMs] = await time(() => service.report(null, ref));
const ours = cityReport.timingsMs;

// Peer: rebuild a model with the register's towers and the version's sites, per milestone.
const { grid } = await loadGrid(db);
const operators = [...(await loadOperators(db)).map((o) => o.id), PLANNED_SITES_OPERATOR];
const polygons = await loadPolygons(db);
const towers = await loadTowers(db, ['existing']);
const sites = await loadPlannedSites(db, versionId);
const [peerCounts, peerMs] = await time(() =>
  MILESTONE_YEARS.map((year) => {
    const model = new CoverageModel(grid, { operators, polygons });
    model.addTowers(towers);
    model.addTowers(
      sites
        .filter((s) => s.fromYear <= year)
        .map(
          (s): TowerInput => ({
            id: s.id,
            lng: s.lng,
            lat: s.lat,
            heightM: s.heightM ?? 30,
            tenantsMax: 1,
            tenancies: [
              { operatorId: PLANNED_SITES_OPERATOR, technologies: ['5G'], mountHeightM: s.heightM ?? 30 },
            ],
          }),
        ),
    );
    return coverageAtMilestones(model, null, null).actual['5G'];
  }),
);
// Ours: the incremental coverage step alone, on the warm register model.
const warm = new CoverageModel(grid, { operators, polygons });
warm.addTowers(towers);
const [oursCoverage, oursCoverageMs] = await time(() => coverageAtMilestones(warm, sites, null));
const same = MILESTONE_YEARS.every(
  (year, i) => Math.abs((oursCoverage.planned?.[`${year}`]['5G'] ?? -1) - (peerCounts[i] ?? -2)) < 1e-6,
);

console.log(
  `\nindicators on the demo data (${grid.n} cells, ${towers.length} towers, ${sites.length} new sites; same 5G counts as the peer: ${same})`,
);
console.log('| measure | Hatang | peer | ratio |\n|---|---|---|---|');
console.log(
  `| planned 5G coverage at 3 milestones | ${oursCoverageMs.toFixed(1)} ms (sites added to the warm model and removed) | ${peerMs.toFixed(0)} ms (3 model rebuilds with the sites) | ${(peerMs / oursCoverageMs).toFixed(0)}× |`,
);
console.log(
  `first register report (cold: grid + model build) ${coldRegisterMs.toFixed(0)} ms; a version city-wide (warm) ${versionCityMs.toFixed(0)} ms ${JSON.stringify(ours)}; one commune ${versionCommuneMs.toFixed(0)} ms; cached ${cachedMs.toFixed(1)} ms`,
);

describe('indicators on the demo data', () => {
  bench('Hatang: planned 5G coverage of a version at 3 milestones (warm model)', () => {
    coverageAtMilestones(warm, sites, null);
  });
});
