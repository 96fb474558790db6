/**
 * The fibre-to-the-home indicator lines (issue #17, item 2): homes passed and homes with 1 Gbps as
 * the operators report them (against households), and beside them Hatang's proxy, households
 * within reach of the register's fibre network. Plan 317 II.2's "100% người sử dụng có khả năng
 * truy nhập cáp quang với tốc độ 1Gbps trở lên" is the 1 Gbps line's target.
 * legal: plan-317-2025-kh-ubnd
 */
import type { FtthIndicatorKey, IndicatorValue } from '@hatang/contracts';
import { PLAN_317_FIBER_USERS } from '../indicators/plan-317-targets.js';
import { householdsOf } from './fiber-reach.js';
import { percentOfHouseholds } from './ftth-aggregate.js';

/** The FTTH facts of an area (a commune, or the city: the communes' figures summed). */
export interface FiberFacts {
  /** People in the area's grid cells. */
  populationCount: number;
  /** People per household and reach, metres: the proxy's assumptions. */
  householdSize: number;
  reachM: number;
  /** People in cells within reach of an existing fibre route (the proxy). */
  populationInReach: number;
  /**
   * The operators' latest figures, per commune the largest operator's (no double counting),
   * summed over the area's communes; null when no operator reported in the area.
   */
  reported: {
    homesPassed: number;
    homesPassedUpper: number;
    homes1Gbps: number;
    homes1GbpsUpper: number;
    communesReported: number;
  } | null;
}

/** The lines that carry operators' figures (read by the city's staff only). */
export const FIBER_REPORTED_KEYS: readonly FtthIndicatorKey[] = [
  'fiberHomesPassedPercent',
  'fiber1GbpsHomesPercent',
];

/** The three lines for an area (percentages 0–100; `actualParts` in households). */
export function fiberIndicators(facts: FiberFacts): IndicatorValue[] {
  const households = householdsOf(facts.populationCount, facts.householdSize);
  const inReach = householdsOf(facts.populationInReach, facts.householdSize);
  const { reported } = facts;
  const line = (
    key: string,
    part: number | null,
    upper: number | null,
    target: IndicatorValue['target'],
  ): IndicatorValue => ({
    key,
    group: 'fiber',
    unit: 'percent',
    target,
    interimTarget: null,
    actual: percentOfHouseholds(part, households),
    planned: null,
    ...(part === null ? {} : { actualParts: { part, whole: households } }),
    ...(reported && upper !== null
      ? { breakdown: { upperBoundHomes: upper, communesReported: reported.communesReported } }
      : {}),
  });
  return [
    line('fiberHomesPassedPercent', reported?.homesPassed ?? null, reported?.homesPassedUpper ?? null, null),
    line(
      'fiber1GbpsHomesPercent',
      reported?.homes1Gbps ?? null,
      reported?.homes1GbpsUpper ?? null,
      PLAN_317_FIBER_USERS,
    ),
    {
      key: 'fiberHouseholdsInReachProxyPercent',
      group: 'fiber',
      unit: 'percent',
      target: null,
      interimTarget: null,
      actual: percentOfHouseholds(inReach, households) ?? 0,
      planned: null,
      actualParts: { part: inReach, whole: households },
      breakdown: { householdSize: facts.householdSize, reachM: facts.reachM },
    },
  ];
}
