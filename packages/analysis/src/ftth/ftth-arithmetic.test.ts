import { describe, expect, it } from 'vitest';
import { gridOf, ORIGIN, offsetM } from '../coverage/test-grid.js';
import { fiberIndicators } from './fiber-indicators.js';
import { distanceToSegmentM, fiberReach, householdsOf } from './fiber-reach.js';
import { aggregateFtth, percentOfHouseholds } from './ftth-aggregate.js';

describe('aggregating operators without double counting', () => {
  it('reports the largest operator as the lower bound and min(sum, households) as the upper', () => {
    const agg = aggregateFtth(
      [
        { homesPassed: 400, homes1Gbps: 100, subscriptions: 50 },
        { homesPassed: 300, homes1Gbps: 250, subscriptions: null },
        { homesPassed: 200, homes1Gbps: 0, subscriptions: 30 },
      ],
      700,
    );
    // Passed: max 400; sum 900 → capped at 700 households. 1 Gbps: max 250; sum 350 < 700.
    expect(agg).toEqual({
      operatorCount: 3,
      homesPassedReported: 400,
      homesPassedUpper: 700,
      homes1GbpsReported: 250,
      homes1GbpsUpper: 350,
      subscriptions: 80,
    });
  });

  it('never puts the upper bound under the reported figure when households are fewer', () => {
    const agg = aggregateFtth([{ homesPassed: 500, homes1Gbps: 500, subscriptions: null }], 300);
    expect([agg.homesPassedReported, agg.homesPassedUpper, agg.subscriptions]).toEqual([500, 500, null]);
    expect(percentOfHouseholds(agg.homesPassedReported, 300)).toBe(100);
  });

  it('has no figures without an operator', () => {
    expect(aggregateFtth([], 100).homesPassedReported).toBeNull();
    expect(percentOfHouseholds(null, 100)).toBeNull();
    expect(percentOfHouseholds(5, 0)).toBeNull();
  });
});

describe('households within reach of fibre (the proxy)', () => {
  it('measures a point against a segment in metres', () => {
    const a = ORIGIN;
    const b = offsetM(ORIGIN, 1000, 0);
    expect(distanceToSegmentM(...offsetM(ORIGIN, 500, 80), a, b)).toBeCloseTo(80, 0);
    // Past the end: the distance to the end point (300, 400) → 500 m.
    expect(distanceToSegmentM(...offsetM(ORIGIN, 1300, 400), a, b)).toBeCloseTo(500, 0);
  });

  it('counts the people of cells whose centre lies within the reach, per unit', () => {
    // Unit 0: cells 0, 99, 250 m north of a 1 km east-west route; unit 1: a cell 50 m south of
    // the route's far end, and one 120 m beyond its end (east).
    const grid = gridOf(
      [
        { at: offsetM(ORIGIN, 400, 0), people: 10, unit: 0 },
        { at: offsetM(ORIGIN, 400, 99), people: 20, unit: 0 },
        { at: offsetM(ORIGIN, 400, 250), people: 40, unit: 0 },
        { at: offsetM(ORIGIN, 1000, -50), people: 7, unit: 1 },
        { at: offsetM(ORIGIN, 1120, 0), people: 5, unit: 1 },
      ],
      [
        { code: '00001', unitType: 'ward' },
        { code: '00002', unitType: 'commune' },
      ],
    );
    const route = [ORIGIN, offsetM(ORIGIN, 500, 0), offsetM(ORIGIN, 1000, 0)];
    const r100 = fiberReach(grid, [route], 100);
    // 100 m: 10 + 20 (the cell 99 m away) in unit 0; 7 in unit 1 (120 m east is out).
    expect([...r100.inReachByUnit]).toEqual([30, 7]);
    expect([...r100.populationByUnit]).toEqual([70, 12]);
    const r300 = fiberReach(grid, [route], 300);
    expect([...r300.inReachByUnit]).toEqual([70, 12]);
    expect([...fiberReach(grid, [], 300).inReachByUnit]).toEqual([0, 0]);
    expect(householdsOf(70, 3.5)).toBe(20);
  });

  it('makes the indicator lines: reported against households, the proxy beside them', () => {
    const [passed, gbps, proxy] = fiberIndicators({
      populationCount: 3500,
      householdSize: 3.5,
      reachM: 300,
      populationInReach: 1750,
      reported: {
        homesPassed: 800,
        homesPassedUpper: 900,
        homes1Gbps: 250,
        homes1GbpsUpper: 300,
        communesReported: 1,
      },
    });
    // 3,500 people ÷ 3.5 = 1,000 households; 1,750 ÷ 3.5 = 500 in reach.
    expect(passed).toMatchObject({ key: 'fiberHomesPassedPercent', actual: 80, target: null });
    expect(gbps).toMatchObject({ key: 'fiber1GbpsHomesPercent', actual: 25, target: { value: 100 } });
    expect(proxy).toMatchObject({
      key: 'fiberHouseholdsInReachProxyPercent',
      actual: 50,
      actualParts: { part: 500, whole: 1000 },
    });
    const none = fiberIndicators({
      populationCount: 3500,
      householdSize: 3.5,
      reachM: 300,
      populationInReach: 0,
      reported: null,
    });
    expect(none.map((v) => v.actual)).toEqual([null, null, 0]);
  });
});
