/**
 * Opening an asset by its id, as a click on it would: a link from another panel (a device's pole),
 * a search result, and a shared link's `?sel=` all go through here, so they load it the same way
 * (one cache entry per asset) and agree on where it is.
 */
import type { QueryClient } from '@tanstack/react-query';
import { fetchAsset } from '../lib/assets-api';
import type { AssetFeature } from '../lib/types';
import { LAYER_GROUPS } from './layer-groups';
import type { Selection } from './use-map-interactions';

/**
 * The asset as a selection, read through the query cache. Null for a resource no layer shows;
 * rejects when the asset is gone or not the viewer's to see (the caller decides what that means).
 */
export async function loadAssetSelection(
  queryClient: QueryClient,
  resource: string,
  id: string,
): Promise<Selection | null> {
  const group = LAYER_GROUPS.find((g) => g.id === resource);
  if (!group) return null;
  const feature = await queryClient.fetchQuery({
    queryKey: ['asset', group.id, id],
    queryFn: ({ signal }) => fetchAsset(group.id, id, signal),
  });
  return { kind: 'asset', group, feature };
}

/** Where to bring the map for an asset: a point's position, a line's first vertex ([lng, lat]). */
export function assetAnchor(feature: AssetFeature): [number, number] | null {
  const g = feature.geometry;
  const first = g.type === 'Point' ? g.coordinates : g.type === 'LineString' ? g.coordinates[0] : null;
  return first && first.length >= 2 ? [first[0] ?? 0, first[1] ?? 0] : null;
}
