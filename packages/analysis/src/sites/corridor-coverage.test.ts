import { describe, expect, it } from 'vitest';
import type { CoveragePolygonInput, TowerInput } from '../coverage/coverage-model.js';
import { metresPerDegreeLat, metresPerDegreeLng } from '../coverage/local-metric.js';
import { radiusTable, servingRadiusM } from '../coverage/radius-table.js';
import { DEFAULT_CORRIDOR_COVERED_SHARE, type KeySiteStatusInput, keySiteStatus } from './key-site-status.js';
import { SiteMeasure } from './site-geometry.js';

const ORIGIN: [number, number] = [106.68, 20.86];
/** The position `eastM` metres east and `northM` metres north of ORIGIN. */
const at = (eastM: number, northM = 0): [number, number] => [
  ORIGIN[0] + eastM / metresPerDegreeLng(ORIGIN[1]),
  ORIGIN[1] + northM / metresPerDegreeLat(ORIGIN[1]),
];
/** A 2 km east–west road corridor through ORIGIN, from 1 km west to 1 km east. */
const road = { id: 'road', geometry: { type: 'LineString' as const, coordinates: [at(-1000), at(1000)] } };
/** An operator's measured 5G coverage: a box from `westM` to `eastM`, 500 m either side of the road. */
const coverage = (westM: number, eastM: number): CoveragePolygonInput => ({
  operatorId: 'op-a',
  technology: '5G-sub6',
  multiPolygon: [[[at(westM, -500), at(eastM, -500), at(eastM, 500), at(westM, 500), at(westM, -500)]]],
});
const none: Omit<KeySiteStatusInput, 'sites'> = { fiberLines: [], wifiPoints: [], towers: [] };
const only = (input: KeySiteStatusInput) => {
  const [status] = keySiteStatus(input);
  if (!status) throw new Error('no status');
  return status;
};

describe('keySiteStatus: a corridor is covered by its covered length share', () => {
  it('is not covered when half its length is inside 5G coverage (default threshold 0.95)', () => {
    const half = only({ ...none, sites: [road], polygons: [coverage(-1500, 0)] });
    expect(half.covered5gLengthShare).toBe(0.5);
    expect(half.has5g).toBe(false);
    expect(DEFAULT_CORRIDOR_COVERED_SHARE).toBe(0.95);
  });

  it('is covered when all of it is inside 5G coverage', () => {
    const full = only({ ...none, sites: [road], polygons: [coverage(-1500, 1500)] });
    expect(full.covered5gLengthShare).toBe(1);
    expect(full.has5g).toBe(true);
  });

  it('counts 96 % in and 94 % out at the default threshold', () => {
    // Coverage to 920 m east of ORIGIN covers 1920 of 2000 m (96 %); to 880 m, 1880 m (94 %).
    expect(only({ ...none, sites: [road], polygons: [coverage(-1500, 920)] }).has5g).toBe(true);
    expect(only({ ...none, sites: [road], polygons: [coverage(-1500, 880)] }).has5g).toBe(false);
  });

  it('follows a configured threshold', () => {
    const input = { ...none, sites: [road], polygons: [coverage(-1500, 0)] };
    expect(only({ ...input, corridorCoveredShare: 0.5 }).has5g).toBe(true);
    expect(only({ ...input, corridorCoveredShare: 0.51 }).has5g).toBe(false);
  });

  it("measures a tower's radius along the line: a tower on the road covers 2 × radius of it", () => {
    const radius = servingRadiusM(radiusTable(), '5G-sub6', 'suburban', 30);
    const tower: TowerInput = {
      id: 't',
      lng: ORIGIN[0],
      lat: ORIGIN[1],
      heightM: 30,
      tenantsMax: 1,
      tenancies: [{ operatorId: 'op-a', technologies: ['5G'], mountHeightM: 30 }],
    };
    const status = only({ ...none, sites: [road], towers: [tower] });
    // Pieces of at most 25 m count by their midpoints: within one piece at each end of the covered stretch.
    const expected = Math.min(1, (2 * radius) / 2000);
    expect(Math.abs((status.covered5gLengthShare ?? -1) - expected)).toBeLessThanOrEqual(25 / 2000);
    expect(status.has5g).toBe(expected >= 0.95);
    // A point site at the same tower's place is covered outright: points keep their rule.
    const point = { id: 'p', geometry: { type: 'Point' as const, coordinates: at(radius - 1) } };
    const p = only({ ...none, sites: [point], towers: [tower] });
    expect(p.has5g).toBe(true);
    expect(p.covered5gLengthShare).toBeNull();
  });

  it('adds the parts of a MultiLineString by length', () => {
    // 1 km covered (west part) + 1 km uncovered (east part, 2 km away): half.
    const parts = {
      id: 'multi',
      geometry: {
        type: 'MultiLineString' as const,
        coordinates: [
          [at(-1000), at(0)],
          [at(2000), at(3000)],
        ],
      },
    };
    const status = only({ ...none, sites: [parts], polygons: [coverage(-1500, 500)] });
    expect(status.covered5gLengthShare).toBe(0.5);
    expect(status.has5g).toBe(false);
  });

  it('gives a corridor fiber when a fibre route crosses it', () => {
    const crossing = [at(300, -400), at(300, 400)];
    expect(only({ ...none, sites: [road], fiberLines: [crossing] }).fiberDistanceM).toBe(0);
  });
});

describe('SiteMeasure of a line', () => {
  it('cuts it into pieces of at most the given length adding up to its length', () => {
    const measure = new SiteMeasure(road.geometry);
    const pieces = measure.pieces(25);
    expect(pieces).toHaveLength(80);
    expect(pieces.reduce((s, p) => s + p.lengthM, 0)).toBeCloseTo(2000, 3);
    expect(measure.toPoint(at(0, 120))).toBeCloseTo(120, 3);
    expect(measure.toPoint(at(1100, 0))).toBeCloseTo(100, 3);
  });
});
