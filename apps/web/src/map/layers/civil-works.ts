import type { LayerGroup } from '../layer-group';
import { lineLayerIds, lineLayers } from '../status-style';

/** Civil works of other sectors (công trình ngành khác): chances to lay ducts while the road is open. */
export const civilWorksGroup: LayerGroup = {
  id: 'civil-works',
  labelKey: 'civil-works',
  load: { mode: 'all' },
  legend: { shape: 'line', color: '#c2410c' },
  visibleByDefault: true,
  layers: () =>
    lineLayers('civil-works', {
      color: [
        'match',
        ['get', 'sector'],
        'road',
        '#c2410c',
        'power',
        '#b91c1c',
        'water',
        '#1d4ed8',
        'lighting',
        '#ca8a04',
        'drainage',
        '#0e7490',
        '#c2410c',
      ],
      width: [
        [9, 2],
        [14, 4],
        [18, 8],
      ],
    }).map((layer) =>
      layer.type === 'line' ? { ...layer, paint: { ...layer.paint, 'line-opacity': 0.55 } } : layer,
    ),
  interactiveLayerIds: lineLayerIds('civil-works'),
  attributes: [
    { key: 'name', format: 'text' },
    { key: 'sector', format: 'enum' },
    { key: 'startsOn', format: 'date' },
    { key: 'endsOn', format: 'date' },
  ],
};
