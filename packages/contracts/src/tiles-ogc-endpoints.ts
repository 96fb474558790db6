/**
 * Vector tiles (`/tiles`) and OGC API – Features (`/ogc`, read by QGIS and GDAL): readable by
 * anyone, every feature redacted to the viewer. Path patterns keep Hono's regex parts (a tile's
 * `y` carries its `.mvt` suffix). The OGC documents answer JSON, or HTML when `f=html` or a
 * browser's Accept asks; their handlers read `f` and the items' parameters themselves (OGC rules:
 * every problem at once, unknown parameters refused), so the queries here only document them.
 */
import { z } from 'zod';
import { endpoint } from './endpoint.js';
import {
  ogcCollectionInfo,
  ogcCollections,
  ogcConformance,
  ogcFeatureCollection,
  ogcFeatureDocument,
  ogcLandingPage,
  tileJson,
} from './tiles-ogc.js';

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';

const notFound = { description: 'Not found' };
const invalid = { description: 'Invalid request: every problem with its path' };
const format = z
  .string()
  .optional()
  .describe('json (the default) or html; without it, an Accept naming text/html gets HTML');
const asHtml = ' (HTML instead with f=html)';
const crsParam = (what: string) =>
  z
    .string()
    .optional()
    .describe(`${what}: CRS84 (default) or http://www.opengis.net/def/crs/EPSG/0/9210 (VN-2000)`);

export const tilesOgcEndpoints = {
  tileJson: endpoint({
    method: 'GET',
    path: '/tiles/:file{[a-z-]+\\.json}',
    tag: 'tiles',
    summary: 'TileJSON 3.0 of a tile layer',
    responses: { 200: { description: 'The TileJSON', schema: tileJson }, 404: notFound },
  }),
  tile: endpoint({
    method: 'GET',
    path: '/tiles/:layer/:z{[0-9]+}/:x{[0-9]+}/:y{[0-9]+\\.mvt}',
    tag: 'tiles',
    summary: 'A Mapbox Vector Tile of a layer (attributes thinned by zoom, redacted by viewer)',
    params: z.object({
      layer: z.string().describe('The tile layer (its TileJSON is /tiles/{layer}.json)'),
      z: z.string().describe('Zoom, 0–22'),
      x: z.string().describe('Column, 0 … 2^z − 1'),
      y: z.string().describe('Row, 0 … 2^z − 1'),
    }),
    responses: {
      200: {
        description: 'The tile (an empty body is an empty tile); ETag and Cache-Control per viewer tier',
        contentType: MVT_CONTENT_TYPE,
      },
      304: { description: 'Not modified (If-None-Match)' },
      400: invalid,
      404: notFound,
    },
  }),
  landingPage: endpoint({
    method: 'GET',
    path: '/ogc',
    tag: 'ogc',
    summary: 'OGC API – Features landing page',
    query: z.object({ f: format }),
    responses: { 200: { description: `The landing page${asHtml}`, schema: ogcLandingPage } },
  }),
  conformance: endpoint({
    method: 'GET',
    path: '/ogc/conformance',
    tag: 'ogc',
    summary: 'Conformance classes',
    query: z.object({ f: format }),
    responses: { 200: { description: `The conformance classes${asHtml}`, schema: ogcConformance } },
  }),
  collections: endpoint({
    method: 'GET',
    path: '/ogc/collections',
    tag: 'ogc',
    summary: 'Collections (every layer)',
    query: z.object({ f: format }),
    responses: { 200: { description: `Every collection${asHtml}`, schema: ogcCollections } },
  }),
  collection: endpoint({
    method: 'GET',
    path: '/ogc/collections/:collectionId',
    tag: 'ogc',
    summary: 'One collection',
    params: z.object({ collectionId: z.string() }),
    query: z.object({ f: format }),
    responses: {
      200: { description: `The collection${asHtml}`, schema: ogcCollectionInfo },
      404: notFound,
    },
  }),
  items: endpoint({
    method: 'GET',
    path: '/ogc/collections/:collectionId/items',
    tag: 'ogc',
    summary: 'Features of a collection',
    params: z.object({ collectionId: z.string() }),
    query: z.object({
      bbox: z.string().optional().describe('minX,minY,maxX,maxY in bbox-crs'),
      'bbox-crs': crsParam('The CRS of bbox'),
      crs: crsParam('Output CRS'),
      limit: z.string().optional().describe('Page size, 1–10000 (default 100)'),
      offset: z.string().optional().describe('Features to skip, 0 or more (the `next` link sets it)'),
      f: format,
    }),
    responses: {
      200: {
        description: `Features (application/geo+json; HTML instead with f=html)`,
        schema: ogcFeatureCollection,
      },
      400: invalid,
      404: notFound,
    },
  }),
  item: endpoint({
    method: 'GET',
    path: '/ogc/collections/:collectionId/items/:featureId',
    tag: 'ogc',
    summary: 'One feature',
    params: z.object({ collectionId: z.string(), featureId: z.string() }),
    query: z.object({ crs: crsParam('Output CRS'), f: format }),
    responses: {
      200: {
        description: 'The feature (application/geo+json; HTML instead with f=html)',
        schema: ogcFeatureDocument,
      },
      400: invalid,
      404: notFound,
    },
  }),
} as const;
