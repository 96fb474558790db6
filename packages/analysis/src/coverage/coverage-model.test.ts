import { describe, expect, it } from 'vitest';
import { CoverageModel, type TowerInput } from './coverage-model.js';
import { coverageSummary } from './coverage-summary.js';
import { gridOf, ORIGIN, offsetM } from './test-grid.js';

const OP_A = 'op-a';
const OP_B = 'op-b';
const units = [
  { code: 'W1', unitType: 'ward' as const },
  { code: 'C2', unitType: 'commune' as const },
];
// One tower in ward W1 at ORIGIN; 4G urban radius 1 km at the 30 m reference height.
const radiusOverrides = { '4G': { urban: 1000 } };
const tower = (over: Partial<TowerInput> = {}): TowerInput => ({
  id: 't1',
  lng: ORIGIN[0],
  lat: ORIGIN[1],
  unitCode: 'W1',
  heightM: 30,
  tenantsMax: 2,
  tenancies: [{ operatorId: OP_A, technologies: ['4G'], mountHeightM: 30 }],
  ...over,
});
// Cells: 0.95 km north (W1, 100 people), 1.05 km north (W1, 200), and two cells across the
// W1/C2 boundary east of the tower: 0.95 km (C2, 10) and 0.999 km (C2, 5), 1.001 km (C2, 7).
const cells = [
  { at: offsetM(ORIGIN, 0, 950), people: 100, unit: 0 },
  { at: offsetM(ORIGIN, 0, 1050), people: 200, unit: 0 },
  { at: offsetM(ORIGIN, 950, 0), people: 10, unit: 1 },
  { at: offsetM(ORIGIN, 999, 0), people: 5, unit: 1 },
  { at: offsetM(ORIGIN, 1001, 0), people: 7, unit: 1 },
];

function model(towers: TowerInput[], operators = [OP_A, OP_B]) {
  const m = new CoverageModel(gridOf(cells, units), { operators, radiusOverrides });
  m.addTowers(towers);
  return m;
}

describe('coverage model: one tower, radius 1 km', () => {
  it('covers the cell at 0.95 km and not the one at 1.05 km', () => {
    const summary = coverageSummary(model([tower()]), '4G');
    const w1 = summary.communes[0]!;
    expect(w1).toMatchObject({ code: 'W1', environment: 'urban', populationCount: 300, coveredCount: 100 });
    expect(w1.uncoveredCount).toBe(200);
    expect(w1.coveredPercent).toBeCloseTo(33.33, 2);
  });

  it('counts a cell across the commune boundary in its own commune, to the metre', () => {
    const c2 = coverageSummary(model([tower()]), '4G').communes[1]!;
    // 0.95 km and 0.999 km are in, 1.001 km is out: 10 + 5 of 22.
    expect(c2).toMatchObject({ code: 'C2', populationCount: 22, coveredCount: 15, uncoveredCount: 7 });
  });

  it('sums communes into the city and splits by operator and service', () => {
    const summary = coverageSummary(model([tower()]), '4G');
    expect(summary.city).toMatchObject({ populationCount: 322, coveredCount: 115, any4GCount: 115 });
    expect(summary.city.any5GCount).toBe(0);
    expect(summary.city.byOperator[OP_A]).toEqual({ '2G': 0, '3G': 0, '4G': 115, '5G': 0 });
    expect(summary.city.byOperator[OP_B]).toEqual({ '2G': 0, '3G': 0, '4G': 0, '5G': 0 });
    expect(summary.city.singleOperatorCount).toBe(115);
  });

  it('counts people served by one operator only, and not when a second joins', () => {
    const shared = tower({
      tenancies: [
        { operatorId: OP_A, technologies: ['4G'], mountHeightM: 30 },
        { operatorId: OP_B, technologies: ['4G', '5G'], mountHeightM: 30 },
      ],
    });
    const summary = coverageSummary(model([shared]), '4G');
    expect(summary.city.coveredCount).toBe(115);
    expect(summary.city.singleOperatorCount).toBe(0);
    // 5G (sub-6) urban default 400 m: none of the cells.
    expect(summary.city.any5GCount).toBe(0);
  });

  it('ignores operators that are not counted', () => {
    const summary = coverageSummary(model([tower()], [OP_B]), '4G');
    expect(summary.city.coveredCount).toBe(0);
  });

  it('raises the radius with height: a 120 m mount reaches 1.4 km, a 7 m pole only 0.7 km', () => {
    const high = tower({ tenancies: [{ operatorId: OP_A, technologies: ['4G'], mountHeightM: 120 }] });
    expect(coverageSummary(model([high]), '4G').city.coveredCount).toBe(322);
    const low = tower({ tenancies: [{ operatorId: OP_A, technologies: ['4G'], mountHeightM: 7 }] });
    expect(coverageSummary(model([low]), '4G').city.coveredCount).toBe(0);
  });

  it('treats a tenancy 5G as 5G-sub6 and a polygon as replacing the radius model', () => {
    const fiveG = tower({ tenancies: [{ operatorId: OP_A, technologies: ['5G'], mountHeightM: 30 }] });
    const m = new CoverageModel(gridOf(cells, units), {
      operators: [OP_A],
      radiusOverrides: { '5G-sub6': { urban: 1000 } },
    });
    m.addTowers([fiveG]);
    expect(coverageSummary(m, '5G').city.coveredCount).toBe(115);
    // A polygon around the 1.05 km cell only: the tower's disc no longer counts for OP_A 5G-sub6.
    const [x, y] = offsetM(ORIGIN, 0, 1050);
    const ring = [
      [x - 0.0004, y - 0.0004],
      [x + 0.0004, y - 0.0004],
      [x + 0.0004, y + 0.0004],
      [x - 0.0004, y + 0.0004],
      [x - 0.0004, y - 0.0004],
    ];
    const withPolygon = new CoverageModel(gridOf(cells, units), {
      operators: [OP_A],
      radiusOverrides: { '5G-sub6': { urban: 1000 } },
      polygons: [{ operatorId: OP_A, technology: '5G-sub6', multiPolygon: [[ring]] }],
    });
    withPolygon.addTowers([fiveG]);
    expect(coverageSummary(withPolygon, '5G').city.coveredCount).toBe(200);
  });
});

describe('incremental update', () => {
  it('moving, adding and removing towers gives the same state as building from scratch', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const many = Array.from({ length: 400 }, (_, i) => ({
      at: offsetM(ORIGIN, random() * 4000, random() * 4000),
      people: Math.floor(random() * 50),
      unit: i % 2,
    }));
    const randomTower = (id: string): TowerInput => {
      const [lng, lat] = offsetM(ORIGIN, random() * 4000, random() * 4000);
      return {
        id,
        lng,
        lat,
        unitCode: random() < 0.5 ? 'W1' : 'C2',
        heightM: 30,
        tenantsMax: 3,
        tenancies: [
          {
            operatorId: random() < 0.5 ? OP_A : OP_B,
            technologies: ['4G', '5G'],
            mountHeightM: 10 + random() * 50,
          },
        ],
      };
    };
    const incremental = new CoverageModel(gridOf(many, units), { operators: [OP_A, OP_B] });
    const towers = new Map<string, TowerInput>();
    for (let i = 0; i < 20; i++) towers.set(`t${i}`, randomTower(`t${i}`));
    incremental.addTowers([...towers.values()]);
    for (let step = 0; step < 60; step++) {
      const id = `t${Math.floor(random() * 25)}`;
      const next = random() < 0.2 ? null : randomTower(id);
      incremental.setTower(id, next);
      if (next) towers.set(id, next);
      else towers.delete(id);
    }
    const fresh = new CoverageModel(gridOf(many, units), { operators: [OP_A, OP_B] });
    fresh.addTowers([...towers.values()]);
    expect(incremental.counts).toEqual(fresh.counts);
    expect(incremental.anyOperators).toEqual(fresh.anyOperators);
    expect(coverageSummary(incremental, '5G')).toEqual(coverageSummary(fresh, '5G'));
    expect(incremental.syncTowers([...towers.values()])).toBe(0);
  });
});
