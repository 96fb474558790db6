import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import type { MapGeoJSONFeature, Map as MapLibreMap, MapMouseEvent, PointLike } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { fetchAsset } from '../lib/assets-api';
import type { AdminUnitProperties, AssetFeature } from '../lib/types';
import { ADMIN_FILL_LAYER } from './base-style';
import { findFeature } from './feature-store';
import type { LayerGroup } from './layer-group';
import { LAYER_GROUPS } from './layer-groups';
import { addSelectionLayers, setSelection } from './selection-layer';

/** What a click picked: an asset (as the API sent it) or, failing that, the commune under it. */
export type Selection =
  | { kind: 'asset'; group: LayerGroup; feature: AssetFeature }
  | { kind: 'admin-unit'; properties: AdminUnitProperties; feature: MapGeoJSONFeature };

const groupByLayer = new Map<string, LayerGroup>(
  LAYER_GROUPS.flatMap((g) => g.interactiveLayerIds.map((id) => [id, g] as const)),
);
const INTERACTIVE_LAYERS = [...groupByLayer.keys()];
/** Pixels of slack around the pointer, so small points are easy to hit. */
const SLOP = 4;

const boxAround = (e: MapMouseEvent): [PointLike, PointLike] => [
  [e.point.x - SLOP, e.point.y - SLOP],
  [e.point.x + SLOP, e.point.y + SLOP],
];

function interactiveLayers(map: MapLibreMap): string[] {
  return INTERACTIVE_LAYERS.filter(
    (id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none',
  );
}

/**
 * A feature clicked in a tile layer, in full: tiles carry few attributes below zoom 14, only what
 * the viewer may see, and lines cut at tile edges. Shares the side panel's query (same key), so
 * the panel opens on the answer without asking again. Failing that, the tile's feature.
 */
async function fetchClicked(
  queryClient: QueryClient,
  group: LayerGroup,
  id: string,
  hit: MapGeoJSONFeature,
): Promise<AssetFeature> {
  try {
    return await queryClient.fetchQuery({
      queryKey: ['asset', group.id, id],
      queryFn: ({ signal }) => fetchAsset(group.id, id, signal),
    });
  } catch {
    return { type: 'Feature', id, geometry: hit.geometry, properties: { ...hit.properties } };
  }
}

function isAdminUnit(value: unknown): value is AdminUnitProperties {
  return typeof value === 'object' && value !== null && 'code' in value && 'name' in value;
}

/** Layers of overlays (site offers, key sites…) that show their own details when clicked. */
const overlayClickLayers = new Set<string>();

/**
 * Registers overlay layers whose clicks the overlay handles itself: a click on one selects
 * nothing in the app (no commune panel under the overlay's card). Returns the unregister.
 */
export function registerOverlayClickLayers(ids: readonly string[]): () => void {
  for (const id of ids) overlayClickLayers.add(id);
  return () => {
    for (const id of ids) overlayClickLayers.delete(id);
  };
}

/**
 * True while a pick-on-map mode takes the click at `point`: a registered overlay layer named
 * `…pick-catcher` (a feature choosing a place) lies there, so other overlays leave the click alone.
 */
export function isPickingAt(map: MapLibreMap, point: MapMouseEvent['point']): boolean {
  const catchers = [...overlayClickLayers].filter((id) => id.endsWith('pick-catcher') && map.getLayer(id));
  return catchers.length > 0 && map.queryRenderedFeatures(point, { layers: catchers }).length > 0;
}

/**
 * Click to select (side panel), pointer cursor over features, and the selection highlight.
 * While `enabled` is false (drawing or editing) clicks belong to the drawing tool.
 */
export function useMapInteractions(
  map: MapLibreMap | null,
  selection: Selection | null,
  onSelect: (selection: Selection | null) => void,
  enabled = true,
): void {
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!map) return;
    addSelectionLayers(map);
    // Only the latest click selects (a slow fetch must not override a later click).
    let clicks = 0;
    const onClick = (e: MapMouseEvent) => {
      if (!enabledRef.current) return;
      const click = ++clicks;
      // Overlays (site offers, a pick-on-map mode…) lie above the assets and handle their own clicks.
      const overlays = [...overlayClickLayers].filter((id) => map.getLayer(id));
      if (overlays.length > 0 && map.queryRenderedFeatures(e.point, { layers: overlays }).length > 0) {
        onSelectRef.current(null);
        return;
      }
      const hits = map.queryRenderedFeatures(boxAround(e), { layers: interactiveLayers(map) });
      for (const hit of hits) {
        const group = groupByLayer.get(hit.layer.id);
        const id = hit.properties.id;
        if (!group || typeof id !== 'string') continue;
        if (group.load.mode === 'tiles') {
          void fetchClicked(queryClient, group, id, hit).then((feature) => {
            if (click === clicks && enabledRef.current)
              onSelectRef.current({ kind: 'asset', group, feature });
          });
          return;
        }
        const feature = findFeature(group.id, id);
        if (feature) {
          onSelectRef.current({ kind: 'asset', group, feature });
          return;
        }
      }
      const [unit] = map.queryRenderedFeatures(e.point, { layers: [ADMIN_FILL_LAYER] });
      onSelectRef.current(
        unit && isAdminUnit(unit.properties)
          ? { kind: 'admin-unit', properties: unit.properties, feature: unit }
          : null,
      );
    };
    let frame = 0;
    const onMove = (e: MapMouseEvent) => {
      cancelAnimationFrame(frame);
      if (!enabledRef.current) return;
      frame = requestAnimationFrame(() => {
        const hit = map.queryRenderedFeatures(boxAround(e), { layers: interactiveLayers(map) }).length > 0;
        map.getCanvas().style.cursor = hit ? 'pointer' : '';
      });
    };
    map.on('click', onClick);
    map.on('mousemove', onMove);
    return () => {
      cancelAnimationFrame(frame);
      map.off('click', onClick);
      map.off('mousemove', onMove);
    };
  }, [map, queryClient]);

  useEffect(() => {
    if (!map) return;
    setSelection(map, selection?.kind === 'asset' ? selection.feature : null);
  }, [map, selection]);
}
