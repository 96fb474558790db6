import type { DiiCriterion } from '@hatang/contracts';
import { describe, expect, it } from 'vitest';
import { dashboardCriterion } from './dii-dashboard.js';

const criterion = (over: Partial<DiiCriterion> = {}): DiiCriterion => ({
  code: 'HT1.01',
  name: { vi: 'Tỷ lệ dân số được phủ sóng 5G', en: 'Population covered by 5G' },
  unit: 'percent',
  direction: 'higher',
  target: 100,
  targetYear: 2030,
  computedFrom: 'population5gPercent',
  note: null,
  ...over,
});

describe('a DII criterion on the dashboard', () => {
  it('sorts the years, takes the latest and calls a rise an improvement', () => {
    const row = dashboardCriterion(
      criterion(),
      [
        { year: 2025, value: 40, source: 'manual' },
        { year: 2024, value: 25, source: 'computed' },
      ],
      42.5,
    );
    expect(row.values.map((v) => v.year)).toEqual([2024, 2025]);
    expect(row).toMatchObject({
      latest: { year: 2025, value: 40 },
      change: 15,
      trend: 'improving',
      liveValue: 42.5,
      progressPercent: 40,
    });
  });

  it('calls a rise a worsening when lower is better, and measures progress as target ÷ value', () => {
    const row = dashboardCriterion(
      criterion({ direction: 'lower', target: 20, unit: 'count' }),
      [
        { year: 2024, value: 40, source: 'manual' },
        { year: 2025, value: 50, source: 'manual' },
      ],
      null,
    );
    expect(row).toMatchObject({ change: 10, trend: 'worsening', progressPercent: 40 });
  });

  it('has no trend with one year, and no progress without a target', () => {
    const row = dashboardCriterion(
      criterion({ target: null }),
      [{ year: 2025, value: 7, source: 'manual' }],
      null,
    );
    expect(row).toMatchObject({
      change: null,
      trend: null,
      progressPercent: null,
      latest: { year: 2025, value: 7 },
    });
  });

  it('caps progress at 100 % and says steady when nothing changed', () => {
    const row = dashboardCriterion(
      criterion({ target: 90 }),
      [
        { year: 2024, value: 95, source: 'manual' },
        { year: 2025, value: 95, source: 'manual' },
      ],
      null,
    );
    expect(row).toMatchObject({ trend: 'steady', progressPercent: 100 });
  });
});
