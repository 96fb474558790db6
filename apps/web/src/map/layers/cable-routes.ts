import type { LayerGroup } from '../layer-group';
import { lineLayerIds, lineLayers } from '../status-style';

/** The API has cable-route tiles from zoom 8 (the province fits in a few hundred pixels below). */
const MIN_ZOOM = 8;

/** Fibre and copper cable routes (tuyến cáp), coloured by owner, drawn from the API's vector tiles. */
export const cableRoutesGroup: LayerGroup = {
  id: 'cable-routes',
  labelKey: 'cable-routes',
  load: { mode: 'tiles', minZoom: MIN_ZOOM },
  legend: { shape: 'line', color: '#2563eb' },
  visibleByDefault: true,
  layers: (ownerColor) =>
    lineLayers('cable-routes', {
      color: ownerColor,
      minzoom: MIN_ZOOM,
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
