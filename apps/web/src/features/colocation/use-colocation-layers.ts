/**
 * The co-location panel's map markers (incoming requests at their targets, the city's pending
 * requests for planners): one GeoJSON source and a circle layer, on the map only while the panel
 * shows them; a click on a marker opens that request (an overlay click: no asset panel under it).
 */
import type { GeoJSONSource, LayerSpecification, MapLayerMouseEvent, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { whenStyleReady } from '../../map/pick-on-map';
import { registerOverlayClickLayers } from '../../map/use-map-interactions';

export interface MarkerFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: { id: string; overdue: boolean; status: string };
}

/** Layer id of the markers (tests query it with `queryRenderedFeatures`). */
export const MARKER_LAYER = 'colocation-requests';
const SOURCE = 'colocation-requests';

const LAYER = {
  id: MARKER_LAYER,
  type: 'circle',
  source: SOURCE,
  paint: {
    'circle-radius': 9,
    'circle-color': ['case', ['get', 'overdue'], '#dc2626', '#7c3aed'],
    'circle-opacity': 0.85,
    'circle-stroke-color': '#fff',
    'circle-stroke-width': 2,
  },
} as unknown as LayerSpecification;

/** Shows `markers` (null: none, and the layer is removed); `onPick` gets a clicked marker's request id. */
export function useColocationMarkers(
  map: MapLibreMap | null,
  markers: readonly MarkerFeature[] | null,
  onPick: (id: string) => void,
): void {
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;
  const shown = markers !== null;
  useEffect(() => {
    if (!map || !shown) return;
    const unregister = registerOverlayClickLayers([MARKER_LAYER]);
    const onClick = (e: MapLayerMouseEvent) => {
      const id = e.features?.[0]?.properties?.id;
      if (typeof id === 'string') onPickRef.current(id);
    };
    const cancel = whenStyleReady(map, () => {
      if (!map.getSource(SOURCE))
        map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      if (!map.getLayer(MARKER_LAYER)) map.addLayer(LAYER);
    });
    map.on('click', MARKER_LAYER, onClick);
    return () => {
      cancel();
      unregister();
      map.off('click', MARKER_LAYER, onClick);
      try {
        if (map.getLayer(MARKER_LAYER)) map.removeLayer(MARKER_LAYER);
        if (map.getSource(SOURCE)) map.removeSource(SOURCE);
      } catch {
        // The map is gone with its style.
      }
    };
  }, [map, shown]);

  useEffect(() => {
    if (!map || !markers) return;
    return whenStyleReady(map, () => {
      (map.getSource(SOURCE) as GeoJSONSource | undefined)?.setData({
        type: 'FeatureCollection',
        features: [...markers],
      });
    });
  }, [map, markers]);
}
