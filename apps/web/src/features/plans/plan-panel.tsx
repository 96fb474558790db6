import type { SessionUser } from '@hatang/contracts';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AdminUnitCollection, Organisation } from '../../lib/types';

/**
 * The plan panel (a third column of the app, like Analysis): plans, versions, items and zones on
 * the map, compare, approve, indicators and exports. (Scaffold: the plan web work fills it in.)
 */
export function PlanPanel(_props: {
  map: MapLibreMap | null;
  user: SessionUser | null;
  organisations: readonly Organisation[] | undefined;
  adminUnits: AdminUnitCollection | undefined;
  open: boolean;
  onClose: () => void;
}) {
  return null;
}
