/**
 * Operators' FTTH figures for one commune, aggregated without double counting (issue #17, item 2).
 * Two operators may pass the same home: the homes passed by any operator are at least the largest
 * operator's figure and at most min(sum over operators, households). The lower bound is reported
 * as the conservative figure ("reported"), the upper bound beside it. Likewise for 1 Gbps.
 * Subscriptions are summed: a home takes one operator's FTTH as a rule.
 */

/** One operator's latest figures in the commune. */
export interface OperatorFigures {
  homesPassed: number;
  homes1Gbps: number;
  subscriptions: number | null;
}

export interface FtthAggregate {
  operatorCount: number;
  homesPassedReported: number | null;
  homesPassedUpper: number | null;
  homes1GbpsReported: number | null;
  homes1GbpsUpper: number | null;
  subscriptions: number | null;
}

/** The aggregate of the operators' figures against `households` (null figures with no operator). */
export function aggregateFtth(figures: readonly OperatorFigures[], households: number): FtthAggregate {
  if (figures.length === 0)
    return {
      operatorCount: 0,
      homesPassedReported: null,
      homesPassedUpper: null,
      homes1GbpsReported: null,
      homes1GbpsUpper: null,
      subscriptions: null,
    };
  const max = (pick: (f: OperatorFigures) => number) => Math.max(...figures.map(pick));
  const sum = (pick: (f: OperatorFigures) => number) => figures.reduce((s, f) => s + pick(f), 0);
  const passedMax = max((f) => f.homesPassed);
  const gbpsMax = max((f) => f.homes1Gbps);
  // The upper bound is never below the lower one, even when households (an estimate) are fewer.
  const upper = (lower: number, total: number) => Math.max(lower, Math.min(total, households));
  const subscribed = figures.filter((f) => f.subscriptions !== null);
  return {
    operatorCount: figures.length,
    homesPassedReported: passedMax,
    homesPassedUpper: upper(
      passedMax,
      sum((f) => f.homesPassed),
    ),
    homes1GbpsReported: gbpsMax,
    homes1GbpsUpper: upper(
      gbpsMax,
      sum((f) => f.homes1Gbps),
    ),
    subscriptions: subscribed.length ? subscribed.reduce((s, f) => s + (f.subscriptions ?? 0), 0) : null,
  };
}

/** part ÷ whole × 100, capped at 100, two decimals; null when either is missing or whole is 0. */
export function percentOfHouseholds(part: number | null, whole: number): number | null {
  if (part === null || whole <= 0) return null;
  return Math.round(Math.min(100, (part / whole) * 100) * 100) / 100;
}
