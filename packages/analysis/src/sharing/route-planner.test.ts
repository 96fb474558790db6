import { describe, expect, it } from 'vitest';
import type { LngLat } from './metric.js';
import { RouteGraph, type RouteNetwork } from './route-graph.js';
import { DEFAULT_ROUTE_COSTS, planRoute } from './route-planner.js';
import { referenceRouteCost } from './route-reference.js';
import { offset } from './test-helpers.js';

const origin: LngLat = [106.68, 20.86];
const at = (e: number, n = 0) => offset(origin, e, n);
const empty: RouteNetwork = { ducts: [], poleSpans: [], trenchesTunnels: [], streets: [] };

/**
 * A street straight from A (0 m) to B (1000 m east), and a duct detour A → 300 m north → across
 * → down to B (1600 m) in three ducts of owner "op".
 */
function detour(middleTubesFree = 2): RouteNetwork {
  return {
    ...empty,
    streets: [{ id: 's', coordinates: [at(0), at(500), at(1000)] }],
    ducts: [
      { id: 'd-up', ownerOrgId: 'op', coordinates: [at(0), at(0, 300)], tubesFree: 3 },
      {
        id: 'd-across',
        ownerOrgId: 'op',
        coordinates: [at(0, 300), at(1000, 300)],
        tubesFree: middleTubesFree,
      },
      { id: 'd-down', ownerOrgId: 'op', coordinates: [at(1000, 300), at(1000)], tubesFree: 3 },
    ],
  };
}

describe('planRoute', () => {
  it('reuses 1600 m of spare ducts rather than dig 1000 m of new trench (cost 1600 < 20000)', () => {
    const route = planRoute(RouteGraph.build(detour()), [at(0), at(1000)]);
    expect(route.lengthByKindM.duct).toBeCloseTo(1600, 0);
    expect(route.lengthByKindM.new_trench).toBe(0);
    expect(route.totalCost).toBeCloseTo(1600, 0);
    expect(route.legs.map((l) => l.assetId)).toEqual(['d-up', 'd-across', 'd-down']);
    expect(route.owners).toEqual([
      {
        ownerOrgId: 'op',
        lengthM: expect.closeTo(1600, 0),
        kinds: ['duct'],
        ductIds: ['d-up', 'd-across', 'd-down'],
        poleIds: [],
        trenchTunnelIds: [],
      },
    ]);
    expect(route.quantities).toMatchObject({ newTrenchM: 0, newManholes: 0, poleAttachments: 0 });
    expect(route.quantities.rentedTubeM).toBeCloseTo(1600, 0);
  });

  it('digs along the street when the cost model makes ducts dearer than 12.5 × their length', () => {
    const route = planRoute(RouteGraph.build(detour()), [at(0), at(1000)], { costs: { duct: 13 } });
    expect(route.lengthByKindM.new_trench).toBeCloseTo(1000, 0);
    expect(route.lengthByKindM.duct).toBe(0);
  });

  it('avoids a full duct: with no tube free in the middle it digs along the street', () => {
    const route = planRoute(RouteGraph.build(detour(0)), [at(0), at(1000)]);
    expect(route.legs.some((l) => l.assetId === 'd-across')).toBe(false);
    expect(route.lengthByKindM.new_trench).toBeCloseTo(1000, 0);
    expect(route.quantities).toMatchObject({ newManholes: 5 });
    expect(route.quantities.newTrenchM).toBeCloseTo(1000, 0);
  });

  it('skips a duct switched off after the build (no tube free any more), and takes it again when switched on', () => {
    const graph = RouteGraph.build(detour());
    const across = graph.assetIndex('duct', 'd-across');
    expect(across).toBeDefined();
    expect(graph.setAssetEnabled(across as number, false)).toBe(true);
    expect(graph.setAssetEnabled(across as number, false)).toBe(false);
    const off = planRoute(graph, [at(0), at(1000)]);
    expect(off.legs.some((l) => l.assetId === 'd-across')).toBe(false);
    expect(off.lengthByKindM.new_trench).toBeCloseTo(1000, 0);
    // The same answer as a graph built without the duct's spare tube, and as the plain Dijkstra.
    expect(off.totalCost).toBeCloseTo(planRoute(RouteGraph.build(detour(0)), [at(0), at(1000)]).totalCost, 6);
    expect(referenceRouteCost(graph, at(0), at(1000))).toBeCloseTo(off.totalCost, 6);
    graph.setAssetEnabled(across as number, true);
    expect(planRoute(graph, [at(0), at(1000)]).legs.map((l) => l.assetId)).toEqual([
      'd-up',
      'd-across',
      'd-down',
    ]);
    expect(graph.assetIndex('duct', 'nope')).toBeUndefined();
  });

  it('joins points with no network between them by a straight trench', () => {
    const route = planRoute(RouteGraph.build(empty), [at(0), at(450, 0)]);
    expect(route.legs).toHaveLength(1);
    expect(route.legs[0]).toMatchObject({ kind: 'new_trench_straight', assetId: null });
    expect(route.lengthByKindM.new_trench_straight).toBeCloseTo(450, 0);
    expect(route.quantities).toMatchObject({ newManholes: 3 });
    // A network out of reach (beyond maxConnectM) changes nothing.
    const far = planRoute(RouteGraph.build(detour()), [at(0, 2000), at(450, 2000)], { maxConnectM: 300 });
    expect(far.legs.map((l) => l.kind)).toEqual(['new_trench_straight']);
  });

  it('connects the first and last metres straight, and takes a pole line with free attachments', () => {
    const network: RouteNetwork = {
      ...empty,
      poleSpans: [0, 50, 100, 150].map((e) => ({
        fromPoleId: `p${e}`,
        toPoleId: `p${e + 50}`,
        ownerOrgId: 'power',
        coordinates: [at(e, 10), at(e + 50, 10)] as [LngLat, LngLat],
        lengthM: 50,
        attachmentsFree: 2,
      })),
    };
    const route = planRoute(RouteGraph.build(network), [at(0), at(200)]);
    expect(route.legs.map((l) => l.kind)).toEqual([
      'new_trench_straight',
      'pole',
      'pole',
      'pole',
      'pole',
      'new_trench_straight',
    ]);
    expect(route.lengthByKindM.pole).toBeCloseTo(200, 0);
    expect(route.lengthByKindM.new_trench_straight).toBeCloseTo(20, 0);
    expect(route.quantities.poleAttachments).toBe(5);
    expect(route.owners[0]?.poleIds.sort()).toEqual(['p0', 'p100', 'p150', 'p200', 'p50']);
  });

  it('visits stops in order and adds up the legs', () => {
    const graph = RouteGraph.build(detour());
    const one = planRoute(graph, [at(0), at(1000)]);
    const back = planRoute(graph, [at(0), at(1000), at(0)]);
    expect(back.totalCost).toBeCloseTo(2 * one.totalCost, 3);
  });

  it('finds the same optimum as a plain Dijkstra on a random street-and-duct grid', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const network: RouteNetwork = { ...empty, streets: [], ducts: [] };
    const streets: { id: string; coordinates: LngLat[] }[] = [];
    const ducts: { id: string; ownerOrgId: string; coordinates: LngLat[]; tubesFree: number }[] = [];
    for (let i = 0; i < 12; i++) {
      for (let j = 0; j < 12; j++) {
        for (const [di, dj] of [
          [1, 0],
          [0, 1],
        ] as const) {
          if (i + di >= 12 || j + dj >= 12) continue;
          const line: LngLat[] = [at(i * 150, j * 150), at((i + di) * 150, (j + dj) * 150)];
          if (random() < 0.35)
            ducts.push({
              id: `d${i}-${j}-${di}`,
              ownerOrgId: 'op',
              coordinates: line,
              tubesFree: random() < 0.8 ? 2 : 0,
            });
          else streets.push({ id: `s${i}-${j}-${di}`, coordinates: line });
        }
      }
    }
    const graph = RouteGraph.build({ ...network, streets, ducts });
    for (let k = 0; k < 15; k++) {
      const a = at(random() * 1650, random() * 1650);
      const b = at(random() * 1650, random() * 1650);
      const route = planRoute(graph, [a, b]);
      expect(route.totalCost).toBeCloseTo(referenceRouteCost(graph, a, b, DEFAULT_ROUTE_COSTS), 1);
    }
  });
});
