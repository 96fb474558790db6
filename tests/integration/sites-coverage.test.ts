/**
 * The coverage analysis' candidate sites prefer the communes' published tower offers: through
 * the real app, a block of people nobody serves, with an offer at its centre, gets the offer as
 * its new site although free grid sites nearby would cover the same people.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../apps/api/src/app.js';
import { createOrganisation, insertTestUnit, squareWkt, testCellId } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { plansApp } from './plans-support.js';
import { offerFeature } from './sites-support.js';

type Job = {
  jobId: string;
  status: string;
  result?: {
    candidates: {
      sites: { kind: string; siteOfferId?: string; position: [number, number]; newlyCoveredCount: number }[];
      populationCount: number;
    };
  };
};

let app: App;
let inspector: Session;
let commune: string;
let planner: Session;
let operator: string;
let unitCode: string;
const cellIds: number[] = [];
/**
 * A 3 × 3 block of 100 m cells of 500 000 people each (4.5 million, the whole city's size): no
 * site on the demo data or on other files' fixtures (e.g. an imported 1 km WorldPop grid) gains
 * as many, so the block's site is the first new site whatever else the database holds.
 */
const PEOPLE = 500_000;
const centre: [number, number] = [-11.65, 8.65];

beforeAll(async () => {
  const db = await testDatabase();
  app = plansApp(db);
  const [x, y] = centre;
  unitCode = await insertTestUnit(db, {
    geomWkt: squareWkt(centre, 0.01),
    labelPoint: centre,
    name: 'Xã Đề Nghị Trạm',
    population: PEOPLE * 9,
  });
  for (let i = 0; i < 9; i++) {
    cellIds.push(testCellId(unitCode, i));
    await db.query(
      `INSERT INTO population_cells (id, admin_unit_code, population, geom)
       VALUES ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326))`,
      [
        testCellId(unitCode, i),
        unitCode,
        PEOPLE,
        x + ((i % 3) - 1) * 0.001,
        y + (Math.floor(i / 3) - 1) * 0.001,
      ],
    );
  }
  commune = await createOrganisation(db, 'commune');
  // The inspector's commune is the test's unit: inspectors publish offers only inside it.
  await db.query('UPDATE organisations SET admin_unit_code = $2 WHERE id = $1', [commune, unitCode]);
  inspector = await sessionFor(app, db, commune, ['inspector']);
  planner = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
  // An operator with no towers: every person is a gap for it.
  operator = await createOrganisation(db, 'operator');
});

afterAll(async () => {
  // The block outweighs whole communes: keep other files' city-wide figures as they were.
  const db = await testDatabase();
  await db.query('DELETE FROM population_cells WHERE id = ANY($1::bigint[])', [`{${cellIds.join(',')}}`]);
  await db.query('DELETE FROM site_offers WHERE admin_unit_code = $1', [unitCode]);
  await db.query('UPDATE organisations SET admin_unit_code = NULL WHERE id = $1', [commune]);
  await db.query('DELETE FROM admin_units WHERE code = $1', [unitCode]);
});

async function runCoverage(): Promise<NonNullable<Job['result']>> {
  const started = await call<Job>(app, 'POST', '/api/v1/analysis/coverage', {
    as: planner,
    // Co-location on a tower with a free slot comes before any new site (and so before offers):
    // counting only towers under construction as on air, and allowing the most sites, keeps the
    // other files' towers (and the demo's ~300 under construction) from using up the list before
    // the new sites' turn.
    json: { technology: '5G', operators: [operator], maxSites: 500, statuses: ['under_construction'] },
  });
  expect(started.status).toBe(202);
  for (let i = 0; i < 600; i++) {
    const job = await call<Job>(app, 'GET', `/api/v1/analysis/coverage/${started.body.jobId}`, {
      as: planner,
    });
    if (job.body.status === 'done' && job.body.result) return job.body.result;
    if (job.body.status === 'failed') throw new Error('coverage job failed');
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('coverage job did not finish');
}

type Site = NonNullable<Job['result']>['candidates']['sites'][number];
/**
 * The candidate that serves the block. Other files sharing a server database may add their own
 * fixtures meanwhile, so it need not rank first; it is the first new site (it gains 4.5 million).
 */
const atBlock = (sites: Site[]) =>
  sites.find((s) => Math.abs(s.position[0] - centre[0]) < 0.02 && Math.abs(s.position[1] - centre[1]) < 0.02);

describe('candidate sites prefer site offers', () => {
  it('puts the new site serving the block on the published offer, and off it once withdrawn', async () => {
    const before = await runCoverage();
    // On failure, say what the list held instead.
    const kinds = (sites: Site[]) =>
      `population ${before.candidates.populationCount}; ${sites.length} sites: ${sites.filter((s) => s.kind === 'new').length} new, first new ${JSON.stringify(sites.find((s) => s.kind === 'new'))}`;
    const first = atBlock(before.candidates.sites);
    expect(first, kinds(before.candidates.sites)).toBeDefined();
    if (!first) return;
    // Without an offer a free grid site covers the block (all 9 cells).
    expect(first.siteOfferId).toBeUndefined();
    expect(first.newlyCoveredCount).toBe(PEOPLE * 9);

    const offer = await call<{ id: string }>(app, 'POST', '/api/v1/site-offers', {
      as: inspector,
      json: offerFeature(centre, { purpose: 'both', maxStructureHeightM: 30 }),
    });
    expect(offer.status).toBe(201);
    const withOffer = await runCoverage();
    // The first new site (after any co-location) is the offer.
    expect(withOffer.candidates.sites.find((s) => s.kind === 'new')?.siteOfferId).toBe(offer.body.id);
    expect(atBlock(withOffer.candidates.sites)).toMatchObject({
      kind: 'new',
      siteOfferId: offer.body.id,
      newlyCoveredCount: PEOPLE * 9,
      position: centre,
    });

    const withdrawn = await call(app, 'POST', `/api/v1/site-offers/${offer.body.id}/withdraw`, {
      as: inspector,
      headers: { 'if-match': '1' },
    });
    expect(withdrawn.status).toBe(200);
    const after = await runCoverage();
    expect(after.candidates.sites.some((s) => s.siteOfferId === offer.body.id)).toBe(false);
    expect(atBlock(after.candidates.sites)?.newlyCoveredCount).toBe(PEOPLE * 9);
  });

  it('ignores offers for cabinets only', async () => {
    const cabinet = await call<{ id: string }>(app, 'POST', '/api/v1/site-offers', {
      as: inspector,
      json: offerFeature(centre, { purpose: 'cabinet', areaM2: 6 }),
    });
    expect(cabinet.status).toBe(201);
    const result = await runCoverage();
    expect(result.candidates.sites.some((s) => s.siteOfferId === cabinet.body.id)).toBe(false);
  });
});
