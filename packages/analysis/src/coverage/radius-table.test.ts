import { describe, expect, it } from 'vitest';
import { DEFAULT_RADIUS_TABLE, heightFactor, radiusTable, servingRadiusM } from './radius-table.js';

describe('radius table and height rule', () => {
  it('keeps the table radius at the 30 m reference height', () => {
    expect(heightFactor(30)).toBe(1);
    expect(servingRadiusM(DEFAULT_RADIUS_TABLE, '4G', 'urban', 30)).toBe(800);
  });

  it('scales with the square root of height: 4× the height doubles the radius before the clamp', () => {
    expect(heightFactor(7.5 * 1.96)).toBeCloseTo(0.7, 9); // √(14.7/30) = 0.7
    expect(heightFactor(58.8)).toBeCloseTo(1.4, 9); // √(58.8/30) = 1.4
    expect(heightFactor(45)).toBeCloseTo(Math.sqrt(1.5), 9);
  });

  it('clamps low rooftop poles to 70 % and tall masts to 140 %', () => {
    expect(heightFactor(3)).toBe(0.7);
    expect(heightFactor(120)).toBe(1.4);
    expect(heightFactor(0)).toBe(0.7);
  });

  it('applies overrides per technology and environment and rejects non-positive radii', () => {
    const table = radiusTable({ '5G-sub6': { rural: 2500 } });
    expect(table['5G-sub6']).toEqual({ urban: 400, suburban: 900, rural: 2500 });
    expect(table['4G']).toEqual(DEFAULT_RADIUS_TABLE['4G']);
    expect(() => radiusTable({ '2G': { urban: 0 } })).toThrow(RangeError);
  });
});
