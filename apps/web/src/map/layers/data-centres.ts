import type { LayerGroup } from '../layer-group';
import { pointLayer } from '../status-style';

/** Data centres (trung tâm dữ liệu): a handful city-wide, drawn at every zoom; green certified ones in green. */
export const dataCentresGroup: LayerGroup = {
  id: 'data-centres',
  labelKey: 'data-centres',
  load: { mode: 'all' },
  legend: { shape: 'circle', color: '#0f766e' },
  visibleByDefault: true,
  layers: () => [
    pointLayer('data-centres', {
      color: ['match', ['get', 'greenCertification'], 'none', '#334155', '#0f766e'],
      radius: [
        [6, 4],
        [12, 7],
        [18, 11],
      ],
    }),
  ],
  interactiveLayerIds: ['data-centres-circle'],
  attributes: [
    { key: 'name', format: 'text' },
    { key: 'greenCertification', format: 'enum' },
    { key: 'tier', format: 'text' },
    { key: 'powerMw', format: 'number' },
    { key: 'pue', format: 'number' },
  ],
};
