import type { IndicatorValue } from '@hatang/contracts';
import { describe, expect, it } from 'vitest';
import { indicatorBars, meetsTarget } from './indicator-chart';

const percentValue: IndicatorValue = {
  key: 'population5gPercent',
  group: 'coverage',
  unit: 'percent',
  target: {
    value: 100,
    year: 2030,
    source: 'Plan 317, II.2',
    wordingVi: '…',
    wordingEn: '…',
    assumption: false,
  },
  interimTarget: null,
  actual: 40,
  planned: { 2027: 50, 2030: 80, 2040: 100 },
};

describe('indicator bars', () => {
  it('draws percentages on a 0–100 scale, target first, then register and milestones', () => {
    const bars = indicatorBars(percentValue, [2027, 2030, 2040]);
    expect(bars.map((b) => [b.kind, b.year ?? null, b.share])).toEqual([
      ['target', null, 1],
      ['actual', null, 0.4],
      ['planned', 2027, 0.5],
      ['planned', 2030, 0.8],
      ['planned', 2040, 1],
    ]);
  });

  it('scales counts to the largest bar, uses a range’s upper bound, and interleaves a compared version', () => {
    const green: IndicatorValue = {
      key: 'greenDataCentres',
      group: 'dataCentres',
      unit: 'count',
      target: { value: 2, max: 3, year: 2030, source: '', wordingVi: '', wordingEn: '', assumption: false },
      interimTarget: null,
      actual: null,
      planned: { 2027: 0, 2030: 1, 2040: 6 },
    };
    const other = { ...green, planned: { 2027: 1, 2030: 2, 2040: null } };
    const bars = indicatorBars(green, [2027, 2030, 2040], other);
    expect(bars.map((b) => [b.kind, b.year ?? null, b.value, b.share])).toEqual([
      ['target', null, 3, 0.5],
      ['planned', 2027, 0, 0],
      ['compare', 2027, 1, 1 / 6],
      ['planned', 2030, 1, 1 / 6],
      ['compare', 2030, 2, 2 / 6],
      ['planned', 2040, 6, 1],
    ]);
  });

  it('caps a percentage above 100 and gives empty charts zero-length bars', () => {
    expect(indicatorBars({ ...percentValue, actual: 120, planned: null }, [2030])[1]?.share).toBe(1);
    const zero: IndicatorValue = { ...percentValue, unit: 'km', target: null, actual: 0, planned: null };
    expect(indicatorBars(zero, [2030])).toEqual([{ kind: 'actual', value: 0, share: 0 }]);
  });
});

describe('meeting the target', () => {
  it('compares with the lower bound, and says nothing without a target or a value', () => {
    expect(meetsTarget(percentValue, 100)).toBe(true);
    expect(meetsTarget(percentValue, 99.99)).toBe(false);
    expect(meetsTarget(percentValue, null)).toBeNull();
    expect(meetsTarget({ ...percentValue, target: null }, 50)).toBeNull();
  });
});
