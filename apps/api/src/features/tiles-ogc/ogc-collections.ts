import { assetResources, type ResourceDefinition, streets } from '@hatang/contracts';

/** One OGC API collection: an asset layer, the streets, or the communes. */
export interface OgcCollection {
  id: string;
  title: string;
  description: string;
  /** The REST resource behind it; undefined for admin units (their own query). */
  definition?: ResourceDefinition;
  geometryType: string;
}

export const OGC_COLLECTIONS: readonly OgcCollection[] = [
  ...[...assetResources, streets].map((definition) => ({
    id: definition.path,
    title: definition.labels.en,
    description: `${definition.labels.en} (${definition.labels.vi}), Hai Phong. Fields the viewer may not see are left out.`,
    definition,
    geometryType: definition.geometryType,
  })),
  {
    id: 'admin-units',
    title: 'Administrative units',
    description:
      'Hai Phong’s 114 commune-level units (xã, phường, đặc khu) since 1 July 2025, with official codes and populations.',
    geometryType: 'MultiPolygon',
  },
];

const BY_ID = new Map(OGC_COLLECTIONS.map((c) => [c.id, c]));
export const ogcCollection = (id: string) => BY_ID.get(id);
