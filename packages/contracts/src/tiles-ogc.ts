/**
 * What the vector tiles and the OGC API – Features answer in JSON: TileJSON 3.0 and the OGC
 * documents (landing page, conformance, collections, items). Coordinates are [lng, lat] in WGS 84
 * (CRS84) unless the request asked for another `crs` (EPSG:9210: easting, northing in metres).
 */
import { z } from 'zod';

/** TileJSON 3.0 of one tile layer: its tile URL, zooms, bounds and the fields its features carry. */
export const tileJson = z.object({
  tilejson: z.literal('3.0.0'),
  name: z.string(),
  scheme: z.literal('xyz'),
  tiles: z.array(z.string()),
  minzoom: z.number().int(),
  maxzoom: z.number().int(),
  /** [west, south, east, north], degrees. */
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  vector_layers: z.array(
    z.object({
      id: z.string(),
      description: z.string(),
      minzoom: z.number().int(),
      maxzoom: z.number().int(),
      /** Attribute name → what it is (the viewer's organisation's features only, for some). */
      fields: z.record(z.string(), z.string()),
    }),
  ),
});
export type TileJson = z.infer<typeof tileJson>;

/** A link of an OGC API document. */
export const ogcLink = z.object({
  href: z.string(),
  rel: z.string(),
  type: z.string().optional(),
  title: z.string().optional(),
});
export type OgcLink = z.infer<typeof ogcLink>;

const links = z.array(ogcLink);

export const ogcLandingPage = z.object({ title: z.string(), description: z.string(), links });
export const ogcConformance = z.object({ conformsTo: z.array(z.string()), links });

export const ogcCollectionInfo = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  itemType: z.literal('feature'),
  extent: z.object({
    spatial: z.object({ bbox: z.array(z.array(z.number())), crs: z.string() }),
  }),
  /** The CRS URIs the items can be delivered in (`crs` of the items request). */
  crs: z.array(z.string()),
  storageCrs: z.string(),
  links,
});
export const ogcCollections = z.object({
  collections: z.array(ogcCollectionInfo),
  crs: z.array(z.string()),
  links,
});

/** One feature of a collection, redacted to what the viewer may see. */
export const ogcFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  /** GeoJSON geometry in the requested CRS. */
  geometry: z.unknown(),
  properties: z.record(z.string(), z.unknown()),
});
export type OgcFeature = z.infer<typeof ogcFeature>;

export const ogcFeatureDocument = ogcFeature.extend({ links });
export const ogcFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(ogcFeature),
  numberMatched: z.number().int(),
  numberReturned: z.number().int(),
  timeStamp: z.string(),
  links,
});
