import { MILESTONE_YEARS, type MilestoneYear } from '@hatang/contracts';

/** What a plan item needs for the milestone rule. */
export interface PhasedItem {
  phase: '2026-2027' | '2028-2030' | '2031-2040' | null;
  status: 'existing' | 'planned' | 'under_construction' | 'completed' | 'cancelled';
}

const PHASE_END: Record<NonNullable<PhasedItem['phase']>, number> = {
  '2026-2027': 2027,
  '2028-2030': 2030,
  '2031-2040': 2040,
};

/**
 * The year an item counts from: the end of its phase (Plan 317 runs 2026–2030 in two steps, then
 * the vision to 2040). An item without a phase is scheduled nowhere yet: it counts at the plan's
 * vision year (2040) only.
 * legal: plan-317-2025-kh-ubnd
 */
export function phaseEndYear(phase: PhasedItem['phase']): number {
  return phase ? PHASE_END[phase] : 2040;
}

/** True when the item is in the plan at `year`: not cancelled and its phase has ended by then. */
export function countsAt(item: PhasedItem, year: number): boolean {
  return item.status !== 'cancelled' && phaseEndYear(item.phase) <= year;
}

/** `f(year)` for every milestone, as the `planned` record of an indicator. */
export function byMilestone<T>(f: (year: MilestoneYear) => T): Record<`${MilestoneYear}`, T> {
  const out = {} as Record<`${MilestoneYear}`, T>;
  for (const year of MILESTONE_YEARS) out[`${year}`] = f(year);
  return out;
}
