import type { PlanItemKind, PlanVersionKind, PlanZoneKind } from '@hatang/contracts';
import type { ExpressionSpecification } from 'maplibre-gl';
import type { Change, CompareResult, CompareRow } from './plans-api';

/** Colour of each kind of plan item on the map and in the lists. */
export const ITEM_COLORS: Record<PlanItemKind, string> = {
  tower_site: '#7c3aed',
  tower_area: '#a855f7',
  pole_line_build: '#0f766e',
  pole_line_remove: '#78716c',
  duct_route: '#2563eb',
  trench: '#0891b2',
  tunnel: '#1e40af',
  undergrounding: '#ca8a04',
  landing_station: '#be185d',
  submarine_corridor: '#0369a1',
  data_centre: '#15803d',
  wifi_point: '#db2777',
};

export const ZONE_COLORS: Record<PlanZoneKind, string> = {
  restricted: '#dc2626',
  camouflage_required: '#65a30d',
  underground_only: '#b45309',
  height_limited: '#f59e0b',
  heritage: '#9333ea',
  anchorage: '#0ea5e9',
  shipping_channel: '#1d4ed8',
  aquaculture: '#14b8a6',
  protected_area: '#16a34a',
};

/** Compare colours: added green, removed red, changed orange. */
export const CHANGE_COLORS: Record<Change, string> = {
  added: '#16a34a',
  removed: '#dc2626',
  changed: '#f97316',
};

export const VERSION_BADGE: Record<PlanVersionKind, string> = {
  baseline: 'badge-baseline',
  draft: 'badge-draft',
  approved: 'badge-approved',
  superseded: 'badge-superseded',
};

/** A `match` on a string property, each key to its colour, else `fallback`. */
export function colorMatch(
  property: string,
  colors: Readonly<Record<string, string>>,
  fallback = '#64748b',
): ExpressionSpecification {
  return [
    'match',
    ['get', property],
    ...Object.entries(colors).flat(),
    fallback,
  ] as unknown as ExpressionSpecification;
}

/** Web-Mercator metres per pixel at zoom 0 at the equator (512-px tiles, as MapLibre draws). */
const METRES_PER_PX_Z0 = 78_271.517;
/** 1 / cos(latitude) at Hai Phong (20.85° N): a metre is that many equator-metres on the map. */
const HAI_PHONG_SCALE = 1 / Math.cos((20.85 * Math.PI) / 180);

/**
 * A line width in pixels that draws `property` (metres) at true ground width at every zoom around
 * Hai Phong's latitude: the submarine corridors' protection width.
 */
export function metresWidth(property: string): ExpressionSpecification {
  const atZoom = (z: number) => (HAI_PHONG_SCALE * 2 ** z) / METRES_PER_PX_Z0;
  return [
    'interpolate',
    ['exponential', 2],
    ['zoom'],
    0,
    ['*', ['coalesce', ['get', property], 0], atZoom(0)],
    22,
    ['*', ['coalesce', ['get', property], 0], atZoom(22)],
  ] as ExpressionSpecification;
}

/** Pixels a ground width of `metres` takes at `zoom` at Hai Phong (what `metresWidth` draws). */
export const metresToPixels = (metres: number, zoom: number) =>
  (metres * HAI_PHONG_SCALE * 2 ** zoom) / METRES_PER_PX_Z0;

export interface CompareTableRow extends CompareRow {
  change: Change;
}

const ORDER: Record<Change, number> = { added: 0, changed: 1, removed: 2 };

/** The comparison as one table: added, then changed, then removed; by kind, then name, in each. */
export function compareTableRows(result: CompareResult): CompareTableRow[] {
  const rows: CompareTableRow[] = [
    ...result.added.map((r) => ({ ...r, change: 'added' as const })),
    ...result.changed.map((r) => ({ ...r, change: 'changed' as const })),
    ...result.removed.map((r) => ({ ...r, change: 'removed' as const })),
  ];
  return rows.sort(
    (a, b) =>
      ORDER[a.change] - ORDER[b.change] ||
      a.kind.localeCompare(b.kind) ||
      (a.name ?? '').localeCompare(b.name ?? '') ||
      a.originId.localeCompare(b.originId),
  );
}
