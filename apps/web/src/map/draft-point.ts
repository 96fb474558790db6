/**
 * The place being chosen for a new record (a violation, an obstacle) as a dark marker with a
 * yellow ring while `at` is set, on the feature's own source and layer ids.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import { whenStyleReady } from './pick-on-map';

export function useDraftPoint(
  map: MapLibreMap | null,
  at: readonly [number, number] | null,
  ids: { source: string; layer: string },
): void {
  const shown = at !== null;
  const { source, layer } = ids;
  useEffect(() => {
    if (!map || !shown) return;
    const cancel = whenStyleReady(map, () => {
      if (!map.getSource(source))
        map.addSource(source, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      if (!map.getLayer(layer))
        map.addLayer({
          id: layer,
          type: 'circle',
          source,
          paint: {
            'circle-radius': 9,
            'circle-color': '#111827',
            'circle-stroke-color': '#facc15',
            'circle-stroke-width': 3,
          },
        });
    });
    return () => {
      cancel();
      try {
        if (map.getLayer(layer)) map.removeLayer(layer);
        if (map.getSource(source)) map.removeSource(source);
      } catch {
        // The map went away with its style.
      }
    };
  }, [map, shown, source, layer]);
  useEffect(() => {
    if (!map || !at) return;
    return whenStyleReady(map, () => {
      (map.getSource(source) as GeoJSONSource | undefined)?.setData({
        type: 'Feature',
        properties: {},
        geometry: { type: 'Point', coordinates: [at[0], at[1]] },
      });
    });
  }, [map, at, source]);
}
