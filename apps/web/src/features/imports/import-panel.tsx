import type { SessionUser } from '@hatang/contracts';
import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * The import panel (a third column of the app): upload, field mapping with a preview on the map,
 * the per-row report, duplicates and commit. (Scaffold: the imports web work fills it in.)
 */
export function ImportPanel(_props: {
  map: MapLibreMap | null;
  user: SessionUser | null;
  open: boolean;
  onClose: () => void;
}) {
  return null;
}
