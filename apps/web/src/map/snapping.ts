import type { Geometry } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AssetResource } from '../lib/types';
import { exactPoint, knownExactPoint } from './exact-points';
import { findFeature } from './feature-store';

/** Layers new lines snap to: manholes (ducts run between them) and poles (aerial cables hang on them). */
export const SNAP_LAYERS = ['manholes-circle', 'poles-circle'] as const;

/** How close (screen pixels) a vertex must come to a manhole or pole to snap to it. */
export const SNAP_RADIUS_PX = 10;

export interface SnapTarget {
  /** `[lng, lat]` of the manhole or pole. */
  coordinates: [number, number];
  layer: (typeof SNAP_LAYERS)[number];
  resource: Extract<AssetResource, 'manholes' | 'poles'>;
  id: string;
  /**
   * Whether `coordinates` are the feature's own (from the API) rather than as drawn from a tile
   * (rounded to the tile grid). When not, the exact point is being fetched: see `exactPoint`.
   */
  exact: boolean;
  /** Screen distance from the pointer, pixels. */
  distancePx: number;
}

/**
 * The manhole or pole drawn nearest to the screen point (x, y), within `radiusPx`, or null.
 * Looks at what is rendered (vector tiles), so it needs those layers visible (zoom ≥ 14); answers
 * the API's exact point once known, else the tile's (the drawing tool refines it afterwards).
 */
export function nearestSnapTarget(
  map: MapLibreMap,
  x: number,
  y: number,
  radiusPx = SNAP_RADIUS_PX,
): SnapTarget | null {
  const layers = SNAP_LAYERS.filter(
    (id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none',
  );
  if (layers.length === 0) return null;
  const hits = map.queryRenderedFeatures(
    [
      [x - radiusPx, y - radiusPx],
      [x + radiusPx, y + radiusPx],
    ],
    { layers },
  );
  let best: SnapTarget | null = null;
  for (const hit of hits) {
    if (hit.geometry.type !== 'Point') continue;
    const [lng, lat] = hit.geometry.coordinates;
    if (lng === undefined || lat === undefined) continue;
    const p = map.project([lng, lat]);
    const distancePx = Math.hypot(p.x - x, p.y - y);
    if (distancePx > radiusPx || (best && best.distancePx <= distancePx)) continue;
    const id = typeof hit.properties.id === 'string' ? hit.properties.id : String(hit.id ?? '');
    const layer = hit.layer.id === 'poles-circle' ? 'poles-circle' : 'manholes-circle';
    const resource = layer === 'poles-circle' ? 'poles' : 'manholes';
    // Rendered coordinates are rounded to the tile grid: snap to the feature as the API sent it.
    const exact = exactCoordinates(resource, id);
    best = { coordinates: exact ?? [lng, lat], layer, resource, id, distancePx, exact: exact !== null };
  }
  // Not known yet: ask now, so the next move (or the refinement after the click) has it.
  if (best && !best.exact) void exactPoint(best.resource, best.id);
  return best;
}

/** The point as the API sent it: from a GeoJSON layer's store, or fetched by id for tile layers. */
function exactCoordinates(resource: AssetResource, id: string): [number, number] | null {
  const original = findFeature(resource, id)?.geometry;
  if (original?.type === 'Point') {
    const [lng, lat] = original.coordinates;
    if (lng !== undefined && lat !== undefined) return [lng, lat];
  }
  return knownExactPoint(resource, id) ?? null;
}

/**
 * The pole drawn at a point (within the snap radius) and where it stands as the API has it (not as
 * a tile rounded it), or null: a device placed on it hangs on it.
 */
export async function poleAt(
  map: MapLibreMap,
  lngLat: readonly [number, number],
): Promise<{ id: string; coordinates: [number, number] } | null> {
  const p = map.project([lngLat[0], lngLat[1]]);
  const target = nearestSnapTarget(map, p.x, p.y);
  if (target?.layer !== 'poles-circle') return null;
  const exact = target.exact ? target.coordinates : await exactPoint('poles', target.id);
  if (!exact) return null;
  // The drawing tool keeps 8 decimals (about 1 mm).
  const [lng, lat] = exact.map((c) => Math.round(c * 1e8) / 1e8);
  return lng === undefined || lat === undefined ? null : { id: target.id, coordinates: [lng, lat] };
}

/** The manhole a line vertex sits on (snapped exactly), or null: to fill a duct's from/to manhole. */
export function manholeAt(map: MapLibreMap, lngLat: readonly [number, number]): string | null {
  const p = map.project([lngLat[0], lngLat[1]]);
  const target = nearestSnapTarget(map, p.x, p.y, 2);
  return target?.layer === 'manholes-circle' ? target.id : null;
}

/**
 * The vertex nearest to the screen point (x, y) within `radiusPx` among the features drawn in
 * `layers` (e.g. the plan items of the shown version), or null. `verticesOf` gives a feature's own
 * vertices `[lng, lat]` by its id (the rendered ones are simplified and rounded to the tile grid);
 * without it the rendered vertices are used.
 */
export function nearestLayerVertex(
  map: MapLibreMap,
  x: number,
  y: number,
  layers: readonly string[],
  verticesOf?: (id: string) => readonly (readonly number[])[] | undefined,
  radiusPx = SNAP_RADIUS_PX,
): { coordinates: [number, number]; distancePx: number; id: string } | null {
  const shown = layers.filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
  if (shown.length === 0) return null;
  const hits = map.queryRenderedFeatures(
    [
      [x - radiusPx, y - radiusPx],
      [x + radiusPx, y + radiusPx],
    ],
    { layers: shown },
  );
  let best: { coordinates: [number, number]; distancePx: number; id: string } | null = null;
  const seen = new Set<string>();
  for (const hit of hits) {
    const id = typeof hit.properties.id === 'string' ? hit.properties.id : String(hit.id ?? '');
    if (seen.has(id)) continue;
    seen.add(id);
    const vertices = verticesOf?.(id) ?? flatVertices(hit.geometry);
    for (const vertex of vertices) {
      const [lng, lat] = vertex;
      if (lng === undefined || lat === undefined) continue;
      const p = map.project([lng, lat]);
      const distancePx = Math.hypot(p.x - x, p.y - y);
      if (distancePx > radiusPx || (best && best.distancePx <= distancePx)) continue;
      best = { coordinates: [lng, lat], distancePx, id };
    }
  }
  return best;
}

/** Every vertex of a geometry, `[lng, lat]`. */
export function flatVertices(geometry: Geometry): number[][] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
    case 'GeometryCollection':
      return geometry.geometries.flatMap(flatVertices);
  }
}
