import { bbox, multiPolygon } from '@turf/turf';
import type { CoverageModel } from './coverage-model.js';
import { metresPerDegreeLat, metresPerDegreeLng } from './local-metric.js';
import { type MultiPolygonCoordinates, pointInMultiPolygon } from './polygon-cover.js';
import { servingRadiusM } from './radius-table.js';
import { type Environment, SERVICES, type Service, technologyForService } from './technology.js';

export interface CandidateOptions {
  service: Service;
  /** Stop when this share of the population is covered, percent (default 100). */
  targetPercent?: number;
  /** Stop after this many sites (default 50). */
  maxSites?: number;
  /** Spacing of the new-site candidate grid, metres (default 500). */
  gridSpacingM?: number;
  /** Antenna height of a new site, metres above ground (default 30, the reference height). */
  newSiteHeightM?: number;
  /**
   * Areas where no new site may go (restricted plan zones). Co-location on existing towers is not
   * affected: the tower stands already.
   */
  excludedAreas?: readonly MultiPolygonCoordinates[];
  /**
   * Sites communes offer for towers (Plan 317: communes arrange space for telecom stations).
   * They compete with the new-site grid and win when they cover comparable population: an offer
   * is preferred to a free site unless that site gains more than `1 / offerPreference` times as
   * many people.
   * legal: plan-317-2025-kh-ubnd
   */
  offers?: readonly SiteOfferInput[];
  /** How much of a free site's gain an offer must reach to be preferred, 0–1 (default 0.9). */
  offerPreference?: number;
}

/** A published, tower-capable site offer. Position `[lng, lat]` WGS 84. */
export interface SiteOfferInput {
  id: string;
  lng: number;
  lat: number;
  unitCode?: string | null;
  /** Antenna height above ground the offer allows, metres (default: the new-site height). */
  heightM?: number | null;
}

export interface CandidateSite {
  rank: number;
  /** 'colocation': an operator joins an existing tower with free capacity; 'new': a new site. */
  kind: 'colocation' | 'new';
  /** The existing tower (colocation only). */
  towerId?: string;
  /** The operator that would join (colocation only). */
  operatorId?: string;
  /** The commune's site offer the new site stands on (new sites only, when one was preferred). */
  siteOfferId?: string;
  /** `[lng, lat]` WGS 84. */
  position: [number, number];
  unitCode: string | null;
  environment: Environment;
  radiusM: number;
  /** People this site covers that nothing covered before it (its marginal gain). */
  newlyCoveredCount: number;
  /** The same as a share of the city's population, percent. */
  marginalGainPercent: number;
  /** City-wide coverage after this site and the ones ranked before it, percent. */
  coveredPercentAfter: number;
}

export interface CandidatePlan {
  service: Service;
  populationCount: number;
  coveredCountBefore: number;
  coveredCountAfter: number;
  targetPercent: number;
  targetReached: boolean;
  sites: CandidateSite[];
}

interface Candidate {
  kind: 'colocation' | 'new';
  towerId?: string;
  operatorId?: string;
  siteOfferId?: string;
  lng: number;
  lat: number;
  unitCode: string | null;
  environment: Environment;
  radiusM: number;
}

/**
 * Sites that close the gaps of `service`, by greedy maximum coverage (each pick covers the most
 * people not yet covered; lazy re-evaluation, since a pick only lowers the others' gains).
 * Co-location comes first, as the law and the budget prefer: existing towers with free capacity
 * (tenants < tenantsMax) where a counted operator is absent (the one with the least coverage of
 * the service joins). Then new sites on a grid (`gridSpacingM`) over cells of the population grid,
 * except grid points inside `excludedAreas`, competing with the communes' site offers, which are
 * preferred when they gain comparable population (`offerPreference`).
 * Stops at the target share, after `maxSites`, or when no candidate gains anybody.
 */
export function candidateSites(model: CoverageModel, options: CandidateOptions): CandidatePlan {
  const { grid } = model;
  const s = SERVICES.indexOf(options.service);
  const tech = technologyForService(options.service);
  const targetPercent = options.targetPercent ?? 100;
  const maxSites = options.maxSites ?? 50;
  const covered = model.anyOperators.slice(s * grid.n, (s + 1) * grid.n);
  let coveredCount = 0;
  for (let i = 0; i < grid.n; i++) if (covered[i]) coveredCount += grid.population[i]!;
  const total = grid.totalPopulation;
  const target = (total * targetPercent) / 100;
  const before = coveredCount;
  const buffer = new Int32Array(grid.n);
  const sites: CandidateSite[] = [];

  const gain = (c: Candidate) => {
    const count = grid.within(c.lng, c.lat, c.radiusM, buffer);
    let people = 0;
    for (let k = 0; k < count; k++) {
      const i = buffer[k]!;
      if (!covered[i]) people += grid.population[i]!;
    }
    return people;
  };
  const take = (c: Candidate) => {
    const count = grid.within(c.lng, c.lat, c.radiusM, buffer);
    let people = 0;
    for (let k = 0; k < count; k++) {
      const i = buffer[k]!;
      if (!covered[i]) {
        covered[i] = 1;
        people += grid.population[i]!;
      }
    }
    return people;
  };

  // Offers rank by gain / preference (ties go to the offer); what they cover is their real gain.
  const preference = Math.min(1, Math.max(Number.EPSILON, options.offerPreference ?? 0.9));
  const priority = (c: Candidate, g: number) => (c.siteOfferId === undefined ? g : g / preference);
  const runPhase = (candidates: Candidate[]) => {
    const heap = new GainHeap();
    candidates.forEach((c, index) => {
      const g = gain(c);
      if (g > 0) heap.push(priority(c, g), index, sites.length);
    });
    while (heap.size > 0 && sites.length < maxSites && coveredCount < target) {
      const top = heap.pop();
      const c = candidates[top.index]!;
      if (top.round !== sites.length) {
        const g = gain(c);
        if (g > 0) heap.push(priority(c, g), top.index, sites.length);
        continue;
      }
      const people = take(c);
      coveredCount += people;
      sites.push({
        rank: sites.length + 1,
        kind: c.kind,
        ...(c.towerId === undefined ? {} : { towerId: c.towerId }),
        ...(c.operatorId === undefined ? {} : { operatorId: c.operatorId }),
        ...(c.siteOfferId === undefined ? {} : { siteOfferId: c.siteOfferId }),
        position: [c.lng, c.lat],
        unitCode: c.unitCode,
        environment: c.environment,
        radiusM: Math.round(c.radiusM),
        newlyCoveredCount: people,
        marginalGainPercent: pct(people, total),
        coveredPercentAfter: pct(coveredCount, total),
      });
    }
  };

  runPhase(colocationCandidates(model, s, tech));
  runPhase([...offerCandidates(model, tech, options), ...newSiteCandidates(model, tech, options)]);
  return {
    service: options.service,
    populationCount: total,
    coveredCountBefore: before,
    coveredCountAfter: coveredCount,
    targetPercent,
    targetReached: coveredCount >= target,
    sites,
  };
}

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1e4) / 100 : 0);

function colocationCandidates(
  model: CoverageModel,
  service: number,
  tech: ReturnType<typeof technologyForService>,
): Candidate[] {
  // The operator that joins: the counted one with the least coverage of the service city-wide.
  const ops = model.operators.length;
  const coverage = model.operators.map((_, o) => {
    let sum = 0;
    for (let u = 0; u < model.grid.units.length; u++)
      sum += model.unitOperatorService[(u * ops + o) * 4 + service]!;
    return sum;
  });
  const byNeed = model.operators.map((_, o) => o).sort((a, b) => coverage[a]! - coverage[b]!);
  const out: Candidate[] = [];
  for (const tower of model.towerList()) {
    if (tower.tenancies.length >= tower.tenantsMax) continue;
    const present = new Set(tower.tenancies.map((t) => t.operatorId));
    const joiner = byNeed.find((o) => !present.has(model.operators[o]!));
    if (joiner === undefined) continue;
    const environment = model.towerEnvironment(tower);
    out.push({
      kind: 'colocation',
      towerId: tower.id,
      operatorId: model.operators[joiner]!,
      lng: tower.lng,
      lat: tower.lat,
      unitCode: tower.unitCode ?? null,
      environment,
      radiusM: servingRadiusM(model.table, tech, environment, tower.heightM),
    });
  }
  return out;
}

function offerCandidates(
  model: CoverageModel,
  tech: ReturnType<typeof technologyForService>,
  options: CandidateOptions,
): Candidate[] {
  const excluded = excludedTest(options.excludedAreas ?? []);
  return (options.offers ?? [])
    .filter((o) => !excluded(o.lng, o.lat))
    .map((o) => {
      const environment = model.towerEnvironment(o);
      return {
        kind: 'new' as const,
        siteOfferId: o.id,
        lng: o.lng,
        lat: o.lat,
        unitCode: o.unitCode ?? null,
        environment,
        radiusM: servingRadiusM(model.table, tech, environment, o.heightM ?? options.newSiteHeightM ?? 30),
      };
    });
}

/** Whether a position lies in one of the areas (bounding boxes first). */
function excludedTest(areas: readonly MultiPolygonCoordinates[]) {
  const excluded = areas.map((area) => ({ area, box: bboxOf(area) }));
  return (lng: number, lat: number) =>
    excluded.some(
      ({ area, box }) =>
        lng >= box[0] &&
        lng <= box[2] &&
        lat >= box[1] &&
        lat <= box[3] &&
        pointInMultiPolygon(area, lng, lat),
    );
}

function newSiteCandidates(
  model: CoverageModel,
  tech: ReturnType<typeof technologyForService>,
  options: CandidateOptions,
): Candidate[] {
  const { grid } = model;
  if (grid.n === 0) return [];
  const spacing = options.gridSpacingM ?? 500;
  const height = options.newSiteHeightM ?? 30;
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (let i = 0; i < grid.n; i++) {
    minLng = Math.min(minLng, grid.lng[i]!);
    maxLng = Math.max(maxLng, grid.lng[i]!);
    minLat = Math.min(minLat, grid.lat[i]!);
    maxLat = Math.max(maxLat, grid.lat[i]!);
  }
  const mid = (minLat + maxLat) / 2;
  const stepLat = spacing / metresPerDegreeLat(mid);
  const stepLng = spacing / metresPerDegreeLng(mid);
  // Only grid points near a cell: walking the bbox would cost its area, not the city's.
  const isExcluded = excludedTest(options.excludedAreas ?? []);
  const seen = new Set<number>();
  const cols = Math.floor((maxLng - minLng) / stepLng) + 2;
  const out: Candidate[] = [];
  for (let i = 0; i < grid.n; i++) {
    const gx = Math.round((grid.lng[i]! - minLng) / stepLng);
    const gy = Math.round((grid.lat[i]! - minLat) / stepLat);
    const key = gy * cols + gx;
    if (seen.has(key)) continue;
    seen.add(key);
    // The lattice point, or, where it falls between cells (a settlement smaller than the
    // spacing), the populated cell itself: every populated place gets a candidate.
    let lng = minLng + gx * stepLng;
    let lat = minLat + gy * stepLat;
    let cell = grid.cellAt(lng, lat);
    if (cell < 0) {
      cell = i;
      lng = grid.lng[i]!;
      lat = grid.lat[i]!;
    }
    if (isExcluded(lng, lat)) continue;
    const u = grid.unit[cell]!;
    const environment = grid.unitEnvironment[u]!;
    out.push({
      kind: 'new',
      lng: Math.round(lng * 1e6) / 1e6,
      lat: Math.round(lat * 1e6) / 1e6,
      unitCode: grid.units[u]!.code,
      environment,
      radiusM: servingRadiusM(model.table, tech, environment, height),
    });
  }
  return out;
}

/** `[west, south, east, north]` of an excluded area (Turf `bbox`; infinite when it is empty). */
function bboxOf(area: MultiPolygonCoordinates): [number, number, number, number] {
  const [west, south, east, north] = bbox(
    multiPolygon(area.map((polygon) => polygon.map((ring) => ring.map((p) => [...p])))),
  );
  return [west, south, east, north];
}

/** Max-heap of (gain, candidate index, round the gain was computed in). */
class GainHeap {
  private gains: number[] = [];
  private items: number[] = [];
  private rounds: number[] = [];
  get size() {
    return this.gains.length;
  }
  push(gain: number, index: number, round: number) {
    this.gains.push(gain);
    this.items.push(index);
    this.rounds.push(round);
    let i = this.gains.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.gains[parent]! >= this.gains[i]!) break;
      this.swap(i, parent);
      i = parent;
    }
  }
  pop(): { gain: number; index: number; round: number } {
    const top = { gain: this.gains[0]!, index: this.items[0]!, round: this.rounds[0]! };
    const last = this.gains.length - 1;
    this.swap(0, last);
    this.gains.pop();
    this.items.pop();
    this.rounds.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.gains.length && this.gains[l]! > this.gains[m]!) m = l;
      if (r < this.gains.length && this.gains[r]! > this.gains[m]!) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }
  private swap(a: number, b: number) {
    for (const arr of [this.gains, this.items, this.rounds]) {
      const t = arr[a]!;
      arr[a] = arr[b]!;
      arr[b] = t;
    }
  }
}
