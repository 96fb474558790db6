/**
 * The violations panel's map layers, present only while the panel is open: the violations
 * coloured by status (clicking one opens it), the place being recorded, and the "pick on map"
 * mode that also links the asset under the click.
 */
import { type ViolationAssetResource, type ViolationStatus, violationAssetResource } from '@hatang/contracts';
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { useDraftPoint } from '../../map/draft-point';
import { LAYER_GROUPS } from '../../map/layer-groups';
import { usePickOnMap, whenStyleReady } from '../../map/pick-on-map';
import { registerOverlayClickLayers } from '../../map/use-map-interactions';
import type { LngLat, ViolationCollection } from './violations-api';

/** Colours of the status badges and map symbols. */
export const STATUS_COLOURS: Record<ViolationStatus, string> = {
  reported: '#d32f2f',
  notified: '#ef6c00',
  escalated: '#7b1fa2',
  resolved: '#2e7d32',
};

const SOURCE = 'violations';
const DRAFT_SOURCE = 'violations-draft';
const CATCHER = 'violations-pick-catcher' as const;
/** Layer ids of the violations (tests query these). */
export const VIOLATION_POINT_LAYER = 'violations-points';
export const VIOLATION_LINE_LAYER = 'violations-lines';
const SELECTED_LAYER = 'violations-selected';
const DRAFT_LAYER = 'violations-draft-point';

const statusColour: unknown = ['match', ['get', 'status'], ...Object.entries(STATUS_COLOURS).flat(), '#555'];

type Layer = LayerSpecification;

const LAYERS: Layer[] = [
  {
    id: VIOLATION_LINE_LAYER,
    type: 'line',
    source: SOURCE,
    filter: ['==', ['geometry-type'], 'LineString'],
    paint: { 'line-color': statusColour, 'line-width': 4, 'line-dasharray': [2, 1] },
  } as Layer,
  {
    id: SELECTED_LAYER,
    type: 'circle',
    source: SOURCE,
    filter: ['==', ['get', 'selected'], true],
    paint: {
      'circle-radius': 14,
      'circle-color': 'rgba(0,0,0,0)',
      'circle-stroke-color': '#111',
      'circle-stroke-width': 2.5,
    },
  } as Layer,
  {
    id: VIOLATION_POINT_LAYER,
    type: 'circle',
    source: SOURCE,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-radius': 8,
      'circle-color': statusColour,
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 2,
    },
  } as Layer,
];

function remove(map: MapLibreMap, layers: readonly string[], sources: readonly string[]) {
  try {
    for (const id of layers) if (map.getLayer(id)) map.removeLayer(id);
    for (const id of sources) if (map.getSource(id)) map.removeSource(id);
  } catch {
    // The map went away with its style.
  }
}

const empty = { type: 'FeatureCollection' as const, features: [] };

/**
 * Shows the violations (coloured by status, `selectedId` ringed) while `data` is not null;
 * clicking one calls `onOpen` unless `picking` (the click then belongs to the place picker).
 */
export function useViolationLayers(
  map: MapLibreMap | null,
  data: ViolationCollection | null,
  selectedId: string | null,
  picking: boolean,
  onOpen: (id: string) => void,
): void {
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;
  const pickingRef = useRef(picking);
  pickingRef.current = picking;
  const shown = data !== null;
  useEffect(() => {
    if (!map || !shown) return;
    const clickable = [VIOLATION_POINT_LAYER, VIOLATION_LINE_LAYER];
    const unregister = registerOverlayClickLayers(clickable);
    const cancel = whenStyleReady(map, () => {
      if (!map.getSource(SOURCE)) map.addSource(SOURCE, { type: 'geojson', data: empty });
      for (const layer of LAYERS) if (!map.getLayer(layer.id)) map.addLayer(layer);
    });
    const onClick = (e: MapMouseEvent) => {
      if (pickingRef.current) return;
      const layers = clickable.filter((id) => map.getLayer(id));
      const [hit] = layers.length ? map.queryRenderedFeatures(e.point, { layers }) : [];
      const id = hit?.properties.id;
      if (typeof id === 'string') onOpenRef.current(id);
    };
    map.on('click', onClick);
    return () => {
      cancel();
      map.off('click', onClick);
      unregister();
      remove(
        map,
        LAYERS.map((l) => l.id),
        [SOURCE],
      );
    };
  }, [map, shown]);

  useEffect(() => {
    if (!map || !data) return;
    const features = data.features.map((f) => ({
      type: 'Feature' as const,
      geometry: { type: f.geometry.type, coordinates: f.geometry.coordinates } as GeoJSON.Geometry,
      properties: {
        id: f.id,
        status: f.properties.status,
        kind: f.properties.kind,
        selected: f.id === selectedId,
      },
    }));
    return whenStyleReady(map, () => {
      (map.getSource(SOURCE) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features });
    });
  }, [map, data, selectedId]);
}

/** Shows the place being recorded as a dark marker while `at` is set. */
export function useDraftLayer(map: MapLibreMap | null, at: LngLat | null): void {
  useDraftPoint(map, at, { source: DRAFT_SOURCE, layer: DRAFT_LAYER });
}

/** An asset under a click, as a violation links it. */
export interface PickedAsset {
  resource: ViolationAssetResource;
  id: string;
  code: string | null;
}

const linkable = new Set<string>(violationAssetResource.options);
const ASSET_LAYERS = LAYER_GROUPS.filter((g) => linkable.has(g.id)).flatMap((g) =>
  g.interactiveLayerIds.map((layer) => [layer, g.id] as const),
);

/** The topmost linkable asset within a few pixels of the click, if any. */
function assetAt(map: MapLibreMap, e: MapMouseEvent): PickedAsset | null {
  const byLayer = new Map<string, string>(ASSET_LAYERS);
  const layers = [...byLayer.keys()].filter(
    (id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none',
  );
  if (layers.length === 0) return null;
  const box: [[number, number], [number, number]] = [
    [e.point.x - 5, e.point.y - 5],
    [e.point.x + 5, e.point.y + 5],
  ];
  for (const hit of map.queryRenderedFeatures(box, { layers })) {
    const resource = byLayer.get(hit.layer.id);
    const id = hit.properties.id;
    if (resource && typeof id === 'string' && linkable.has(resource))
      return {
        resource: resource as ViolationAssetResource,
        id,
        code: typeof hit.properties.code === 'string' ? hit.properties.code : null,
      };
  }
  return null;
}

/**
 * While `active`, a click calls `onPick` with its `[lng, lat]` and the linkable asset under it (or
 * null); an invisible overlay layer keeps the app's own click (asset or commune panel) away.
 */
export function usePickPlace(
  map: MapLibreMap | null,
  active: boolean,
  onPick: (at: LngLat, asset: PickedAsset | null) => void,
): void {
  usePickOnMap(map, active, CATCHER, (at, e) => {
    if (map) onPick(at, assetAt(map, e));
  });
}
