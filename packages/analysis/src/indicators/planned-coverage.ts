import { MILESTONE_YEARS, type MilestoneYear } from '@hatang/contracts';
import type { CoverageModel } from '../coverage/coverage-model.js';
import { REFERENCE_HEIGHT_M } from '../coverage/radius-table.js';
import { SERVICE_COUNT, serviceIndex } from '../coverage/technology.js';
import type { CoverageFacts } from './indicator-facts.js';

/**
 * The pseudo-operator the plan's new sites are on air for: a coverage model that measures plans
 * must list it among its operators (it holds no tenancy in the register).
 */
export const PLANNED_SITES_OPERATOR = 'plan:new-sites';

/** A new site of a plan version: a tower site, or a tower area's centroid. `[lng, lat]` WGS 84. */
export interface PlannedSite {
  id: string;
  lng: number;
  lat: number;
  /** Antenna height above ground, metres (a tower area's maximum height; default 30 m). */
  heightM: number | null;
  /** The first milestone the site is on air at (the end of its phase). */
  fromYear: number;
}

/**
 * People covered by 4G and 5G in the given units (all units when `unitCodes` is null), now and
 * at each milestone with the version's new sites added as 5G sites (5G-sub6 at their height).
 * Adds the sites to the model and takes them out again before returning, synchronously, so the
 * model (the register's, cached) is left as it was and only the cells around new sites are touched.
 */
export function coverageAtMilestones(
  model: CoverageModel,
  sites: readonly PlannedSite[] | null,
  unitCodes: readonly string[] | null,
): CoverageFacts {
  if (sites && model.operatorAt(PLANNED_SITES_OPERATOR) === undefined) {
    throw new Error(`the coverage model must count the operator ${PLANNED_SITES_OPERATOR}`);
  }
  const { grid } = model;
  const units = unitCodes
    ? grid.units.flatMap((u, i) => (unitCodes.includes(u.code) ? [i] : []))
    : grid.units.map((_, i) => i);
  const s4 = serviceIndex('4G');
  const s5 = serviceIndex('5G');
  const read = () => {
    let c4 = 0;
    let c5 = 0;
    for (const u of units) {
      c4 += model.unitAny[u * SERVICE_COUNT + s4]!;
      c5 += model.unitAny[u * SERVICE_COUNT + s5]!;
    }
    return { '4G': c4, '5G': c5 };
  };
  const populationCount = units.reduce((s, u) => s + grid.unitPopulation[u]!, 0);
  const actual = read();
  if (!sites) return { populationCount, actual, planned: null };

  const planned = {} as Record<`${MilestoneYear}`, { '4G': number; '5G': number }>;
  const added: string[] = [];
  try {
    for (const year of MILESTONE_YEARS) {
      for (const site of sites) {
        const previous = MILESTONE_YEARS[MILESTONE_YEARS.indexOf(year) - 1] ?? -Infinity;
        if (site.fromYear > year || site.fromYear <= previous) continue;
        const id = `${PLANNED_SITES_OPERATOR}:${site.id}`;
        const heightM = site.heightM ?? REFERENCE_HEIGHT_M;
        model.setTower(id, {
          id,
          lng: site.lng,
          lat: site.lat,
          heightM,
          tenantsMax: 1,
          tenancies: [{ operatorId: PLANNED_SITES_OPERATOR, technologies: ['5G'], mountHeightM: heightM }],
        });
        added.push(id);
      }
      planned[`${year}`] = read();
    }
  } finally {
    for (const id of added) model.setTower(id, null);
  }
  return { populationCount, actual, planned };
}
