import type { SessionUser } from '@hatang/contracts';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AdminUnitCollection, Organisation } from '../../lib/types';

/** Who sees the header button that opens this panel. */
export const canUsePermits = (user: SessionUser | null): boolean => user !== null && false;

/** The permits side panel (a third column of the app, like the sharing panel). */
export function PermitsPanel(_props: {
  map: MapLibreMap | null;
  user: SessionUser | null;
  organisations: readonly Organisation[] | undefined;
  adminUnits: AdminUnitCollection | undefined;
  open: boolean;
  onClose: () => void;
}) {
  return null;
}
