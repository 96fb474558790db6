import { describe, expect, it } from 'vitest';
import { candidateSites } from './candidate-sites.js';
import { CoverageModel, type TowerInput } from './coverage-model.js';
import { gridOf, latticeGrid, ORIGIN } from './test-grid.js';

const units = [{ code: 'W1', unitType: 'ward' as const }];
// 5G urban radius 150 m: a site covers its cell and the four edge neighbours (~104–111 m away),
// not the diagonals (~150.5 m).
const radiusOverrides = { '5G-sub6': { urban: 150 } };
const [x0, y0] = ORIGIN;
const tower = (id: string, col: number, row: number, tenancies: TowerInput['tenancies'], tenantsMax = 2) => ({
  id,
  lng: x0 + col * 0.001,
  lat: y0 + row * 0.001,
  unitCode: 'W1',
  heightM: 30,
  tenantsMax,
  tenancies,
});

describe('candidate sites', () => {
  it('co-locates on a tower with free capacity first, then proposes new sites by people gained', () => {
    // 1 × 12 row of cells with 10 people each.
    const grid = latticeGrid(1, 12, units, () => 10);
    const model = new CoverageModel(grid, { operators: ['A', 'B'], radiusOverrides });
    model.addTowers([
      tower('has-5g', 0, 0, [{ operatorId: 'A', technologies: ['5G'], mountHeightM: 30 }]),
      tower('4g-only', 5, 0, [{ operatorId: 'A', technologies: ['4G'], mountHeightM: 30 }]),
      tower('full', 9, 0, [{ operatorId: 'A', technologies: ['4G'], mountHeightM: 30 }], 1),
    ]);
    const plan = candidateSites(model, { service: '5G', gridSpacingM: 100 });
    // 5G covers cells 0–1 (20 people of 120).
    expect(plan.coveredCountBefore).toBe(20);
    const [first, ...rest] = plan.sites;
    // B joins the 4G-only tower: cells 4, 5, 6 → 30 people. The full tower is not offered.
    expect(first).toMatchObject({
      kind: 'colocation',
      towerId: '4g-only',
      operatorId: 'B',
      newlyCoveredCount: 30,
    });
    expect(plan.sites.some((s) => s.towerId === 'full')).toBe(false);
    expect(rest.every((s) => s.kind === 'new')).toBe(true);
    // Then new sites: cells 2, 3, 7–11 remain (70 people); each new site gains at most 30.
    expect(rest[0]!.newlyCoveredCount).toBe(30);
    const gains = plan.sites.map((s) => s.newlyCoveredCount);
    expect([...gains].sort((a, b) => b - a)).toEqual(gains);
    expect(plan.targetReached).toBe(true);
    expect(plan.coveredCountAfter).toBe(120);
    expect(plan.sites.at(-1)!.coveredPercentAfter).toBe(100);
    expect(gains.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('proposes a site for a settlement smaller than the grid spacing that no lattice point falls in', () => {
    // Two one-cell settlements: at the lattice's origin, and ~250 m from the nearest 500 m lattice
    // point (0.0072° east at 21° N is 1.5 lattice steps): the second only gets a site at its cell.
    const far: [number, number] = [x0 + 0.0072, y0 + 0.0033];
    const grid = gridOf(
      [
        { at: [x0, y0], people: 10, unit: 0 },
        { at: far, people: 100, unit: 0 },
      ],
      units,
      { dLng: 0.001, dLat: 0.001 },
    );
    const model = new CoverageModel(grid, { operators: ['A'], radiusOverrides });
    const plan = candidateSites(model, { service: '5G', gridSpacingM: 500 });
    expect(plan.sites[0]).toMatchObject({ kind: 'new', newlyCoveredCount: 100, position: far });
    expect(plan.coveredCountAfter).toBe(110);
  });

  it('stops at the target share or the site limit', () => {
    const grid = latticeGrid(1, 12, units, () => 10);
    const model = new CoverageModel(grid, { operators: ['A'], radiusOverrides });
    expect(candidateSites(model, { service: '5G', gridSpacingM: 100, maxSites: 2 }).sites).toHaveLength(2);
    const half = candidateSites(model, { service: '5G', gridSpacingM: 100, targetPercent: 50 });
    expect(half.coveredCountAfter).toBeGreaterThanOrEqual(60);
    expect(half.sites).toHaveLength(2);
    expect(half.targetReached).toBe(true);
  });

  it('puts no new site inside an excluded area, but still co-locates on towers there', () => {
    // 1 × 12 row of cells 0.001° apart (≈ 104 m), 10 people each; the area excluded covers cells 0–5.
    const grid = latticeGrid(1, 12, units, () => 10);
    const model = new CoverageModel(grid, { operators: ['A', 'B'], radiusOverrides });
    model.addTowers([tower('inside', 2, 0, [{ operatorId: 'A', technologies: ['4G'], mountHeightM: 30 }])]);
    const west = x0 - 0.0005;
    const east = x0 + 0.0055;
    const area = [
      [
        [
          [west, y0 - 0.0005],
          [east, y0 - 0.0005],
          [east, y0 + 0.0005],
          [west, y0 + 0.0005],
          [west, y0 - 0.0005],
        ],
      ],
    ];
    const plan = candidateSites(model, { service: '5G', gridSpacingM: 100, excludedAreas: [area] });
    // B joins the tower inside the area: cells 1–3. New sites stand east of 0.0055°; the nearest
    // (grid point 6 × 0.000961° ≈ 0.00577°) reaches cell 5 (≈ 80 m) but not cell 4 (≈ 184 m).
    // So cells 0 and 4 stay uncovered: 100 of 120 people.
    expect(plan.sites[0]).toMatchObject({ kind: 'colocation', towerId: 'inside', newlyCoveredCount: 30 });
    const fresh = plan.sites.filter((s) => s.kind === 'new');
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((s) => s.position[0] > east)).toBe(true);
    expect(plan.coveredCountAfter).toBe(100);
    expect(plan.targetReached).toBe(false);
    // Without the area, new sites close every gap.
    expect(candidateSites(model, { service: '5G', gridSpacingM: 100 }).coveredCountAfter).toBe(120);
  });

  describe("communes' site offers", () => {
    const offerAt = (id: string, col: number) => ({
      id,
      lng: x0 + col * 0.001,
      lat: y0,
      unitCode: 'W1',
      heightM: 30,
    });

    it('prefers an offer to an equally good free site, and says which offer it is', () => {
      // 1 × 12 row, 10 people per cell, nothing covered: the best free sites gain 3 cells (30 people);
      // an offer at cell 5 gains cells 4–6, the same 30.
      const grid = latticeGrid(1, 12, units, () => 10);
      const model = new CoverageModel(grid, { operators: ['A'], radiusOverrides });
      const free = candidateSites(model, { service: '5G', gridSpacingM: 100 });
      expect(free.sites[0]!.newlyCoveredCount).toBe(30);
      expect(free.sites[0]!.siteOfferId).toBeUndefined();

      const plan = candidateSites(model, {
        service: '5G',
        gridSpacingM: 100,
        offers: [offerAt('offer-5', 5)],
      });
      expect(plan.sites[0]).toMatchObject({
        kind: 'new',
        siteOfferId: 'offer-5',
        newlyCoveredCount: 30,
        position: [x0 + 0.005, y0],
      });
      // The rest are free sites, and together they still close every gap.
      expect(plan.sites.slice(1).every((s) => s.siteOfferId === undefined)).toBe(true);
      expect(plan.coveredCountAfter).toBe(120);
    });

    it('takes a free site that gains clearly more, unless the preference is lowered', () => {
      // An offer at cell 0 (the row's end) gains cells 0–1: 20 people, less than 0.9 × 30.
      const grid = latticeGrid(1, 12, units, () => 10);
      const model = new CoverageModel(grid, { operators: ['A'], radiusOverrides });
      const offers = [offerAt('edge', 0)];
      const plan = candidateSites(model, { service: '5G', gridSpacingM: 100, offers });
      expect(plan.sites[0]!.siteOfferId).toBeUndefined();
      expect(plan.sites[0]!.newlyCoveredCount).toBe(30);
      // At 0.6 an offer needs only 18 of a free site's 30: the edge offer now comes first.
      const lenient = candidateSites(model, {
        service: '5G',
        gridSpacingM: 100,
        offers,
        offerPreference: 0.6,
      });
      expect(lenient.sites[0]).toMatchObject({ siteOfferId: 'edge', newlyCoveredCount: 20 });
    });

    it('leaves out offers inside an excluded area, and offers where nobody lacks coverage', () => {
      const grid = latticeGrid(1, 12, units, () => 10);
      const model = new CoverageModel(grid, { operators: ['A'], radiusOverrides });
      model.addTowers([
        tower('covers-0-2', 1, 0, [{ operatorId: 'A', technologies: ['5G'], mountHeightM: 30 }]),
      ]);
      const area = [
        [
          [
            [x0 + 0.0085, y0 - 0.0005],
            [x0 + 0.0095, y0 - 0.0005],
            [x0 + 0.0095, y0 + 0.0005],
            [x0 + 0.0085, y0 + 0.0005],
            [x0 + 0.0085, y0 - 0.0005],
          ],
        ],
      ];
      const plan = candidateSites(model, {
        service: '5G',
        gridSpacingM: 100,
        offers: [offerAt('covered', 1), offerAt('restricted', 9)],
        excludedAreas: [area],
      });
      expect(plan.sites.some((s) => s.siteOfferId !== undefined)).toBe(false);
    });
  });
});
