/**
 * The sharing panel's map layers: one GeoJSON source per finder and its layers, added while the
 * panel shows data and removed otherwise; and the "pick on map" mode.
 */
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import { usePickOnMap as usePickOnMapShared, whenStyleReady } from '../../map/pick-on-map';
import type { LngLat } from './sharing-api';

type FeatureCollection = { type: 'FeatureCollection'; features: readonly unknown[] };

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

/**
 * While `active`, a click on the map calls `onPick` with its `[lng, lat]`, the cursor is a
 * crosshair, and an invisible layer over the whole map (registered as an overlay click layer)
 * keeps the app from opening the commune or asset panel under the click.
 */
export function usePickOnMap(map: MapLibreMap | null, active: boolean, onPick: (p: LngLat) => void): void {
  usePickOnMapShared(map, active, 'sharing-pick-catcher', onPick);
}
