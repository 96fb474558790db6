import type { AssetResource } from '../lib/types';
import type { LayerGroup } from './layer-group';
import { cableRoutesGroup } from './layers/cable-routes';
import { civilWorksGroup } from './layers/civil-works';
import { dataCentresGroup } from './layers/data-centres';
import { ductsGroup } from './layers/ducts';
import { inBuildingSystemsGroup } from './layers/in-building-systems';
import { landingStationsGroup } from './layers/landing-stations';
import { manholesGroup } from './layers/manholes';
import { polesGroup } from './layers/poles';
import { streetDevicesGroup } from './layers/street-devices';
import { streetsGroup } from './layers/streets';
import { submarineCablesGroup } from './layers/submarine-cables';
import { towersGroup } from './layers/towers';
import { trenchesTunnelsGroup } from './layers/trenches-tunnels';
import { wifiPointsGroup } from './layers/wifi-points';

/** Every asset kind's layer group (a kind added to contracts without one does not compile). */
const GROUP_OF = {
  towers: towersGroup,
  poles: polesGroup,
  manholes: manholesGroup,
  ducts: ductsGroup,
  'trenches-tunnels': trenchesTunnelsGroup,
  'cable-routes': cableRoutesGroup,
  'submarine-cables': submarineCablesGroup,
  'landing-stations': landingStationsGroup,
  'wifi-points': wifiPointsGroup,
  'data-centres': dataCentresGroup,
  'street-devices': streetDevicesGroup,
  'in-building-systems': inBuildingSystemsGroup,
  'civil-works': civilWorksGroup,
  streets: streetsGroup,
} satisfies Record<AssetResource, LayerGroup>;

/** Bottom to top: lines under points, towers on top. */
const DRAW_ORDER: readonly AssetResource[] = [
  'streets',
  'civil-works',
  'trenches-tunnels',
  'ducts',
  'cable-routes',
  'submarine-cables',
  'manholes',
  'poles',
  'street-devices',
  'wifi-points',
  'in-building-systems',
  'data-centres',
  'landing-stations',
  'towers',
];

/** Every asset layer group, bottom to top (each kind once: a test checks the order names them all). */
export const LAYER_GROUPS: readonly LayerGroup[] = DRAW_ORDER.map((id) => GROUP_OF[id]);

/** Legend order: the most important first. */
export const LEGEND_ORDER: readonly LayerGroup[] = [...LAYER_GROUPS].reverse();

/** Layer ids of the tower circles (for tests: `map.queryRenderedFeatures({ layers })`). */
export const TOWER_LAYER_IDS = towersGroup.interactiveLayerIds;
