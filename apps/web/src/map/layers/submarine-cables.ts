import type { LayerGroup } from '../layer-group';
import { lineLayerIds, lineLayers } from '../status-style';

/** Submarine cables (cáp quang biển) and their protection corridors. */
export const submarineCablesGroup: LayerGroup = {
  id: 'submarine-cables',
  labelKey: 'submarine-cables',
  load: { mode: 'all' },
  legend: { shape: 'line', color: '#0f766e' },
  visibleByDefault: true,
  layers: () =>
    lineLayers('submarine-cables', {
      color: '#0f766e',
      width: [
        [6, 1.5],
        [12, 3],
        [18, 5],
      ],
    }),
  interactiveLayerIds: lineLayerIds('submarine-cables'),
  attributes: [
    { key: 'name', format: 'text' },
    { key: 'fiberPairs', format: 'number' },
    { key: 'corridorWidthM', format: 'number' },
    { key: 'landingStationId', format: 'text' },
  ],
};
