import type { LayerGroup } from '../layer-group';
import { pointLayer } from '../status-style';

const MIN_ZOOM = 13;

/** The colour of each device type (legend: cameras, the most numerous and the indicator's subject). */
export const DEVICE_COLORS = {
  surveillance_camera: '#7c3aed',
  iot_sensor: '#0891b2',
  small_cell: '#ea580c',
  streetlight_controller: '#ca8a04',
} as const;

/**
 * Devices on shared poles and street furniture (cameras, IoT sensors, small cells, streetlight
 * controllers): thousands of points, drawn from the API's vector tiles once streets are readable.
 */
export const streetDevicesGroup: LayerGroup = {
  id: 'street-devices',
  labelKey: 'street-devices',
  load: { mode: 'tiles', minZoom: MIN_ZOOM },
  legend: { shape: 'circle', color: DEVICE_COLORS.surveillance_camera },
  visibleByDefault: true,
  layers: () => [
    pointLayer('street-devices', {
      color: [
        'match',
        ['get', 'deviceType'],
        'iot_sensor',
        DEVICE_COLORS.iot_sensor,
        'small_cell',
        DEVICE_COLORS.small_cell,
        'streetlight_controller',
        DEVICE_COLORS.streetlight_controller,
        DEVICE_COLORS.surveillance_camera,
      ],
      minzoom: MIN_ZOOM,
      radius: [
        [13, 2],
        [16, 4],
        [18, 6],
      ],
    }),
  ],
  interactiveLayerIds: ['street-devices-circle'],
  attributes: [
    { key: 'deviceType', format: 'enum' },
    // The pole's code (the API joins it; a uuid means nothing to anyone), a button to the pole.
    { key: 'poleCode', format: 'text', selects: { resource: 'poles', idKey: 'poleId' } },
    { key: 'mountHeightM', format: 'number' },
    { key: 'viewRangeM', format: 'number' },
  ],
};
