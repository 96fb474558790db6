import { describe, expect, it } from 'vitest';
import { CoverageModel } from '../coverage/coverage-model.js';
import { gridOf, ORIGIN, offsetM } from '../coverage/test-grid.js';
import { coverageAtMilestones, PLANNED_SITES_OPERATOR } from './planned-coverage.js';

const OP = 'op-a';
const units = [
  { code: 'W1', unitType: 'ward' as const },
  { code: 'W2', unitType: 'ward' as const },
];
// 5G-sub6 urban radius 400 m and 4G 800 m at the 30 m reference height (the defaults).
// W1: 100 people at the existing tower, 50 people 600 m east (4G only).
// W2: 30 people 3 km north (nothing), 20 people 3.3 km north.
const cells = [
  { at: offsetM(ORIGIN, 0, 0), people: 100, unit: 0 },
  { at: offsetM(ORIGIN, 600, 0), people: 50, unit: 0 },
  { at: offsetM(ORIGIN, 0, 3000), people: 30, unit: 1 },
  { at: offsetM(ORIGIN, 0, 3300), people: 20, unit: 1 },
];

function model() {
  const m = new CoverageModel(gridOf(cells, units), { operators: [OP, PLANNED_SITES_OPERATOR] });
  m.addTowers([
    {
      id: 't1',
      lng: ORIGIN[0],
      lat: ORIGIN[1],
      unitCode: 'W1',
      heightM: 30,
      tenantsMax: 2,
      tenancies: [{ operatorId: OP, technologies: ['4G', '5G'], mountHeightM: 30 }],
    },
  ]);
  return m;
}

describe('coverage at milestones with a version’s new 5G sites', () => {
  const [siteLng, siteLat] = offsetM(ORIGIN, 0, 3000);
  const [farLng, farLat] = offsetM(ORIGIN, 600, 0);
  const sites = [
    // At the W2 cell 3 km north, on air from 2030: covers it (0 m) and the one 300 m further.
    { id: 's1', lng: siteLng, lat: siteLat, heightM: 30, fromYear: 2030 },
    // At the W1 cell 600 m east, from 2040.
    { id: 's2', lng: farLng, lat: farLat, heightM: null, fromYear: 2040 },
  ];

  it('adds people covered by each milestone’s sites, city-wide', () => {
    const m = model();
    const facts = coverageAtMilestones(m, sites, null);
    expect(facts.populationCount).toBe(200);
    expect(facts.actual).toEqual({ '4G': 150, '5G': 100 });
    expect(facts.planned).toEqual({
      2027: { '4G': 150, '5G': 100 },
      2030: { '4G': 150, '5G': 150 },
      2040: { '4G': 150, '5G': 200 },
    });
  });

  it('limits the figures to one commune', () => {
    const facts = coverageAtMilestones(model(), sites, ['W2']);
    expect(facts.populationCount).toBe(50);
    expect(facts.actual).toEqual({ '4G': 0, '5G': 0 });
    expect(facts.planned?.['2030']).toEqual({ '4G': 0, '5G': 50 });
  });

  it('leaves the model as it was', () => {
    const m = model();
    coverageAtMilestones(m, sites, null);
    expect(m.towerCount).toBe(1);
    expect(coverageAtMilestones(m, null, null)).toEqual({
      populationCount: 200,
      actual: { '4G': 150, '5G': 100 },
      planned: null,
    });
  });

  it('refuses a model that does not count the plan’s pseudo-operator', () => {
    const m = new CoverageModel(gridOf(cells, units), { operators: [OP] });
    expect(() => coverageAtMilestones(m, sites, null)).toThrow(PLANNED_SITES_OPERATOR);
  });
});
