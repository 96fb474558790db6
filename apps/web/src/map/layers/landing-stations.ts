import type { LayerGroup } from '../layer-group';
import { pointLayer } from '../status-style';

/** Cable landing stations (trạm cập bờ). */
export const landingStationsGroup: LayerGroup = {
  id: 'landing-stations',
  labelKey: 'landing-stations',
  load: { mode: 'all' },
  legend: { shape: 'circle', color: '#0f766e' },
  visibleByDefault: true,
  layers: () => [
    pointLayer('landing-stations', {
      color: '#0f766e',
      radius: [
        [8, 5],
        [14, 8],
        [18, 11],
      ],
    }),
  ],
  interactiveLayerIds: ['landing-stations-circle'],
  attributes: [
    { key: 'name', format: 'text' },
    { key: 'protectionRadiusM', format: 'number' },
  ],
};
