/**
 * The sharing panel's map layers: one GeoJSON source per finder and its layers, added while the
 * panel shows data and removed otherwise; and the "pick on map" mode.
 */
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { registerOverlayClickLayers } from '../../map/use-map-interactions';
import type { LngLat } from './sharing-api';

type FeatureCollection = { type: 'FeatureCollection'; features: readonly unknown[] };

/**
 * Runs `fn` now, or — when the style is still loading (`addSource` throws then) — at the next idle.
 * `fn` must be idempotent (it checks what exists before adding).
 */
function whenStyleReady(map: MapLibreMap, fn: () => void): () => void {
  try {
    fn();
    return () => {};
  } catch {
    // The style is not done loading: try again when the map is idle.
  }
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  map.once('idle', run);
  return () => {
    done = true;
    map.off('idle', run);
  };
}

function removeAll(map: MapLibreMap, sourceId: string, layers: readonly LayerSpecification[]) {
  try {
    for (const layer of layers) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
    if (map.getSource(sourceId)) map.removeSource(sourceId);
  } catch {
    // The map was removed with its style: nothing left to clean.
  }
}

/**
 * Shows `data` on the map under `sourceId` with `layers` (their `source` is set here); `null`
 * removes them. `layers` must be stable (a module constant).
 */
export function useGeoJsonLayers(
  map: MapLibreMap | null,
  sourceId: string,
  data: FeatureCollection | null,
  layers: readonly Omit<LayerSpecification, 'source'>[],
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
      removeAll(map, sourceId, specs);
    };
  }, [map, sourceId, shown, layers]);

  useEffect(() => {
    if (!map || !data) return;
    return whenStyleReady(map, () => {
      const source = map.getSource(sourceId) as GeoJSONSource | undefined;
      source?.setData(data as GeoJSON.FeatureCollection);
    });
  }, [map, sourceId, data]);
}

const CATCHER_SOURCE = 'sharing-pick-catcher';
const CATCHER_LAYER = 'sharing-pick-catcher';

/**
 * While `active`, a click on the map calls `onPick` with its `[lng, lat]`, the cursor is a
 * crosshair, and an invisible layer over the whole map (registered as an overlay click layer)
 * keeps the app from opening the commune or asset panel under the click.
 */
export function usePickOnMap(map: MapLibreMap | null, active: boolean, onPick: (p: LngLat) => void): void {
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;
  useEffect(() => {
    if (!map || !active) return;
    const canvas = map.getCanvas();
    const onClick = (e: MapMouseEvent) => onPickRef.current([e.lngLat.lng, e.lngLat.lat]);
    const onMove = () => {
      canvas.style.cursor = 'crosshair';
    };
    const unregister = registerOverlayClickLayers([CATCHER_LAYER]);
    const cancel = whenStyleReady(map, () => {
      if (!map.getSource(CATCHER_SOURCE))
        map.addSource(CATCHER_SOURCE, {
          type: 'geojson',
          data: {
            type: 'Feature',
            properties: {},
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [-180, -85],
                  [180, -85],
                  [180, 85],
                  [-180, 85],
                  [-180, -85],
                ],
              ],
            },
          },
        });
      if (!map.getLayer(CATCHER_LAYER))
        map.addLayer({
          id: CATCHER_LAYER,
          type: 'fill',
          source: CATCHER_SOURCE,
          paint: { 'fill-color': '#000', 'fill-opacity': 0.01 },
        });
    });
    canvas.style.cursor = 'crosshair';
    map.on('click', onClick);
    map.on('mousemove', onMove);
    return () => {
      cancel();
      map.off('click', onClick);
      map.off('mousemove', onMove);
      canvas.style.cursor = '';
      unregister();
      try {
        if (map.getLayer(CATCHER_LAYER)) map.removeLayer(CATCHER_LAYER);
        if (map.getSource(CATCHER_SOURCE)) map.removeSource(CATCHER_SOURCE);
      } catch {
        // The map is gone.
      }
    };
  }, [map, active]);
}
