/**
 * The permits panel's map layers: the application's works, each check's proving geometry coloured
 * by result, and the context the checks bring (sharing circle, nearby towers, airport surfaces).
 * Added while the panel shows an application, removed otherwise.
 */
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { usePickOnMap as usePickOnMapShared, whenStyleReady } from '../../map/pick-on-map';
import { registerOverlayClickLayers } from '../../map/use-map-interactions';
import type { LngLat } from './permits-api';

/** Any GeoJSON FeatureCollection the layers draw (checks, context, an attached drawing). */
type Collection = { type: 'FeatureCollection'; features: readonly unknown[] };

type Layer = Omit<LayerSpecification, 'source'>;

export const CHECK_SOURCE = 'permit-checks';
export const APPLICATION_SOURCE = 'permit-application';
export const CONTEXT_SOURCE = 'permit-context';
export const DRAWING_SOURCE = 'permit-drawing';
/** The colour of attached DXF drawings on the map and in the legend. */
export const DRAWING_COLOUR = '#c026d3';

const isPolygon = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
const isLine = ['match', ['geometry-type'], ['LineString', 'MultiLineString'], true, false];
const isPoint = ['==', ['geometry-type'], 'Point'];

export const CONTEXT_LAYERS: readonly Layer[] = [
  {
    id: 'permit-context-fill',
    type: 'fill',
    filter: isPolygon,
    paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.05 },
  } as Layer,
  {
    id: 'permit-context-line',
    type: 'line',
    filter: ['any', isPolygon, isLine],
    paint: { 'line-color': ['get', 'colour'], 'line-width': 1.5, 'line-dasharray': [3, 2] },
  } as Layer,
  {
    id: 'permit-context-towers',
    type: 'circle',
    filter: isPoint,
    paint: {
      'circle-radius': 6,
      'circle-color': ['get', 'colour'],
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 1.5,
    },
  } as Layer,
];

/** Ids of the layers drawing the checks' proving geometries (tests query these). */
export const CHECK_LAYER_IDS = ['permit-check-fill', 'permit-check-line', 'permit-check-point'] as const;

export const CHECK_LAYERS: readonly Layer[] = [
  {
    id: 'permit-check-fill',
    type: 'fill',
    filter: isPolygon,
    paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.15 },
  } as Layer,
  {
    id: 'permit-check-line',
    type: 'line',
    filter: ['any', isPolygon, isLine],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    // The check chosen in the list is drawn thicker, so its proof stands out from the others.
    paint: { 'line-color': ['get', 'colour'], 'line-width': ['case', ['==', ['get', 'focused'], 1], 8, 4] },
  } as Layer,
  {
    id: 'permit-check-point',
    type: 'circle',
    filter: isPoint,
    paint: {
      'circle-radius': ['case', ['==', ['get', 'focused'], 1], 12, 8],
      'circle-color': 'rgba(0,0,0,0)',
      'circle-stroke-color': ['get', 'colour'],
      'circle-stroke-width': ['case', ['==', ['get', 'focused'], 1], 5, 3],
    },
  } as Layer,
];

/** Ids of the layers drawing attached DXF drawings (tests query these). */
export const DRAWING_LAYER_IDS = [
  'permit-drawing-fill',
  'permit-drawing-line',
  'permit-drawing-point',
] as const;

/** An attached DXF drawing: thin magenta lines, a faint fill for closed shapes, small dots. */
export const DRAWING_LAYERS: readonly Layer[] = [
  {
    id: 'permit-drawing-fill',
    type: 'fill',
    filter: isPolygon,
    paint: { 'fill-color': DRAWING_COLOUR, 'fill-opacity': 0.08 },
  } as Layer,
  {
    id: 'permit-drawing-line',
    type: 'line',
    filter: ['any', isPolygon, isLine],
    paint: { 'line-color': DRAWING_COLOUR, 'line-width': 2 },
  } as Layer,
  {
    id: 'permit-drawing-point',
    type: 'circle',
    filter: isPoint,
    paint: { 'circle-radius': 3, 'circle-color': DRAWING_COLOUR },
  } as Layer,
];

export const APPLICATION_LAYERS: readonly Layer[] = [
  {
    id: 'permit-application-line',
    type: 'line',
    filter: isLine,
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': '#111827', 'line-width': 5, 'line-dasharray': [2, 1] },
  } as Layer,
  {
    id: 'permit-application-point',
    type: 'circle',
    filter: isPoint,
    paint: {
      'circle-radius': 7,
      'circle-color': '#111827',
      'circle-stroke-color': '#fbbf24',
      'circle-stroke-width': 3,
    },
  } as Layer,
];

/**
 * Shows `data` on the map under `sourceId` with `layers`; `null` removes them. `layers` must be
 * stable (a module constant).
 */
export function useGeoJsonLayers(
  map: MapLibreMap | null,
  sourceId: string,
  data: Collection | null,
  layers: readonly Layer[],
): void {
  const shown = data !== null;
  useEffect(() => {
    if (!map || !shown) return;
    const specs = layers.map((l) => ({ ...l, source: sourceId }) as LayerSpecification);
    const cancel = whenStyleReady(map, () => {
      if (!map.getSource(sourceId))
        map.addSource(sourceId, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      for (const spec of specs) if (!map.getLayer(spec.id)) map.addLayer(spec);
    });
    return () => {
      cancel();
      try {
        for (const spec of specs) if (map.getLayer(spec.id)) map.removeLayer(spec.id);
        if (map.getSource(sourceId)) map.removeSource(sourceId);
      } catch {
        // The map was removed with its style.
      }
    };
  }, [map, sourceId, shown, layers]);

  useEffect(() => {
    if (!map || !data) return;
    return whenStyleReady(map, () => {
      (map.getSource(sourceId) as GeoJSONSource | undefined)?.setData(data as GeoJSON.FeatureCollection);
    });
  }, [map, sourceId, data]);
}

/**
 * While `active`, a click on a check's geometry calls `onCheck` with the check's name (the panel
 * scrolls to it), and no commune or asset panel opens under it.
 */
export function useCheckClicks(map: MapLibreMap | null, active: boolean, onCheck: (check: string) => void) {
  const onCheckRef = useRef(onCheck);
  onCheckRef.current = onCheck;
  useEffect(() => {
    if (!map || !active) return;
    const unregister = registerOverlayClickLayers(CHECK_LAYER_IDS);
    const onClick = (e: MapMouseEvent) => {
      const layers = CHECK_LAYER_IDS.filter((id) => map.getLayer(id));
      if (layers.length === 0) return;
      const hit = map.queryRenderedFeatures(e.point, { layers })[0];
      const check = hit?.properties.check;
      if (typeof check === 'string') onCheckRef.current(check);
    };
    map.on('click', onClick);
    return () => {
      unregister();
      map.off('click', onClick);
    };
  }, [map, active]);
}

/**
 * While `active`, clicks on the map belong to the panel (picking a point, drawing a line): an
 * invisible layer over the whole map is registered as an overlay so the app selects nothing, and
 * `onPick` (if given) gets each click's `[lng, lat]`.
 */
export function usePickOnMap(map: MapLibreMap | null, active: boolean, onPick?: (p: LngLat) => void): void {
  usePickOnMapShared(map, active, 'permit-pick-catcher', (at) => onPick?.(at));
}
