/**
 * Whether each key site has fiber, 4G, 5G and public WiFi (Plan 317's 2030 targets: broadband at
 * 100 % of seaports, industrial parks, schools, hospitals…; free WiFi at 100 % of commune centres
 * and village cultural houses). Pure: the caller loads the register.
 *
 * - Fiber: an existing fiber cable route or duct passes within `fiberDistanceM` (default 200 m)
 *   of the site (0 m when it enters a polygon site).
 * - WiFi: an existing public WiFi point lies within `wifiDistanceM` (default 100 m).
 * - 4G / 5G: the coverage analysis' model for existing towers — a tenancy of a counted operator
 *   with the technology reaches the site when the site is within the serving radius
 *   (`servingRadiusM`: radius table × height factor of the mount height, in the tower's
 *   environment); where an operator uploaded its own coverage polygon for a technology, that
 *   polygon replaces the radius model for the pair, as in CoverageModel. A point or polygon site
 *   is covered when any of it is reached. A road or rail corridor (a line) is covered when the
 *   share of its length inside coverage reaches `corridorCoveredShare` (default 0.95, a
 *   configurable default, not a figure of the plan): the line is cut into pieces of at most
 *   {@link CORRIDOR_PIECE_M} m and a piece counts when its midpoint is covered.
 * legal: plan-317-2025-kh-ubnd
 */
import type { CoveragePolygonInput, TowerInput } from '../coverage/coverage-model.js';
import { pointInMultiPolygon } from '../coverage/polygon-cover.js';
import { type RadiusTable, radiusTable, servingRadiusM } from '../coverage/radius-table.js';
import { type Environment, type Technology, technologyOf } from '../coverage/technology.js';
import { BoxIndex, boxOf, SiteMeasure, type SitePosition, type SiteShape } from './site-geometry.js';

export const DEFAULT_FIBER_DISTANCE_M = 200;
export const DEFAULT_WIFI_DISTANCE_M = 100;
/** A corridor has 4G/5G when at least this share (0–1) of its length is covered. */
export const DEFAULT_CORRIDOR_COVERED_SHARE = 0.95;
/** Longest piece a corridor is cut into to measure its covered length, metres. */
export const CORRIDOR_PIECE_M = 25;

export interface KeySiteInput {
  id: string;
  geometry: SiteShape;
}

export interface KeySiteStatusInput {
  sites: readonly KeySiteInput[];
  /** Existing fiber cable routes and ducts, as LineString positions `[lng, lat]`. */
  fiberLines: readonly (readonly SitePosition[])[];
  /** Existing public WiFi points `[lng, lat]`. */
  wifiPoints: readonly SitePosition[];
  /** Existing towers with their tenancies (as the coverage analysis loads them). */
  towers: readonly TowerInput[];
  /** The environment a tower's radii are drawn for (its commune's); default 'suburban', as the model. */
  environmentOf?: (tower: TowerInput) => Environment;
  /** Operators that count (default: every operator with a tenancy). */
  operators?: readonly string[];
  radiusTable?: RadiusTable;
  /** Operators' measured coverage: replaces the radius model for that operator × technology. */
  polygons?: readonly CoveragePolygonInput[];
  fiberDistanceM?: number;
  wifiDistanceM?: number;
  /** A corridor has 4G/5G when at least this share (0–1) of its length is covered (default 0.95). */
  corridorCoveredShare?: number;
}

export interface KeySiteStatus {
  id: string;
  hasFiber: boolean;
  has4g: boolean;
  has5g: boolean;
  hasWifi: boolean;
  /** Metres to the nearest fiber route or duct within max(1 km, the fiber distance); null beyond. */
  fiberDistanceM: number | null;
  /** Metres to the nearest WiFi point within max(1 km, the WiFi distance); null beyond. */
  wifiDistanceM: number | null;
  /** Corridors: the share (0–1, 4 decimals) of the length inside 5G coverage; null for points and polygons. */
  covered5gLengthShare: number | null;
}

const SERVICE_TECHS: Record<'4G' | '5G', readonly Technology[]> = {
  '4G': ['4G'],
  '5G': ['5G-sub6', '5G-mmWave'],
};

interface TowerRadio {
  position: SitePosition;
  /** Serving radius per service, metres (0: the service is not offered there by the radius model). */
  radius: Record<'4G' | '5G', number>;
}

/** The flags of every site, in the order given. Distances in metres. */
export function keySiteStatus(input: KeySiteStatusInput): KeySiteStatus[] {
  const fiberDistanceM = input.fiberDistanceM ?? DEFAULT_FIBER_DISTANCE_M;
  const wifiDistanceM = input.wifiDistanceM ?? DEFAULT_WIFI_DISTANCE_M;
  const corridorShare = input.corridorCoveredShare ?? DEFAULT_CORRIDOR_COVERED_SHARE;
  const table = input.radiusTable ?? radiusTable();
  const counted = input.operators ? new Set(input.operators) : undefined;
  const counts = (operatorId: string) => !counted || counted.has(operatorId);

  const polygonLayers = new Set<string>();
  const polygons = (input.polygons ?? []).filter((p) => counts(p.operatorId));
  for (const p of polygons) polygonLayers.add(`${p.operatorId}|${p.technology}`);

  const lines = new BoxIndex<readonly SitePosition[]>();
  for (const line of input.fiberLines) if (line.length > 0) lines.insert(boxOf(line), line);
  const wifi = new BoxIndex<SitePosition>();
  for (const p of input.wifiPoints) wifi.insert([p[0], p[1], p[0], p[1]], p);

  const radios = new BoxIndex<TowerRadio>(0.05);
  let maxRadius = 0;
  for (const tower of input.towers) {
    const env = input.environmentOf?.(tower) ?? 'suburban';
    const radius = { '4G': 0, '5G': 0 };
    for (const tenancy of tower.tenancies) {
      if (!counts(tenancy.operatorId)) continue;
      for (const raw of tenancy.technologies) {
        const tech = technologyOf(raw);
        if (!tech || polygonLayers.has(`${tenancy.operatorId}|${tech}`)) continue;
        for (const service of ['4G', '5G'] as const) {
          if (!SERVICE_TECHS[service].includes(tech)) continue;
          radius[service] = Math.max(radius[service], servingRadiusM(table, tech, env, tenancy.mountHeightM));
        }
      }
    }
    if (radius['4G'] === 0 && radius['5G'] === 0) continue;
    radios.insert([tower.lng, tower.lat, tower.lng, tower.lat], { position: [tower.lng, tower.lat], radius });
    maxRadius = Math.max(maxRadius, radius['4G'], radius['5G']);
  }

  return input.sites.map((site) => {
    const measure = new SiteMeasure(site.geometry);
    const nearest = <T>(index: BoxIndex<T>, searchM: number, distance: (item: T) => number) => {
      let best = Infinity;
      for (const item of index.search(measure.searchBox(searchM))) best = Math.min(best, distance(item));
      return best <= searchM ? best : null;
    };
    const fiber = nearest(lines, Math.max(1000, fiberDistanceM), (line) => measure.toLine(line));
    const wifiM = nearest(wifi, Math.max(1000, wifiDistanceM), (p) => measure.toPoint(p));
    const fiberFlags = {
      id: site.id,
      hasFiber: fiber !== null && fiber <= fiberDistanceM,
      hasWifi: wifiM !== null && wifiM <= wifiDistanceM,
      fiberDistanceM: fiber === null ? null : Math.round(fiber * 10) / 10,
      wifiDistanceM: wifiM === null ? null : Math.round(wifiM * 10) / 10,
    };
    if (measure.isLine) {
      const share = corridorShares(measure, radios, maxRadius, polygons);
      return {
        ...fiberFlags,
        has4g: share['4G'] >= corridorShare,
        has5g: share['5G'] >= corridorShare,
        covered5gLengthShare: Math.round(share['5G'] * 10_000) / 10_000,
      };
    }
    const covered = { '4G': false, '5G': false };
    for (const radio of radios.search(measure.searchBox(maxRadius))) {
      const d = measure.toPoint(radio.position);
      for (const service of ['4G', '5G'] as const) {
        if (radio.radius[service] > 0 && d <= radio.radius[service]) covered[service] = true;
      }
      if (covered['4G'] && covered['5G']) break;
    }
    for (const p of polygons) {
      const service = p.technology === '4G' ? '4G' : p.technology.startsWith('5G') ? '5G' : undefined;
      if (!service || covered[service]) continue;
      if (pointInMultiPolygon(p.multiPolygon, measure.anchor[0], measure.anchor[1])) covered[service] = true;
    }
    return { ...fiberFlags, has4g: covered['4G'], has5g: covered['5G'], covered5gLengthShare: null };
  });
}

const serviceOf = (technology: string): '4G' | '5G' | undefined =>
  technology === '4G' ? '4G' : technology.startsWith('5G') ? '5G' : undefined;

/**
 * The fractions (0–1) of segment a→b (plane metres) within `r` metres of c: one interval or none.
 */
function circleInterval(
  a: readonly [number, number],
  b: readonly [number, number],
  c: readonly [number, number],
  r: number,
): [number, number] | null {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const [fx, fy] = [a[0] - c[0], a[1] - c[1]];
  const qa = dx * dx + dy * dy;
  const qb = 2 * (fx * dx + fy * dy);
  const qc = fx * fx + fy * fy - r * r;
  const disc = qb * qb - 4 * qa * qc;
  if (qa === 0 || disc < 0) return null;
  const root = Math.sqrt(disc);
  const t0 = Math.max(0, (-qb - root) / (2 * qa));
  const t1 = Math.min(1, (-qb + root) / (2 * qa));
  return t0 <= t1 ? [t0, t1] : null;
}

/** Overlapping intervals joined, in order (a piece then checks a handful, not every tower's). */
function merged(intervals: [number, number][]): [number, number][] {
  intervals.sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [t0, t1] of intervals) {
    const last = out[out.length - 1];
    if (last && t0 <= last[1]) last[1] = Math.max(last[1], t1);
    else out.push([t0, t1]);
  }
  return out;
}

/**
 * The share (0–1) of a corridor's length inside 4G and inside 5G coverage: each segment gets the
 * stretches its towers' radii cover (exactly), and a piece counts when its midpoint is in one of
 * them or in an operator's coverage polygon.
 */
function corridorShares(
  measure: SiteMeasure,
  radios: BoxIndex<TowerRadio>,
  maxRadius: number,
  polygons: readonly CoveragePolygonInput[],
): Record<'4G' | '5G', number> {
  const pieces = measure.pieces(CORRIDOR_PIECE_M);
  const total = pieces.reduce((s, p) => s + p.lengthM, 0);
  const coveredM = { '4G': 0, '5G': 0 };
  if (total === 0) return coveredM;
  const [dLng, dLat] = measure.plane.degrees(maxRadius);
  const reach = measure.segments().map(([a, b]) => {
    const out: Record<'4G' | '5G', [number, number][]> = { '4G': [], '5G': [] };
    const [pa, pb] = [measure.plane.lngLat(a), measure.plane.lngLat(b)];
    const box: [number, number, number, number] = [
      Math.min(pa[0], pb[0]) - dLng,
      Math.min(pa[1], pb[1]) - dLat,
      Math.max(pa[0], pb[0]) + dLng,
      Math.max(pa[1], pb[1]) + dLat,
    ];
    for (const radio of radios.search(box)) {
      const c = measure.plane.xy(radio.position);
      for (const service of ['4G', '5G'] as const) {
        const interval = radio.radius[service] > 0 ? circleInterval(a, b, c, radio.radius[service]) : null;
        if (interval) out[service].push(interval);
      }
    }
    return { '4G': merged(out['4G']), '5G': merged(out['5G']) };
  });
  for (const piece of pieces) {
    const stretches = reach[piece.segment];
    const covered = { '4G': false, '5G': false };
    for (const service of ['4G', '5G'] as const)
      covered[service] = !!stretches?.[service].some(([t0, t1]) => piece.t >= t0 && piece.t <= t1);
    for (const p of polygons) {
      const service = serviceOf(p.technology);
      if (!service || covered[service]) continue;
      if (pointInMultiPolygon(p.multiPolygon, piece.position[0], piece.position[1])) covered[service] = true;
    }
    for (const service of ['4G', '5G'] as const) if (covered[service]) coveredM[service] += piece.lengthM;
  }
  return { '4G': coveredM['4G'] / total, '5G': coveredM['5G'] / total };
}

export interface KeySiteStatusTally {
  total: number;
  withFiber: number;
  with4g: number;
  with5g: number;
  withWifi: number;
}

/** Counts of flagged sites per group (e.g. category, or commune + category). */
export function tallyKeySiteStatus<K extends string>(
  statuses: readonly KeySiteStatus[],
  groupOf: (status: KeySiteStatus) => K,
): Map<K, KeySiteStatusTally> {
  const out = new Map<K, KeySiteStatusTally>();
  for (const s of statuses) {
    const key = groupOf(s);
    const t = out.get(key) ?? { total: 0, withFiber: 0, with4g: 0, with5g: 0, withWifi: 0 };
    t.total++;
    if (s.hasFiber) t.withFiber++;
    if (s.has4g) t.with4g++;
    if (s.has5g) t.with5g++;
    if (s.hasWifi) t.withWifi++;
    out.set(key, t);
  }
  return out;
}
