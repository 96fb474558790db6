import type { IndicatorValue, MilestoneYear } from '@hatang/contracts';

/** One bar of an indicator's chart: what it stands for, its value and its length (0–1). */
export interface Bar {
  kind: 'target' | 'actual' | 'planned' | 'compare';
  /** The milestone for planned / compare bars. */
  year?: MilestoneYear;
  value: number;
  /** Share of the chart's width, 0..1. */
  share: number;
}

/**
 * The bars of one indicator, on a common scale: the target (its upper bound for a range), the
 * register, the version's value at each milestone and, when given, a second version's. The scale
 * is 100 for percentages, otherwise the largest value shown (so the longest bar fills the width).
 * Bars without a value are left out.
 */
export function indicatorBars(
  value: IndicatorValue,
  milestones: readonly MilestoneYear[],
  compare?: IndicatorValue | null,
): Bar[] {
  const raw: Omit<Bar, 'share'>[] = [];
  if (value.target) raw.push({ kind: 'target', value: value.target.max ?? value.target.value });
  if (value.actual !== null) raw.push({ kind: 'actual', value: value.actual });
  for (const year of milestones) {
    const planned = value.planned?.[`${year}`];
    if (planned !== null && planned !== undefined) raw.push({ kind: 'planned', year, value: planned });
    const other = compare?.planned?.[`${year}`];
    if (other !== null && other !== undefined) raw.push({ kind: 'compare', year, value: other });
  }
  const largest = Math.max(0, ...raw.map((b) => b.value));
  const scale = value.unit === 'percent' ? 100 : largest;
  return raw.map((b) => ({ ...b, share: scale > 0 ? Math.min(1, Math.max(0, b.value / scale)) : 0 }));
}

/**
 * Whether a figure meets the indicator's target: null without a target or a value. A range
 * (e.g. 2–3 green data centres) is met from its lower bound.
 */
export function meetsTarget(value: IndicatorValue, figure: number | null | undefined): boolean | null {
  if (!value.target || figure === null || figure === undefined) return null;
  return figure >= value.target.value;
}
