import type { LayerGroup } from '../layer-group';
import { lineLayerIds, lineLayers } from '../status-style';

/** Fibre and copper cable routes (tuyến cáp), coloured by owner. */
export const cableRoutesGroup: LayerGroup = {
  id: 'cable-routes',
  labelKey: 'cable-routes',
  load: { mode: 'all' },
  legend: { shape: 'line', color: '#2563eb' },
  visibleByDefault: true,
  layers: (ownerColor) =>
    lineLayers('cable-routes', {
      color: ownerColor,
      width: [
        [9, 0.8],
        [14, 2],
        [18, 4],
      ],
    }),
  interactiveLayerIds: lineLayerIds('cable-routes'),
  attributes: [
    { key: 'cableType', format: 'enum' },
    { key: 'coreCount', format: 'number' },
    { key: 'placement', format: 'enum' },
  ],
};
