import { MILESTONE_YEARS, type MilestoneYear } from '@hatang/contracts';
import type { TowerInput } from '../coverage/coverage-model.js';
import { REFERENCE_HEIGHT_M } from '../coverage/radius-table.js';
import type { Environment } from '../coverage/technology.js';
import {
  DEFAULT_CORRIDOR_COVERED_SHARE,
  type KeySiteStatus,
  keySiteStatus,
} from '../sites/key-site-status.js';
import type { SitePosition, SiteShape } from '../sites/site-geometry.js';
import type { KeySiteFacts, KeySiteTally } from './indicator-facts.js';
import { PLANNED_SITES_OPERATOR, type PlannedSite } from './planned-coverage.js';

/**
 * Plan 317 III.1: broadband at 100 % of these (seaports, industrial and IT parks, research, state,
 * schools, hospitals, commerce, tourism). Colleges and universities count as the plan's schools
 * ("trường học") and heritage sites and scenic spots as its tourist places ("địa điểm du lịch").
 * legal: plan-317-2025-kh-ubnd
 */
export const BROADBAND_CATEGORIES = [
  'seaport',
  'industrial_park',
  'industrial_cluster',
  'it_park',
  'research_centre',
  'state_agency',
  'school',
  'hospital',
  'commercial_area',
  'tourist_site',
  'college_university',
  'heritage_site',
] as const;
/**
 * Plan 317 III.1: 5G extended at the key areas — administrative areas, heritage sites and scenic
 * spots, key tourist areas, health, colleges and universities, transport hubs, along roads and
 * railways, commercial centres, hotels — counted with the broadband key sites (the 5G indicator
 * has always counted those). Corridors count by their covered length (key-site-status.ts).
 * legal: plan-317-2025-kh-ubnd
 */
export const FIVE_G_CATEGORIES = [
  ...BROADBAND_CATEGORIES,
  'transport_hub',
  'road_corridor',
  'rail_corridor',
  'hotel',
] as const;
/** Plan 317 II.2: free high-speed WiFi at 100 % of village cultural houses and commune centres. */
export const WIFI_CATEGORIES = ['cultural_house', 'commune_centre'] as const;

export interface KeySiteRecord {
  id: string;
  category: string;
  geometry: SiteShape;
}

/** What a plan version adds that can give a key site fiber, 5G or WiFi, each from a year on. */
export interface PlannedKeySiteInputs {
  /** Duct routes (fiber runs in them), `[lng, lat]` positions. */
  ductLines: readonly { line: readonly SitePosition[]; fromYear: number }[];
  wifiPoints: readonly { point: SitePosition; fromYear: number }[];
  /** New 5G sites (tower sites, tower areas' centroids). */
  sites: readonly PlannedSite[];
  /** The environment a new site's radii are drawn for (default suburban). */
  environmentOf?: (site: PlannedSite) => Environment;
}

const tallyOf = (
  sites: readonly KeySiteRecord[],
  flags: (id: string) => Pick<KeySiteStatus, 'hasFiber' | 'has5g' | 'hasWifi'> | undefined,
) => {
  const out: Record<string, KeySiteTally> = {};
  for (const site of sites) {
    const t = out[site.category] ?? { total: 0, fiber: 0, fiveG: 0, wifi: 0 };
    out[site.category] = t;
    const f = flags(site.id);
    t.total++;
    if (f?.hasFiber) t.fiber++;
    if (f?.has5g) t.fiveG++;
    if (f?.hasWifi) t.wifi++;
  }
  return out;
};

/**
 * Key sites by category with fiber, 5G and WiFi: now (`actual`, the sites register's flags) and,
 * with a version, at each milestone — a site gains a flag when the version's duct routes, WiFi
 * points or new 5G sites (counted from the end of their phase) give it one under the same rules
 * and distances as the register's flags (key-site-status.ts). A corridor counts at a milestone
 * when the planned sites cover enough of it, or the register's towers did already: the two are
 * not added along its length (an undercount when neither alone reaches the share).
 */
export function keySiteFacts(
  sites: readonly KeySiteRecord[],
  actual: ReadonlyMap<string, Pick<KeySiteStatus, 'hasFiber' | 'has5g' | 'hasWifi'>>,
  planned: PlannedKeySiteInputs | null,
  distances: { fiberDistanceM?: number; wifiDistanceM?: number; corridorCoveredShare?: number } = {},
): KeySiteFacts {
  const facts: KeySiteFacts = {
    byCategory: tallyOf(sites, (id) => actual.get(id)),
    broadbandCategories: BROADBAND_CATEGORIES,
    fiveGCategories: FIVE_G_CATEGORIES,
    wifiCategories: WIFI_CATEGORIES,
    corridorCoveredShare: distances.corridorCoveredShare ?? DEFAULT_CORRIDOR_COVERED_SHARE,
    planned: null,
  };
  if (!planned) return facts;
  const byYear = {} as Record<`${MilestoneYear}`, Record<string, KeySiteTally>>;
  const environments = new Map<string, Environment>();
  for (const site of planned.sites) environments.set(site.id, planned.environmentOf?.(site) ?? 'suburban');
  for (const year of MILESTONE_YEARS) {
    const towers: TowerInput[] = planned.sites
      .filter((s) => s.fromYear <= year)
      .map((s) => {
        const heightM = s.heightM ?? REFERENCE_HEIGHT_M;
        return {
          id: s.id,
          lng: s.lng,
          lat: s.lat,
          heightM,
          tenantsMax: 1,
          tenancies: [{ operatorId: PLANNED_SITES_OPERATOR, technologies: ['5G'], mountHeightM: heightM }],
        };
      });
    const added = keySiteStatus({
      sites: sites.map((s) => ({ id: s.id, geometry: s.geometry })),
      fiberLines: planned.ductLines.filter((l) => l.fromYear <= year).map((l) => l.line),
      wifiPoints: planned.wifiPoints.filter((p) => p.fromYear <= year).map((p) => p.point),
      towers,
      environmentOf: (t) => environments.get(t.id) ?? 'suburban',
      ...distances,
    });
    const merged = new Map(
      added.map((a) => {
        const now = actual.get(a.id);
        return [
          a.id,
          {
            hasFiber: a.hasFiber || (now?.hasFiber ?? false),
            has5g: a.has5g || (now?.has5g ?? false),
            hasWifi: a.hasWifi || (now?.hasWifi ?? false),
          },
        ];
      }),
    );
    byYear[`${year}`] = tallyOf(sites, (id) => merged.get(id));
  }
  return { ...facts, planned: byYear };
}
