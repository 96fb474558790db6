import type { SessionUser } from '@hatang/contracts';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AdminUnitCollection, Organisation } from '../../lib/types';

/** Who sees the header button that opens this panel. */
export const canUseColocation = (user: SessionUser | null): boolean => user !== null && false;

/** The colocation side panel (a third column of the app, like the sharing panel). */
export function ColocationPanel(_props: {
  map: MapLibreMap | null;
  user: SessionUser | null;
  organisations: readonly Organisation[] | undefined;
  adminUnits: AdminUnitCollection | undefined;
  open: boolean;
  onClose: () => void;
}) {
  return null;
}
