import { describe, expect, it } from 'vitest';
import type { RoutePlanAnswer, TowerReportAnswer } from './sharing-api';
import {
  boundsOf,
  circleRing,
  clusterFeatures,
  costsFromText,
  formatLength,
  parseLngLat,
  routeCounterparts,
  routeLengthRows,
} from './sharing-model';

const haversineM = ([a, b]: [number, number], [c, d]: [number, number]) => {
  const r = Math.PI / 180;
  const h =
    Math.sin(((d - b) * r) / 2) ** 2 + Math.cos(b * r) * Math.cos(d * r) * Math.sin(((c - a) * r) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
};

const answer: RoutePlanAnswer = {
  type: 'FeatureCollection',
  features: [],
  cableType: 'fiber',
  lengthByKindM: { duct: 600, pole: 0, trench_tunnel: 0, new_trench: 300, new_trench_straight: 100 },
  totalLengthM: 1000,
  totalCost: 9600,
  owners: [
    {
      ownerOrgId: 'b',
      ownerName: 'Beta',
      lengthM: 200,
      kinds: ['duct'],
      ductIds: ['d3'],
      poleIds: [],
      trenchTunnelIds: [],
    },
    {
      ownerOrgId: 'a',
      ownerCode: 'ALPHA',
      lengthM: 400,
      kinds: ['duct', 'pole'],
      ductIds: ['d1', 'd2'],
      poleIds: ['p1', 'p2', 'p3'],
      trenchTunnelIds: [],
    },
  ],
  quantities: { newTrenchM: 0, newManholes: 0, newTubeM: 0, rentedTubeM: 0, poleAttachments: 0, cableM: 0 },
  graph: { nodes: 0, edges: 0, rebuilt: false, patchedDucts: 0 },
  timings: { graphMs: 0, searchMs: 0 },
};

describe('sharing panel helpers', () => {
  it('reads typed positions and refuses what is not one', () => {
    expect(parseLngLat('106.68, 20.86')).toEqual([106.68, 20.86]);
    expect(parseLngLat(' 106.68 20.86 ')).toEqual([106.68, 20.86]);
    expect(parseLngLat('106.68;20.86')).toEqual([106.68, 20.86]);
    expect(parseLngLat('106.68')).toBeNull();
    expect(parseLngLat('abc, 20')).toBeNull();
    expect(parseLngLat('200, 20')).toBeNull();
    expect(parseLngLat('106, 95')).toBeNull();
  });

  it('draws the sharing circle at its radius all round', () => {
    const centre: [number, number] = [106.68, 20.86];
    const ring = circleRing(centre, 400, 32);
    expect(ring).toHaveLength(33);
    expect(ring[0]).toEqual(ring[32]);
    for (const p of ring) expect(haversineM(centre, p)).toBeCloseTo(400, 0);
  });

  it('gives metres under a kilometre and kilometres above', () => {
    expect(formatLength('en', 850.4)).toBe('850 m');
    expect(formatLength('en', 1250)).toBe('1.25 km');
    expect(formatLength('vi', 1250)).toBe('1,25 km');
  });

  it('lists the kinds the route uses in the planner order with their share', () => {
    expect(routeLengthRows(answer)).toEqual([
      { kind: 'duct', lengthM: 600, share: 0.6 },
      { kind: 'new_trench', lengthM: 300, share: 0.3 },
      { kind: 'new_trench_straight', lengthM: 100, share: 0.1 },
    ]);
  });

  it('makes each owner a counterpart with its asset count, longest use first', () => {
    expect(routeCounterparts(answer)).toEqual([
      { ownerOrgId: 'a', name: 'ALPHA', lengthM: 400, assetCount: 5, kinds: ['duct', 'pole'] },
      { ownerOrgId: 'b', name: 'Beta', lengthM: 200, assetCount: 1, kinds: ['duct'] },
    ]);
  });

  it('sends only the costs that differ from the defaults and flags bad ones', () => {
    expect(costsFromText({ duct: '1', pole: '' })).toEqual({ costs: undefined, invalid: [] });
    expect(costsFromText({ duct: '2,5', new_trench: '40' })).toEqual({
      costs: { duct: 2.5, newTrench: 40 },
      invalid: [],
    });
    expect(costsFromText({ pole: '-1', trench_tunnel: 'x' }).invalid).toEqual(['pole', 'trench_tunnel']);
  });

  it('bounds positions and turns clusters into points', () => {
    expect(boundsOf([])).toBeNull();
    expect(
      boundsOf([
        [1, 5],
        [3, 2],
        [2, 4],
      ]),
    ).toEqual([1, 2, 3, 5]);
    const report: TowerReportAnswer = {
      rule: { urbanM: 100, otherM: 400 },
      towerCount: 3,
      underused: [],
      clusters: [
        {
          towerIds: ['t1', 't2'],
          ownerOrgIds: ['a', 'b'],
          maxLinkM: 80,
          centre: [106.7, 20.8],
          unitCodes: [],
        },
      ],
      byOwner: [],
      byUnit: [],
    };
    expect(clusterFeatures(report).features).toEqual([
      {
        type: 'Feature',
        id: 0,
        geometry: { type: 'Point', coordinates: [106.7, 20.8] },
        properties: { towers: 2, owners: 2, maxLinkM: 80 },
      },
    ]);
  });
});
