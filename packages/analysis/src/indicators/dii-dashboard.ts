import {
  type DiiDashboardCriterion,
  type DiiGroup,
  type DiiValue,
  INDICATOR_METHODS,
} from '@hatang/contracts';

const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/**
 * One criterion's row of the DII dashboard: its values by year (oldest first), the latest, the
 * change from the year before it and whether that is an improvement for the criterion's
 * direction, the live value Hatang computes now (if any) and the progress to the target
 * (latest ÷ target, percent, at most 100; for `lower` criteria target ÷ latest).
 */
export function dashboardCriterion(
  criterion: DiiGroup['criteria'][number],
  values: readonly Pick<DiiValue, 'year' | 'value' | 'source'>[],
  liveValue: number | null,
): DiiDashboardCriterion {
  const series = [...values]
    .sort((a, b) => a.year - b.year)
    .map(({ year, value, source }) => ({ year, value, source }));
  const last = series.at(-1);
  const previous = series.at(-2);
  const change = last && previous ? round(last.value - previous.value, 4) : null;
  const better = criterion.direction === 'lower' ? -1 : 1;
  const trend =
    change === null ? null : change === 0 ? 'steady' : change * better > 0 ? 'improving' : 'worsening';
  let progressPercent: number | null = null;
  if (last && criterion.target !== null) {
    const ratio =
      criterion.direction === 'lower'
        ? last.value > 0
          ? criterion.target / last.value
          : 1
        : criterion.target !== 0
          ? last.value / criterion.target
          : 1;
    progressPercent = round(Math.min(1, Math.max(0, ratio)) * 100, 1);
  }
  return {
    ...criterion,
    values: series,
    latest: last ? { year: last.year, value: last.value } : null,
    change,
    trend,
    liveValue,
    computation: criterion.computedFrom ? INDICATOR_METHODS[criterion.computedFrom] : null,
    progressPercent,
  };
}
