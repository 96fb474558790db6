import type { SessionUser } from '@hatang/contracts';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Organisation } from '../../lib/types';

/**
 * Site offers by communes and the key sites register on the map: layers, toggles, details and
 * the publish form. (Scaffold: the sites work fills it in.)
 */
export function SitesOverlay(_props: {
  map: MapLibreMap | null;
  user: SessionUser | null;
  organisations: readonly Organisation[] | undefined;
}) {
  return null;
}
