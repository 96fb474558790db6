import type { IndicatorGroup, IndicatorUnit, IndicatorValue, MilestoneYear } from '@hatang/contracts';
import { fiberIndicators } from '../ftth/fiber-indicators.js';
import type { IndicatorFacts, KeySiteTally, PlanItemFact } from './indicator-facts.js';
import { byMilestone, countsAt } from './milestones.js';
import { PLAN_317_TARGETS } from './plan-317-targets.js';

const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
const km = (metres: number) => round(metres / 1000, 3);
const percent = (part: number, whole: number) => (whole > 0 ? round((part / whole) * 100, 2) : 0);

/** Tenants a planned tower brings: a tower area its `tenantsPlanned` (default 1), a tower site 1. */
export function plannedTenants(item: PlanItemFact): number {
  const tenants = item.attributes.tenantsPlanned;
  return item.kind === 'tower_area' && typeof tenants === 'number' && tenants >= 1 ? tenants : 1;
}

/**
 * Every indicator for an area: Plan 317's target, the register (`actual`) and, with a version, the
 * register plus the version's items that are not cancelled at each milestone (`planned`). Items
 * copied from the register by a baseline are the register already and are not added again.
 * Returns the indicators in display order; key-site indicators only when `keySites` is given.
 * legal: plan-317-2025-kh-ubnd
 */
export function computeIndicators(facts: IndicatorFacts): IndicatorValue[] {
  const { register, coverage, keySites } = facts;
  const items = facts.items?.filter((i) => !i.fromRegister) ?? null;
  const out: IndicatorValue[] = [];
  const add = (
    key: string,
    group: IndicatorGroup,
    unit: IndicatorUnit,
    actual: number | null,
    planned: ((year: MilestoneYear, at: (kinds: string[]) => PlanItemFact[]) => number | null) | null,
    extra: Pick<IndicatorValue, 'actualParts' | 'breakdown'> = {},
  ) => {
    out.push({
      key,
      group,
      unit,
      target: PLAN_317_TARGETS[key] ?? null,
      // The city's own interim targets are added by the API from the database (not the worker's).
      interimTarget: null,
      actual,
      planned:
        items && planned
          ? byMilestone((year) =>
              planned(year, (kinds) => items.filter((i) => kinds.includes(i.kind) && countsAt(i, year))),
            )
          : null,
      ...extra,
    });
  };
  const sumKm = (list: PlanItemFact[]) => list.reduce((s, i) => s + i.lengthM, 0);

  // Population with 5G (and 4G): Plan 317 II.2.
  if (coverage) {
    const people = coverage.populationCount;
    for (const service of ['5G', '4G'] as const) {
      add(
        `population${service.toLowerCase()}Percent`,
        'coverage',
        'percent',
        percent(coverage.actual[service], people),
        coverage.planned ? (year) => percent(coverage.planned?.[`${year}`][service] ?? 0, people) : null,
        { actualParts: { part: coverage.actual[service], whole: people } },
      );
    }
  }

  // Key sites with fiber / 5G / WiFi, and WiFi at cultural houses and commune centres.
  if (keySites) {
    const sum = (byCategory: Readonly<Record<string, KeySiteTally>>, categories: readonly string[]) =>
      categories.reduce<KeySiteTally>(
        (s, c) => {
          const t = byCategory[c];
          return t
            ? {
                total: s.total + t.total,
                fiber: s.fiber + t.fiber,
                fiveG: s.fiveG + t.fiveG,
                wifi: s.wifi + t.wifi,
              }
            : s;
        },
        { total: 0, fiber: 0, fiveG: 0, wifi: 0 },
      );
    const breakdown = (field: keyof KeySiteTally) =>
      Object.fromEntries(
        Object.entries(keySites.byCategory).map(([category, t]) => [category, percent(t[field], t.total)]),
      );
    const keySite = (
      key: string,
      group: IndicatorGroup,
      categories: readonly string[],
      field: 'fiber' | 'fiveG' | 'wifi',
      rule: Record<string, number> = {},
    ) => {
      const now = sum(keySites.byCategory, categories);
      const planned = keySites.planned;
      add(
        key,
        group,
        'percent',
        percent(now[field], now.total),
        planned
          ? (year) => {
              const then = sum(planned[`${year}`], categories);
              return percent(then[field], then.total);
            }
          : null,
        { actualParts: { part: now[field], whole: now.total }, breakdown: { ...breakdown(field), ...rule } },
      );
    };
    keySite('keySitesFiberPercent', 'keySites', keySites.broadbandCategories, 'fiber');
    // A corridor counts by its covered length: the threshold rides in the breakdown beside the categories.
    keySite(
      'keySites5gPercent',
      'keySites',
      keySites.fiveGCategories ?? keySites.broadbandCategories,
      'fiveG',
      keySites.corridorCoveredShare === undefined
        ? {}
        : { corridorCoveredSharePercent: percent(keySites.corridorCoveredShare, 1) },
    );
    keySite('communeWifiPercent', 'wifi', keySites.wifiCategories, 'wifi');
  }

  // Public WiFi points (register + wifi_point items).
  const wifiNow = Object.values(register.wifiPointsBySiteType).reduce((s, n) => s + n, 0);
  add('wifiPoints', 'wifi', 'count', wifiNow, (_y, at) => wifiNow + at(['wifi_point']).length, {
    breakdown: { ...register.wifiPointsBySiteType },
  });

  // Overhead cable put underground (Plan 317 V.1: rearranging overhead lines; no figure set).
  const { aerial, underground } = register.cableLengthM;
  add('cableAerialKm', 'cables', 'km', km(aerial), (_y, at) =>
    km(Math.max(0, aerial - sumKm(at(['undergrounding'])))),
  );
  add('cableUndergroundKm', 'cables', 'km', km(underground), (_y, at) =>
    km(underground + Math.min(aerial, sumKm(at(['undergrounding'])))),
  );
  add('undergroundingKm', 'cables', 'km', null, (_y, at) => km(sumKm(at(['undergrounding']))));
  add(
    'undergroundCableSharePercent',
    'cables',
    'percent',
    percent(underground, aerial + underground),
    (_y, at) => percent(underground + Math.min(aerial, sumKm(at(['undergrounding']))), aerial + underground),
    { actualParts: { part: round(underground, 1), whole: round(aerial + underground, 1) } },
  );

  // Shared towers: tenants per tower and towers with at least two tenants.
  const tenants = register.towerTenants;
  const towerCount = tenants.length;
  const tenantSum = tenants.reduce((s, n) => s + n, 0);
  const shared = tenants.filter((n) => n >= 2).length;
  const newTowers = (at: (kinds: string[]) => PlanItemFact[]) => at(['tower_site', 'tower_area']);
  add('towerCount', 'sharing', 'count', towerCount, (_y, at) => towerCount + newTowers(at).length, {
    breakdown: {
      towersWith0Tenants: tenants.filter((n) => n === 0).length,
      towersWith1Tenant: tenants.filter((n) => n === 1).length,
      towersWith2Tenants: tenants.filter((n) => n === 2).length,
      towersWith3OrMoreTenants: tenants.filter((n) => n >= 3).length,
    },
  });
  add('tenantsPerTower', 'sharing', 'ratio', towerCount ? round(tenantSum / towerCount, 3) : 0, (_y, at) => {
    const added = newTowers(at);
    const count = towerCount + added.length;
    return count ? round((tenantSum + added.reduce((s, i) => s + plannedTenants(i), 0)) / count, 3) : 0;
  });
  add(
    'sharedTowerPercent',
    'sharing',
    'percent',
    percent(shared, towerCount),
    (_y, at) => {
      const added = newTowers(at);
      return percent(shared + added.filter((i) => plannedTenants(i) >= 2).length, towerCount + added.length);
    },
    { actualParts: { part: shared, whole: towerCount } },
  );
  add('plannedTowerAreaTenants', 'sharing', 'count', null, (_y, at) =>
    at(['tower_area']).reduce((s, i) => s + plannedTenants(i), 0),
  );

  // Ducts, trenches and tunnels.
  add('ductKm', 'ducts', 'km', km(register.ductLengthM), (_y, at) =>
    km(register.ductLengthM + sumKm(at(['duct_route']))),
  );
  add('trenchTunnelKm', 'ducts', 'km', km(register.trenchTunnelLengthM), (_y, at) =>
    km(register.trenchTunnelLengthM + sumKm(at(['trench', 'tunnel']))),
  );

  // Landing stations, submarine cables and data centres.
  add(
    'landingStations',
    'landing',
    'count',
    register.landingStations,
    (_y, at) => register.landingStations + at(['landing_station']).length,
  );
  add('submarineCableKm', 'landing', 'km', km(register.submarineCableLengthM), (_y, at) =>
    km(register.submarineCableLengthM + sumKm(at(['submarine_corridor']))),
  );
  // Data centres: the register's in service, plus the version's data-centre items.
  const centres = register.dataCentres;
  add(
    'dataCentres',
    'dataCentres',
    'count',
    centres.total,
    (_y, at) => centres.total + at(['data_centre']).length,
  );
  add(
    'greenDataCentres',
    'dataCentres',
    'count',
    centres.green,
    (_y, at) => centres.green + at(['data_centre']).filter((i) => i.attributes.isGreen === true).length,
  );

  // Surveillance cameras to the main streets (Plan 317 II.2 "phổ cập … camera giám sát … tới … các
  // tuyến đường, tuyến phố chính"): the share of main-street length within a camera's view range.
  const cameras = register.mainStreetCameraM;
  add('mainStreetCameraPercent', 'cityServices', 'percent', percent(cameras.covered, cameras.total), null, {
    actualParts: { part: round(cameras.covered, 1), whole: round(cameras.total, 1) },
  });
  // Fibre to the home: operators' figures and the proxy beside them (ftth/fiber-indicators.ts).
  if (facts.fiber) out.push(...fiberIndicators(facts.fiber));
  return out;
}
