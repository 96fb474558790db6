import type { LayerGroup } from '../layer-group';
import { pointLayer } from '../status-style';

/**
 * Antenna towers (trạm BTS / cột ăng-ten): ~6k points, loaded whole; counted clusters at city zoom
 * (up to 11), one by one from zoom 12, where neighbours can be told apart.
 */
export const towersGroup: LayerGroup = {
  id: 'towers',
  labelKey: 'towers',
  load: { mode: 'all' },
  legend: { shape: 'circle', color: '#dc2626' },
  visibleByDefault: true,
  layers: (ownerColor) => [
    pointLayer('towers', {
      color: ownerColor,
      radius: [
        [8, 2],
        [11, 3.5],
        [14, 6],
        [18, 9],
      ],
    }),
  ],
  interactiveLayerIds: ['towers-circle'],
  attributes: [
    { key: 'towerClass', format: 'text' },
    { key: 'structure', format: 'enum' },
    { key: 'placement', format: 'enum' },
    { key: 'heightM', format: 'number' },
    { key: 'buildingHeightM', format: 'number' },
    { key: 'groundElevationM', format: 'number' },
    { key: 'antennaSlotsTotal', format: 'number' },
    { key: 'tenantsMax', format: 'number' },
    { key: 'powerBackupHours', format: 'number' },
    { key: 'adminUnitCode', format: 'text' },
  ],
  hasTenancies: true,
  clusterMaxZoom: 11,
};
