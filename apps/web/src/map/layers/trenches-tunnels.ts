import type { LayerGroup } from '../layer-group';
import { lineLayerIds, lineLayers } from '../status-style';

/** Technical trenches and tunnels (hào kỹ thuật, tuy-nen kỹ thuật), shared with other utilities. */
export const trenchesTunnelsGroup: LayerGroup = {
  id: 'trenches-tunnels',
  labelKey: 'trenches-tunnels',
  load: { mode: 'all' },
  legend: { shape: 'line', color: '#7c3aed' },
  visibleByDefault: true,
  layers: () =>
    lineLayers('trenches-tunnels', {
      color: ['match', ['get', 'kind'], 'tunnel', '#5b21b6', '#8b5cf6'],
      width: [
        [9, 1.5],
        [14, 3],
        [18, 7],
      ],
    }),
  interactiveLayerIds: lineLayerIds('trenches-tunnels'),
  attributes: [
    { key: 'kind', format: 'enum' },
    { key: 'widthM', format: 'number' },
    { key: 'depthM', format: 'number' },
    { key: 'sharedWith', format: 'list' },
  ],
};
