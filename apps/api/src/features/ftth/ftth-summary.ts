/**
 * Per-commune fibre to the home: the operators' latest figures aggregated without double counting
 * (analysis/ftth/ftth-aggregate.ts: the largest operator's figure is the reported, conservative
 * one; min(sum, households) the upper bound) against households, beside the proxy. The city's row
 * sums the communes' rows. Also the facts the indicator report's FTTH lines are computed from.
 */
import {
  aggregateFtth,
  type FiberFacts,
  type FtthAggregate,
  householdsOf,
  percentOfHouseholds,
} from '@hatang/analysis';
import type { FtthCommuneSummary, FtthProxyParams, FtthSummary } from '@hatang/contracts';
import type { ReachAnswer, UnitReach } from './ftth-proxy.js';
import type { LatestFigures } from './ftth-repository.js';

type Row = Omit<FtthCommuneSummary, 'adminUnitCode' | 'name'>;

function byCommune(latest: readonly LatestFigures[]): Map<string, LatestFigures[]> {
  const map = new Map<string, LatestFigures[]>();
  for (const f of latest) map.set(f.adminUnitCode, [...(map.get(f.adminUnitCode) ?? []), f]);
  return map;
}

function rowOf(unit: UnitReach, figures: readonly LatestFigures[], params: FtthProxyParams): Row {
  const households = householdsOf(unit.populationCount, params.householdSize);
  const agg = aggregateFtth(figures, households);
  const inReach = householdsOf(unit.populationInReach, params.householdSize);
  return {
    populationCount: unit.populationCount,
    households,
    operatorCount: agg.operatorCount,
    latestAsOf: figures.reduce<string | null>((l, f) => (l === null || f.asOf > l ? f.asOf : l), null),
    ...figuresOf(agg),
    homesPassedPercent: percentOfHouseholds(agg.homesPassedReported, households),
    homes1GbpsPercent: percentOfHouseholds(agg.homes1GbpsReported, households),
    proxyPopulationInReach: unit.populationInReach,
    proxyHouseholdsInReach: inReach,
    proxyHouseholdsInReachPercent: percentOfHouseholds(inReach, households) ?? 0,
  };
}

const figuresOf = (agg: FtthAggregate) => ({
  homesPassedReported: agg.homesPassedReported,
  homesPassedUpper: agg.homesPassedUpper,
  homes1GbpsReported: agg.homes1GbpsReported,
  homes1GbpsUpper: agg.homes1GbpsUpper,
  subscriptions: agg.subscriptions,
});

const add = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);

/** The city's row: the communes' rows summed (percentages recomputed from the sums). */
function cityOf(rows: readonly Row[]): Row {
  const sum: Row = {
    populationCount: 0,
    households: 0,
    operatorCount: 0,
    latestAsOf: null,
    homesPassedReported: null,
    homesPassedUpper: null,
    homes1GbpsReported: null,
    homes1GbpsUpper: null,
    subscriptions: null,
    homesPassedPercent: null,
    homes1GbpsPercent: null,
    proxyPopulationInReach: 0,
    proxyHouseholdsInReach: 0,
    proxyHouseholdsInReachPercent: 0,
  };
  for (const r of rows) {
    sum.populationCount += r.populationCount;
    sum.households += r.households;
    sum.operatorCount = Math.max(sum.operatorCount, r.operatorCount);
    if (r.latestAsOf !== null && (sum.latestAsOf === null || r.latestAsOf > sum.latestAsOf))
      sum.latestAsOf = r.latestAsOf;
    sum.homesPassedReported = add(sum.homesPassedReported, r.homesPassedReported);
    sum.homesPassedUpper = add(sum.homesPassedUpper, r.homesPassedUpper);
    sum.homes1GbpsReported = add(sum.homes1GbpsReported, r.homes1GbpsReported);
    sum.homes1GbpsUpper = add(sum.homes1GbpsUpper, r.homes1GbpsUpper);
    sum.subscriptions = add(sum.subscriptions, r.subscriptions);
    sum.proxyPopulationInReach += r.proxyPopulationInReach;
    sum.proxyHouseholdsInReach += r.proxyHouseholdsInReach;
  }
  return {
    ...sum,
    homesPassedPercent: percentOfHouseholds(sum.homesPassedReported, sum.households),
    homes1GbpsPercent: percentOfHouseholds(sum.homes1GbpsReported, sum.households),
    proxyHouseholdsInReachPercent: percentOfHouseholds(sum.proxyHouseholdsInReach, sum.households) ?? 0,
  };
}

/** The staff's per-commune table (every commune of the grid) and the city's row. */
export function ftthSummaryOf(
  reach: ReachAnswer,
  latest: readonly LatestFigures[],
  params: FtthProxyParams,
  computedAt: string,
): FtthSummary {
  const figures = byCommune(latest);
  const communes = reach.units.map((u) => ({
    adminUnitCode: u.code,
    name: u.name,
    ...rowOf(u, figures.get(u.code) ?? [], params),
  }));
  // The city's operator count: operators with any row (not the most in one commune).
  const city = { ...cityOf(communes), operatorCount: new Set(latest.map((f) => f.orgId)).size };
  return { params, proxyIsEstimate: true, communes, city, computedAt };
}

/** The facts of the indicator report's FTTH lines for an area (null: the city). */
export function fiberFactsOf(
  reach: ReachAnswer,
  latest: readonly LatestFigures[],
  area: string | null,
  params: FtthProxyParams,
): FiberFacts {
  const units = area ? reach.units.filter((u) => u.code === area) : reach.units;
  const figures = byCommune(latest);
  const rows = units.map((u) => rowOf(u, figures.get(u.code) ?? [], params));
  const city = cityOf(rows);
  const reported = rows.filter((r) => r.operatorCount > 0);
  return {
    populationCount: city.populationCount,
    householdSize: params.householdSize,
    reachM: params.reachM,
    populationInReach: city.proxyPopulationInReach,
    reported:
      reported.length === 0
        ? null
        : {
            homesPassed: city.homesPassedReported ?? 0,
            homesPassedUpper: city.homesPassedUpper ?? 0,
            homes1Gbps: city.homes1GbpsReported ?? 0,
            homes1GbpsUpper: city.homes1GbpsUpper ?? 0,
            communesReported: reported.length,
          },
  };
}
