import type { LayerGroup } from '../layer-group';
import { lineLayerIds, lineLayers } from '../status-style';

const MIN_ZOOM = 12;

/** Cable ducts (cống bể cáp): ~1,500 km of lines, drawn from the API's vector tiles from zoom 12. */
export const ductsGroup: LayerGroup = {
  id: 'ducts',
  labelKey: 'ducts',
  load: { mode: 'tiles', minZoom: MIN_ZOOM },
  legend: { shape: 'line', color: '#92400e' },
  visibleByDefault: true,
  layers: (ownerColor) =>
    lineLayers('ducts', {
      color: ownerColor,
      minzoom: MIN_ZOOM,
      width: [
        [12, 1.2],
        [18, 4],
      ],
    }),
  interactiveLayerIds: lineLayerIds('ducts'),
  attributes: [
    { key: 'tubesTotal', format: 'number' },
    { key: 'tubesUsed', format: 'number' },
    { key: 'diameterMm', format: 'number' },
    { key: 'depthM', format: 'number' },
    { key: 'fromManholeId', format: 'text' },
    { key: 'toManholeId', format: 'text' },
  ],
};
