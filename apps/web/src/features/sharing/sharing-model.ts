/**
 * Pure helpers of the sharing panel: turning the API's answers into tables and map features,
 * parsing typed positions and costs. Lengths and radii in metres, positions `[lng, lat]`.
 */
import type { RouteCostsInput } from '@hatang/contracts';
import {
  DEFAULT_COSTS,
  type LngLat,
  ROUTE_KINDS,
  type RouteKind,
  type RoutePlanAnswer,
  type TowerReportAnswer,
} from './sharing-api';

const EARTH_RADIUS_M = 6_371_008.8;

/** "106.68, 20.86" (comma, space or semicolon between) → `[lng, lat]`, or null when not a position. */
export function parseLngLat(text: string): LngLat | null {
  const parts = text
    .trim()
    .split(/[\s,;]+/)
    .filter((p) => p !== '');
  if (parts.length !== 2) return null;
  const lng = Number(parts[0]);
  const lat = Number(parts[1]);
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return null;
  if (lng < -180 || lng > 180 || lat < -90 || lat > 90) return null;
  return [lng, lat];
}

/** Points are shown in the app's one order, lng, lat (lib/format). */
export { formatLngLat } from '../../lib/format';

/** A closed ring approximating a circle of `radiusM` metres around `centre` (spherical Earth). */
export function circleRing(centre: LngLat, radiusM: number, steps = 64): LngLat[] {
  const [lng0, lat0] = centre;
  const dLat = (radiusM / EARTH_RADIUS_M) * (180 / Math.PI);
  const dLng = dLat / Math.cos((lat0 * Math.PI) / 180);
  const ring: LngLat[] = [];
  for (let i = 0; i < steps; i++) {
    const a = (2 * Math.PI * i) / steps;
    ring.push([lng0 + dLng * Math.cos(a), lat0 + dLat * Math.sin(a)]);
  }
  ring.push([lng0 + dLng, lat0]);
  return ring;
}

/** Metres below 1 km, kilometres above (two decimals), in the UI language's number format. */
export function formatLength(lang: 'vi' | 'en', metres: number): string {
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  if (Math.abs(metres) < 1000)
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(metres)} m`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(metres / 1000)} km`;
}

/** Length per kind of the route, kinds in the planner's order, only those used. */
export function routeLengthRows(
  answer: RoutePlanAnswer,
): { kind: RouteKind; lengthM: number; share: number }[] {
  const total = answer.totalLengthM > 0 ? answer.totalLengthM : 1;
  return ROUTE_KINDS.filter((k) => (answer.lengthByKindM[k] ?? 0) > 0).map((kind) => ({
    kind,
    lengthM: answer.lengthByKindM[kind],
    share: answer.lengthByKindM[kind] / total,
  }));
}

/** Each owner whose infrastructure the route uses (a co-location counterpart), longest use first. */
export function routeCounterparts(answer: RoutePlanAnswer): {
  ownerOrgId: string;
  name: string;
  lengthM: number;
  assetCount: number;
  kinds: RouteKind[];
}[] {
  return answer.owners
    .map((o) => ({
      ownerOrgId: o.ownerOrgId,
      name: o.ownerName ?? o.ownerCode ?? o.ownerOrgId,
      lengthM: o.lengthM,
      assetCount: o.ductIds.length + o.poleIds.length + o.trenchTunnelIds.length,
      kinds: o.kinds,
    }))
    .sort((a, b) => b.lengthM - a.lengthM || a.name.localeCompare(b.name));
}

const COST_FIELD: Record<RouteKind, keyof RouteCostsInput> = {
  duct: 'duct',
  pole: 'pole',
  trench_tunnel: 'trenchTunnel',
  new_trench: 'newTrench',
  new_trench_straight: 'newTrenchStraight',
};

/**
 * The costs the user typed → the request's `costs` (only those that differ from the defaults) and
 * the kinds whose text is not a positive number.
 */
export function costsFromText(text: Partial<Record<RouteKind, string>>): {
  costs: RouteCostsInput | undefined;
  invalid: RouteKind[];
} {
  const costs: RouteCostsInput = {};
  const invalid: RouteKind[] = [];
  for (const kind of ROUTE_KINDS) {
    const raw = text[kind]?.trim().replace(',', '.');
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0 || value > 1e6) invalid.push(kind);
    else if (value !== DEFAULT_COSTS[kind]) costs[COST_FIELD[kind]] = value;
  }
  return { costs: Object.keys(costs).length > 0 ? costs : undefined, invalid };
}

/** [minLng, minLat, maxLng, maxLat] of a set of positions, or null when there are none. */
export function boundsOf(points: readonly LngLat[]): [number, number, number, number] | null {
  const first = points[0];
  if (!first) return null;
  let [minLng, minLat] = first;
  let [maxLng, maxLat] = first;
  for (const [lng, lat] of points) {
    minLng = Math.min(minLng, lng);
    maxLng = Math.max(maxLng, lng);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  return [minLng, minLat, maxLng, maxLat];
}

/** The report's consolidation clusters as points at their centres (for the map). */
export function clusterFeatures(report: TowerReportAnswer) {
  return {
    type: 'FeatureCollection' as const,
    features: report.clusters.map((c, i) => ({
      type: 'Feature' as const,
      id: i,
      geometry: { type: 'Point' as const, coordinates: c.centre },
      properties: { towers: c.towerIds.length, owners: c.ownerOrgIds.length, maxLinkM: c.maxLinkM },
    })),
  };
}
