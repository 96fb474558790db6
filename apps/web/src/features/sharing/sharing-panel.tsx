import type { SessionUser } from '@hatang/contracts';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Organisation } from '../../lib/types';

/**
 * The sharing panel (a third column of the app): tower sharing, spare capacity, the route
 * planner, dig-once notices and undergrounding candidates. (Scaffold: the sharing web work fills it in.)
 */
export function SharingPanel(_props: {
  map: MapLibreMap | null;
  user: SessionUser | null;
  organisations: readonly Organisation[] | undefined;
  open: boolean;
  onClose: () => void;
}) {
  return null;
}
