import type { LayerGroup } from '../layer-group';
import { pointLayer } from '../status-style';

/** In-building telecom systems (hạ tầng viễn thông trong tòa nhà): coloured by compliance. */
export const inBuildingSystemsGroup: LayerGroup = {
  id: 'in-building-systems',
  labelKey: 'in-building-systems',
  load: { mode: 'all' },
  legend: { shape: 'circle', color: '#2563eb' },
  visibleByDefault: true,
  layers: () => [
    pointLayer('in-building-systems', {
      color: [
        'match',
        ['get', 'complianceStatus'],
        'non_compliant',
        '#b91c1c',
        'not_assessed',
        '#64748b',
        '#2563eb',
      ],
      radius: [
        [10, 2.5],
        [14, 5],
        [18, 8],
      ],
    }),
  ],
  interactiveLayerIds: ['in-building-systems-circle'],
  attributes: [
    { key: 'buildingName', format: 'text' },
    { key: 'buildingType', format: 'enum' },
    { key: 'floors', format: 'number' },
    { key: 'sharedSystem', format: 'enum' },
    { key: 'fibreRiser', format: 'enum' },
    { key: 'operatorsServed', format: 'org' },
    { key: 'complianceStatus', format: 'enum' },
  ],
};
