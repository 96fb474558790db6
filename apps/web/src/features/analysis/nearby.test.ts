import { describe, expect, it } from 'vitest';
import type { CandidateSite, GapFeature } from './analysis-api';
import { coordinatesBbox, sitesNearGap } from './nearby';

const gap: GapFeature = {
  type: 'Feature',
  id: 1,
  geometry: { type: 'MultiPolygon', coordinates: [] },
  properties: {
    rank: 1,
    populationCount: 100,
    cellCount: 4,
    areaKm2: 0.04,
    unitCode: '11560',
    centre: [106.7, 20.9],
    bbox: [106.69, 20.89, 106.71, 20.91],
  },
};

const site = (rank: number, position: [number, number], unitCode: string, radiusM = 1000): CandidateSite => ({
  rank,
  kind: 'new',
  position,
  unitCode,
  environment: 'urban',
  radiusM,
  newlyCoveredCount: 10,
  marginalGainPercent: 0.1,
  coveredPercentAfter: 50,
});

describe('sitesNearGap', () => {
  it('keeps sites in the gap commune and sites whose radius reaches the gap box', () => {
    const sites = [
      site(1, [106.5, 20.5], '11560'), // same commune, far away
      site(2, [106.718, 20.9], '99999'), // ≈ 830 m east of the box, radius 1 km
      site(3, [106.73, 20.9], '99999'), // ≈ 2.1 km east: out of reach
      site(4, [106.7, 20.9], '99999', 10), // inside the box
    ];
    expect(sitesNearGap(sites, gap).map((s) => s.rank)).toEqual([1, 2, 4]);
  });
});

describe('coordinatesBbox', () => {
  it('spans every position of nested rings', () => {
    expect(
      coordinatesBbox([
        [
          [
            [1, 2],
            [3, -1],
          ],
        ],
        [[[0, 5]]],
      ]),
    ).toEqual([0, -1, 3, 5]);
    expect(coordinatesBbox([])).toBeNull();
  });
});
