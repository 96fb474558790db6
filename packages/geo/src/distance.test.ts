import turfDistance from '@turf/distance';
import { lineString } from '@turf/helpers';
import turfLength from '@turf/length';
import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_M, haversineM, lineLengthM } from './distance.js';

describe('haversineM', () => {
  it('is zero for the same point and symmetric', () => {
    expect(haversineM([106.68, 20.86], [106.68, 20.86])).toBe(0);
    expect(haversineM([106.68, 20.86], [106.7, 20.9])).toBeCloseTo(
      haversineM([106.7, 20.9], [106.68, 20.86]),
      9,
    );
  });

  it('gives R·π/180 for one degree along a meridian and a quarter circumference pole to equator', () => {
    expect(haversineM([106, 20], [106, 21])).toBeCloseTo((EARTH_RADIUS_M * Math.PI) / 180, 6); // 111 195.08 m
    expect(haversineM([0, 0], [0, 90])).toBeCloseTo((EARTH_RADIUS_M * Math.PI) / 2, 6);
    // One degree of longitude at 60° N: great circle 2R·asin(cos 60° · sin 0.5°) ≈ 55 597.01 m,
    // slightly less than half of a degree on the equator.
    expect(haversineM([0, 60], [1, 60])).toBeCloseTo(55_597.011, 2);
  });

  it('agrees with Turf for Hai Phong → Ha Noi (≈ 95 km)', () => {
    const haiPhong: [number, number] = [106.6826, 20.8572];
    const haNoi: [number, number] = [105.8542, 21.0285];
    const d = haversineM(haiPhong, haNoi);
    expect(d).toBeGreaterThan(85_000);
    expect(d).toBeLessThan(95_000);
    expect(d).toBeCloseTo(turfDistance(haiPhong, haNoi, { units: 'meters' }), 3);
  });
});

describe('lineLengthM', () => {
  it('sums segment lengths and handles short inputs', () => {
    expect(lineLengthM([])).toBe(0);
    expect(lineLengthM([[106, 20]])).toBe(0);
    const line: [number, number][] = [
      [106, 20],
      [106, 20.5],
      [106, 21],
    ];
    expect(lineLengthM(line)).toBeCloseTo((EARTH_RADIUS_M * Math.PI) / 180, 6);
  });

  it('agrees with Turf length on a cable route', () => {
    const route: [number, number][] = [
      [106.6826, 20.8572],
      [106.6901, 20.8601],
      [106.7012, 20.8555],
      [106.7103, 20.8623],
    ];
    const turf = turfLength(lineString(route), { units: 'meters' });
    expect(lineLengthM(route)).toBeCloseTo(turf, 3);
  });
});
