import { describe, expect, it } from 'vitest';
import { diffEntries, sparklinePoints } from './dii-entry';

describe('DII value entry', () => {
  it('sends changed numbers (decimal comma too), removes cleared values, skips the rest', () => {
    const stored = new Map([
      ['HT1.01', 34.2],
      ['HT1.02', 98.6],
      ['HT1.03', 78.5],
    ]);
    const typed = new Map([
      ['HT1.01', '40,5'],
      ['HT1.02', '98.6'],
      ['HT1.03', ''],
      ['HT1.04', ''],
      ['HT1.05', '92'],
      ['HT1.06', 'abc'],
    ]);
    expect(diffEntries(stored, typed)).toEqual({
      values: [
        { criterionCode: 'HT1.01', value: 40.5 },
        { criterionCode: 'HT1.03', value: null },
        { criterionCode: 'HT1.05', value: 92 },
      ],
      invalid: ['HT1.06'],
    });
  });
});

describe('DII sparkline', () => {
  it('spreads the years across the width and puts the largest value on top', () => {
    expect(
      sparklinePoints(
        [
          { year: 2024, value: 10 },
          { year: 2025, value: 30 },
          { year: 2026, value: 20 },
        ],
        60,
        20,
      ),
    ).toBe('0,20 30,0 60,10');
  });

  it('draws one value, or equal values, mid-height', () => {
    expect(sparklinePoints([{ year: 2025, value: 5 }], 60, 20)).toBe('30,10');
    expect(sparklinePoints([], 60, 20)).toBe('');
  });
});
