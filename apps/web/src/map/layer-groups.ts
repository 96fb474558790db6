import type { LayerGroup } from './layer-group';
import { cableRoutesGroup } from './layers/cable-routes';
import { civilWorksGroup } from './layers/civil-works';
import { ductsGroup } from './layers/ducts';
import { landingStationsGroup } from './layers/landing-stations';
import { manholesGroup } from './layers/manholes';
import { polesGroup } from './layers/poles';
import { streetsGroup } from './layers/streets';
import { submarineCablesGroup } from './layers/submarine-cables';
import { towersGroup } from './layers/towers';
import { trenchesTunnelsGroup } from './layers/trenches-tunnels';
import { wifiPointsGroup } from './layers/wifi-points';

/** Every asset layer group, bottom to top (lines under points, towers on top). */
export const LAYER_GROUPS: readonly LayerGroup[] = [
  streetsGroup,
  civilWorksGroup,
  trenchesTunnelsGroup,
  ductsGroup,
  cableRoutesGroup,
  submarineCablesGroup,
  manholesGroup,
  polesGroup,
  wifiPointsGroup,
  landingStationsGroup,
  towersGroup,
];

/** Legend order: the most important first. */
export const LEGEND_ORDER: readonly LayerGroup[] = [...LAYER_GROUPS].reverse();

/** Layer ids of the tower circles (for tests: `map.queryRenderedFeatures({ layers })`). */
export const TOWER_LAYER_IDS = towersGroup.interactiveLayerIds;
