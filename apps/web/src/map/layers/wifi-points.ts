import type { LayerGroup } from '../layer-group';
import { pointLayer } from '../status-style';

/** Public WiFi points (điểm WiFi công cộng) at cultural houses, commune centres and public spaces. */
export const wifiPointsGroup: LayerGroup = {
  id: 'wifi-points',
  labelKey: 'wifi-points',
  load: { mode: 'all' },
  legend: { shape: 'circle', color: '#16a34a' },
  visibleByDefault: true,
  layers: () => [
    pointLayer('wifi-points', {
      color: '#16a34a',
      radius: [
        [9, 1.8],
        [13, 3.5],
        [18, 7],
      ],
    }),
  ],
  interactiveLayerIds: ['wifi-points-circle'],
  attributes: [
    { key: 'name', format: 'text' },
    { key: 'siteType', format: 'enum' },
    { key: 'bandwidthMbps', format: 'number' },
    { key: 'adminUnitCode', format: 'text' },
  ],
};
