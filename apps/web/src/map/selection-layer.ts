import type { Feature, Geometry } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { ADMIN_LABEL_LAYER } from './base-style';

const SOURCE = 'selection';

/** Adds the highlight drawn around the selected feature (a halo under its symbol). */
export function addSelectionLayers(map: MapLibreMap): void {
  if (map.getSource(SOURCE)) return;
  map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer(
    {
      id: 'selection-line',
      type: 'line',
      source: SOURCE,
      filter: ['!=', ['geometry-type'], 'Point'],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#facc15', 'line-width': 9, 'line-opacity': 0.6 },
    },
    ADMIN_LABEL_LAYER,
  );
  map.addLayer({
    id: 'selection-point',
    type: 'circle',
    source: SOURCE,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-radius': 13,
      'circle-color': 'rgba(250, 204, 21, 0.25)',
      'circle-stroke-color': '#ca8a04',
      'circle-stroke-width': 2.5,
    },
  });
}

/** Highlights `feature`, or clears the highlight. */
export function setSelection(map: MapLibreMap, feature: Feature<Geometry> | null): void {
  map.getSource<GeoJSONSource>(SOURCE)?.setData({
    type: 'FeatureCollection',
    features: feature ? [{ type: 'Feature', geometry: feature.geometry, properties: {} }] : [],
  });
}
