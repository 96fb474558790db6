import type { LayerGroup } from '../layer-group';

const MIN_ZOOM = 11;

/**
 * Streets: read-only context from the API's vector tiles, from zoom 11 (major streets only below 13),
 * named from zoom 14 (where the tiles carry names).
 */
export const streetsGroup: LayerGroup = {
  id: 'streets',
  labelKey: 'streets',
  load: { mode: 'tiles', minZoom: MIN_ZOOM },
  legend: { shape: 'line', color: '#9ca3af' },
  visibleByDefault: true,
  layers: () => [
    {
      id: 'streets-line',
      type: 'line',
      source: 'streets',
      minzoom: MIN_ZOOM,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': ['match', ['get', 'streetClass'], 'primary', '#fcd9a8', '#ffffff'],
        'line-width': [
          'interpolate',
          ['linear'],
          ['zoom'],
          11,
          ['match', ['get', 'streetClass'], 'primary', 1.5, 'secondary', 1, 0.5],
          18,
          ['match', ['get', 'streetClass'], 'primary', 14, 'secondary', 10, 6],
        ],
      },
    },
    {
      id: 'streets-label',
      type: 'symbol',
      source: 'streets',
      minzoom: 14,
      layout: {
        'symbol-placement': 'line',
        'text-field': ['coalesce', ['get', 'name'], ''],
        'text-font': ['Noto Sans Regular'],
        'text-size': 11,
      },
      paint: { 'text-color': '#4b5563', 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 },
    },
  ],
  interactiveLayerIds: ['streets-line'],
  attributes: [
    { key: 'name', format: 'text' },
    { key: 'streetClass', format: 'enum' },
  ],
};
