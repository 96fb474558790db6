import { describe, expect, it } from 'vitest';
import {
  campaignStretchIds,
  campaignYearRows,
  routeColocationTargets,
  stretchId,
  topCandidatesToAdd,
} from './campaign-model';
import type { CampaignAnswer, RoutePlanAnswer, UndergroundingCandidate } from './sharing-api';

describe('campaignYearRows', () => {
  it('gives km per status and bars on the scale of the longest year', () => {
    const rows = campaignYearRows({
      years: [
        { year: 2028, segments: 1, plannedM: 500, inProgressM: 0, doneM: 0, totalM: 500 },
        { year: 2027, segments: 3, plannedM: 1000, inProgressM: 400, doneM: 600.4, totalM: 2000.4 },
      ],
      totals: { segments: 4, plannedM: 1500, inProgressM: 400, doneM: 600.4, totalM: 2500.4 },
    });
    expect(rows.map((r) => r.year)).toEqual([2027, 2028]);
    expect(rows[0]).toMatchObject({ plannedKm: 1, inProgressKm: 0.4, doneKm: 0.6, totalKm: 2 });
    expect(rows[0]?.bar.planned).toBeCloseTo(1000 / 2000.4);
    expect(rows[1]?.bar.planned).toBeCloseTo(500 / 2000.4);
    expect(rows[1]?.bar.done).toBe(0);
  });

  it('is empty for an empty campaign', () => {
    const empty = { segments: 0, plannedM: 0, inProgressM: 0, doneM: 0, totalM: 0 };
    expect(campaignYearRows({ years: [], totals: empty })).toEqual([]);
  });
});

const candidate = (cable: string, x: number, rank: number): UndergroundingCandidate => ({
  type: 'Feature',
  id: `${cable}:${rank}`,
  geometry: {
    type: 'LineString',
    coordinates: [
      [x, 20],
      [x + 0.001, 20],
    ],
  },
  properties: {
    rank,
    cableRouteId: cable,
    code: cable.toUpperCase(),
    ownerOrgId: 'o',
    ownerCode: 'O',
    lengthM: 100,
    streetId: null,
    streetName: null,
    streetClass: null,
    streetPriority: 1,
    score: 100,
    spareDuctIds: [],
    civilWorkIds: [],
  },
});

describe('which candidates to add', () => {
  it('skips those already in the campaign (same cable and vertices to 1e-6°) and takes the top n', () => {
    const list = [candidate('a', 106.1, 1), candidate('b', 106.2, 2), candidate('c', 106.3, 3)];
    const inCampaign: CampaignAnswer = {
      type: 'FeatureCollection',
      totalLengthM: 100,
      features: [
        {
          type: 'Feature',
          id: 's',
          geometry: {
            type: 'LineString',
            coordinates: [
              [106.1000000004, 20],
              [106.101, 20.0000000003],
            ],
          },
          properties: {
            id: 's',
            cableRouteId: 'a',
            cableCode: null,
            ownerOrgId: 'o',
            ownerCode: 'O',
            ownerName: null,
            streetName: null,
            streetClass: null,
            unitCode: null,
            lengthM: 100,
            plannedYear: 2027,
            status: 'planned',
            note: null,
            version: 1,
            createdAt: '2026-12-01T00:00:00.000Z',
            updatedAt: '2026-12-01T00:00:00.000Z',
            createdBy: null,
            updatedBy: null,
          },
        },
      ],
    };
    const ids = campaignStretchIds(inCampaign);
    expect(ids.has(stretchId('a', list[0]?.geometry.coordinates ?? []))).toBe(true);
    expect(topCandidatesToAdd(list, ids, 1).map((c) => c.properties.cableRouteId)).toEqual(['b']);
    expect(topCandidatesToAdd(list, ids, 10).map((c) => c.properties.cableRouteId)).toEqual(['b', 'c']);
  });
});

describe('routeColocationTargets', () => {
  it('asks for each duct once with the metres used, and for each pole, with their owners', () => {
    const leg = (
      kind: 'duct' | 'pole' | 'new_trench',
      assetId: string | null,
      owner: string | null,
      lengthM: number,
    ) => ({
      type: 'Feature' as const,
      id: 0,
      geometry: { type: 'LineString' as const, coordinates: [] },
      properties: { kind, assetId, ownerOrgId: owner, lengthM },
    });
    const answer: RoutePlanAnswer = {
      type: 'FeatureCollection',
      features: [
        leg('new_trench', null, null, 30),
        leg('duct', 'd1', 'vnpt', 120.04),
        leg('duct', 'd1', 'vnpt', 80),
        leg('duct', 'd2', 'viettel', 50),
        leg('pole', 'p1:p2', 'evn', 60),
      ],
      cableType: 'fiber',
      lengthByKindM: { duct: 250, pole: 60, trench_tunnel: 0, new_trench: 30, new_trench_straight: 0 },
      totalLengthM: 340,
      totalCost: 0,
      owners: [
        {
          ownerOrgId: 'vnpt',
          ownerName: 'VNPT',
          lengthM: 200,
          kinds: ['duct'],
          ductIds: ['d1'],
          poleIds: [],
          trenchTunnelIds: [],
        },
        {
          ownerOrgId: 'viettel',
          ownerCode: 'VTL',
          lengthM: 50,
          kinds: ['duct'],
          ductIds: ['d2'],
          poleIds: [],
          trenchTunnelIds: [],
        },
        {
          ownerOrgId: 'evn',
          ownerName: 'EVN',
          lengthM: 60,
          kinds: ['pole'],
          ductIds: [],
          poleIds: ['p1', 'p2'],
          trenchTunnelIds: [],
        },
      ],
      quantities: {
        newTrenchM: 0,
        newManholes: 0,
        newTubeM: 0,
        rentedTubeM: 0,
        poleAttachments: 0,
        cableM: 0,
      },
      graph: { nodes: 0, edges: 0, rebuilt: false, patchedDucts: 0 },
      timings: { graphMs: 0, searchMs: 0 },
    };
    expect(routeColocationTargets(answer, { duct: 'Cống', pole: 'Cột' })).toEqual([
      { kind: 'duct', id: 'd1', ownerOrgId: 'vnpt', label: 'Cống — VNPT', lengthM: 200 },
      { kind: 'duct', id: 'd2', ownerOrgId: 'viettel', label: 'Cống — VTL', lengthM: 50 },
      { kind: 'pole', id: 'p1', ownerOrgId: 'evn', label: 'Cột — EVN' },
      { kind: 'pole', id: 'p2', ownerOrgId: 'evn', label: 'Cột — EVN' },
    ]);
  });
});
