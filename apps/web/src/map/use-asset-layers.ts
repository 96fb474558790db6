import { useQueries } from '@tanstack/react-query';
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { assetQueryOptions } from '../lib/queries';
import type { AssetFeature, AssetResource, Organisation } from '../lib/types';
import { ADMIN_LABEL_LAYER } from './base-style';
import { CLUSTER_RADIUS_PX, clusterLayers, listenToClusterClicks, withoutClusters } from './clusters';
import { forgetExactPoints } from './exact-points';
import { indexFeatures } from './feature-store';
import type { ColorValue, LayerGroup } from './layer-group';
import { LAYER_GROUPS } from './layer-groups';
import { usePopulationLayer } from './layers/population';
import { ownerColorExpression, ownerColors } from './owner-colors';
import { useViewport } from './use-viewport';
import { addVectorSource, reloadVectorSource, withSourceLayer } from './vector-tiles';

/** What the legend shows about a group's data. */
export interface GroupState {
  loading: boolean;
  /** Features loaded; null below the minimum zoom and for tile groups (tiles give no total). */
  count: number | null;
  truncated: boolean;
  /** Below the group's minimum zoom: nothing is loaded, the legend says "zoom in". */
  belowMinZoom: boolean;
  error: Error | null;
  /** The group's features are on the map (the current answer was handed to MapLibre). */
  drawn: boolean;
}

export type Visibility = Record<AssetResource, boolean>;

/** A group's layers as drawn: its own, and for a clustering group its clusters on top. */
function groupLayers(group: LayerGroup, color: ColorValue): LayerSpecification[] {
  const own = group.layers(color);
  return group.clusterMaxZoom === undefined ? own : [...own.map(withoutClusters), ...clusterLayers(group.id)];
}

function addGroup(map: MapLibreMap, group: LayerGroup, colors: Map<string, string>): void {
  if (map.getSource(group.id)) return;
  const layers = groupLayers(group, ownerColorExpression(colors));
  if (group.load.mode === 'tiles') {
    addVectorSource(map, group.id, { layer: group.id, minzoom: group.load.minZoom });
    for (const layer of layers) map.addLayer(withSourceLayer(layer, group.id), ADMIN_LABEL_LAYER);
    return;
  }
  map.addSource(group.id, {
    type: 'geojson',
    data: { type: 'FeatureCollection', features: [] },
    // Points are many and small: no need for the default tolerance smoothing or buffer.
    buffer: 32,
    ...(group.clusterMaxZoom === undefined
      ? {}
      : { cluster: true, clusterMaxZoom: group.clusterMaxZoom, clusterRadius: CLUSTER_RADIUS_PX }),
  });
  for (const layer of layers) map.addLayer(layer, ADMIN_LABEL_LAYER);
}

const TILE_GROUPS = LAYER_GROUPS.filter((g) => g.load.mode === 'tiles');
const CLUSTERED_GROUPS = LAYER_GROUPS.filter((g) => g.clusterMaxZoom !== undefined);
let nextGeneration = 0;

const generationsOf = (results: ReadonlyArray<{ data: number | undefined }>) =>
  Object.fromEntries(TILE_GROUPS.map((group, i) => [group.id, results[i]?.data ?? 0])) as Partial<
    Record<AssetResource, number>
  >;

/**
 * The generation of each tile group's tiles: 0 at first, a new number whenever something
 * invalidates the group's `['assets', <id>]` queries (an edit through the editing tools) or resets
 * all queries (sign-in, sign-out: another tier sees other attributes). A new generation reloads
 * the tiles from fresh URLs.
 */
function useTileGenerations(): Partial<Record<AssetResource, number>> {
  return useQueries({
    queries: TILE_GROUPS.map((group) => ({
      queryKey: ['assets', group.id, 'tiles'] as const,
      queryFn: () => {
        nextGeneration += 1;
        return nextGeneration;
      },
      initialData: 0,
      staleTime: Number.POSITIVE_INFINITY,
      gcTime: Number.POSITIVE_INFINITY,
    })),
    combine: generationsOf,
  });
}

/**
 * Adds every asset layer group to `map`, loads its features (whole collection, or the current view
 * when zoomed in far enough), applies visibility and owner colours, and reports per-group state.
 */
export function useAssetLayers(
  map: MapLibreMap | null,
  visibility: Visibility,
  organisations: readonly Organisation[] | undefined,
  organisationsSettled: boolean,
): Record<AssetResource, GroupState> {
  const viewport = useViewport(map);
  const colors = useMemo(() => ownerColors(organisations ?? []), [organisations]);

  const queries = useQueries({
    queries: LAYER_GROUPS.map((group) => {
      if (group.load.mode === 'all')
        return assetQueryOptions(group.id, null, map !== null && visibility[group.id]);
      if (group.load.mode === 'tiles') return assetQueryOptions(group.id, null, false);
      const zoomOk = viewport !== null && viewport.zoom >= group.load.minZoom;
      return assetQueryOptions(group.id, viewport?.bbox ?? null, zoomOk && visibility[group.id]);
    }),
  });
  const generations = useTileGenerations();

  // Sources and layers, once per map, when the owner colours are known (or their list failed).
  const [layersAdded, setLayersAdded] = useState<MapLibreMap | null>(null);
  useEffect(() => {
    if (!map || !organisationsSettled || layersAdded === map) return;
    for (const group of LAYER_GROUPS) addGroup(map, group, colors);
    setLayersAdded(map);
  }, [map, organisationsSettled, colors, layersAdded]);
  const ready = layersAdded !== null && layersAdded === map ? map : null;
  usePopulationLayer(ready);
  useEffect(() => {
    if (!ready) return;
    const stops = CLUSTERED_GROUPS.map((group) => listenToClusterClicks(ready, group));
    return () => {
      for (const stop of stops) stop();
    };
  }, [ready]);

  // Tiles of a group that changed: from fresh URLs, and forget the exact points fetched for snapping.
  const applied = useRef<Partial<Record<AssetResource, number>>>({});
  useEffect(() => {
    const map = ready;
    if (!map) return;
    for (const group of TILE_GROUPS) {
      const generation = generations[group.id] ?? 0;
      // 0: the first load, or a reset whose refetch (a new generation) is on its way.
      if (generation === 0 || applied.current[group.id] === generation) continue;
      applied.current[group.id] = generation;
      forgetExactPoints(group.id);
      reloadVectorSource(map, group.id, group.id, generation);
    }
  }, [ready, generations]);

  // Visibility toggles.
  useEffect(() => {
    const map = ready;
    if (!map) return;
    for (const group of LAYER_GROUPS) {
      for (const layer of groupLayers(group, '#000')) {
        if (map.getLayer(layer.id)) {
          map.setLayoutProperty(layer.id, 'visibility', visibility[group.id] ? 'visible' : 'none');
        }
      }
    }
  }, [ready, visibility]);

  // Hand each new answer to MapLibre.
  const [drawn, setDrawn] = useState<Partial<Record<AssetResource, AssetFeature[]>>>({});
  const dataKey = queries.map((q) => q.dataUpdatedAt).join(',');
  useEffect(() => {
    const map = ready;
    if (!map) return;
    const updates: Partial<Record<AssetResource, AssetFeature[]>> = {};
    LAYER_GROUPS.forEach((group, i) => {
      const features = queries[i]?.data?.features;
      if (!features || drawn[group.id] === features) return;
      map.getSource<GeoJSONSource>(group.id)?.setData(indexFeatures(group.id, features));
      updates[group.id] = features;
    });
    if (Object.keys(updates).length > 0) setDrawn((previous) => ({ ...previous, ...updates }));
  }, [ready, dataKey]);

  const states = {} as Record<AssetResource, GroupState>;
  LAYER_GROUPS.forEach((group, i) => {
    const q = queries[i];
    const belowMinZoom =
      group.load.mode !== 'all' && (viewport === null || viewport.zoom < group.load.minZoom);
    if (group.load.mode === 'tiles') {
      // MapLibre loads the tiles (its errors reach the banner through the map's error event).
      states[group.id] = {
        loading: false,
        count: null,
        truncated: false,
        belowMinZoom,
        error: null,
        drawn: ready !== null,
      };
      return;
    }
    states[group.id] = {
      loading: q?.isFetching ?? false,
      count: belowMinZoom ? null : (q?.data?.features.length ?? null),
      truncated: !belowMinZoom && (q?.data?.truncated ?? false),
      belowMinZoom,
      error: q?.error ?? null,
      drawn: q?.data !== undefined && drawn[group.id] === q.data.features,
    };
  });
  return states;
}
