import type { FeatureCollection, Geometry } from 'geojson';
import type { AssetFeature, AssetProperties, AssetResource } from '../lib/types';

/**
 * The features as the API sent them, by group and id. MapLibre flattens nested properties
 * (tenancies) to JSON strings in rendered features, so the side panel reads the originals here.
 */
const store = new Map<AssetResource, Map<string, AssetFeature>>();

/** Indexes `features` for `group` and returns the collection to give MapLibre (id copied into properties). */
export function indexFeatures(
  group: AssetResource,
  features: readonly AssetFeature[],
): FeatureCollection<Geometry, AssetProperties> {
  const byId = new Map<string, AssetFeature>();
  const mapFeatures = features.map((f) => {
    const id = String(f.id);
    byId.set(id, f);
    return { type: 'Feature' as const, id: f.id, geometry: f.geometry, properties: { ...f.properties, id } };
  });
  store.set(group, byId);
  return { type: 'FeatureCollection', features: mapFeatures };
}

export function findFeature(group: AssetResource, id: string): AssetFeature | undefined {
  return store.get(group)?.get(id);
}
