import type { LayerGroup } from '../layer-group';
import { pointLayer } from '../status-style';

const MIN_ZOOM = 14;

/** Manholes (hố ga / bể cáp): ~10k points, drawn from the API's vector tiles from zoom 14. */
export const manholesGroup: LayerGroup = {
  id: 'manholes',
  labelKey: 'manholes',
  load: { mode: 'tiles', minZoom: MIN_ZOOM },
  legend: { shape: 'circle', color: '#78350f' },
  visibleByDefault: true,
  layers: (ownerColor) => [
    pointLayer('manholes', {
      color: ownerColor,
      minzoom: MIN_ZOOM,
      radius: [
        [14, 2.5],
        [18, 6],
      ],
    }),
  ],
  interactiveLayerIds: ['manholes-circle'],
  attributes: [
    { key: 'manholeType', format: 'enum' },
    { key: 'covers', format: 'number' },
    { key: 'depthM', format: 'number' },
  ],
};
