import type { LayerGroup } from '../layer-group';
import { pointLayer } from '../status-style';

const MIN_ZOOM = 14;

/** Poles (cột treo cáp): ~40k points, drawn from the API's vector tiles from zoom 14. */
export const polesGroup: LayerGroup = {
  id: 'poles',
  labelKey: 'poles',
  load: { mode: 'tiles', minZoom: MIN_ZOOM },
  legend: { shape: 'circle', color: '#4b5563' },
  visibleByDefault: true,
  layers: (ownerColor) => [
    pointLayer('poles', {
      color: ownerColor,
      minzoom: MIN_ZOOM,
      radius: [
        [14, 2],
        [18, 5],
      ],
    }),
  ],
  interactiveLayerIds: ['poles-circle'],
  attributes: [
    { key: 'material', format: 'enum' },
    { key: 'ownerSector', format: 'enum' },
    { key: 'heightM', format: 'number' },
    { key: 'attachmentsUsed', format: 'number' },
    { key: 'attachmentsMax', format: 'number' },
  ],
};
