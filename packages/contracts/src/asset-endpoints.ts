/**
 * The routes of the asset engine, declared once per kind: list (bbox, filters, cursor), read,
 * history, create, patch under If-Match, restore and delete of every asset kind, and the
 * read-only streets. Feature bodies (a new Feature, or a patch of `geometry` and/or some
 * `properties`) are read and checked by the handlers, every problem at once with its path, as
 * their summaries say; the OpenAPI document names their schemas (<Kind>Feature, <Kind>PatchRequest).
 */
import { z } from 'zod';
import { type AssetPath, assetResources } from './assets.js';
import { restoreRequest } from './common.js';
import { streets } from './context.js';
import { endpoint } from './endpoint.js';
import { recordHistory } from './history.js';
import type { GeometryType, ResourceDefinition } from './resource.js';

/** `[lng, lat]`, degrees (stored 2D, WGS 84). */
const position = z.tuple([z.number(), z.number()]);
const line = z.array(position);
const GEOMETRY_OUTPUT = {
  Point: z.object({ type: z.literal('Point'), coordinates: position }),
  LineString: z.object({ type: z.literal('LineString'), coordinates: line }),
  Polygon: z.object({ type: z.literal('Polygon'), coordinates: z.array(line) }),
  MultiPolygon: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(line)) }),
} satisfies Record<GeometryType, z.ZodType>;
/** A geometry as the asset routes answer it. */
export type AssetGeometry = z.infer<(typeof GEOMETRY_OUTPUT)[GeometryType]>;

/** What an asset answer's properties hold besides the writable ones: the server's fields. */
const serverFields = {
  id: z.string(),
  version: z.number().int().meta({ description: 'Send as If-Match when editing' }),
  createdAt: z.string().meta({ description: 'ISO 8601, UTC' }),
  updatedAt: z.string().meta({ description: 'ISO 8601, UTC' }),
};
const adminUnitCode = z
  .string()
  .nullable()
  .meta({ description: 'The commune (mã ĐVHC) the geometry lies in, derived on every write' });
/** Read-only properties some kinds add (derived on write, joined on read). */
const KIND_EXTRAS: Partial<Record<AssetPath, z.ZodRawShape>> = {
  towers: {
    adminUnitCode,
    tenantCount: z.number().int(),
    tenancies: z.array(
      z.object({
        operatorOrgId: z.string(),
        technologies: z.array(z.string()),
        antennaCount: z.number().int().nullable(),
        mountHeightM: z.number().nullable(),
        since: z.string().nullable(),
      }),
    ),
  },
  'wifi-points': { adminUnitCode },
  'street-devices': {
    poleCode: z
      .string()
      .nullable()
      .meta({ description: 'The code of the pole `poleId` names (null for a standalone device)' }),
  },
};

/**
 * The properties of one kind as the API answers them: the writable ones, the server's and the
 * kind's derived ones. Every one may be absent: fields above the viewer's confidentiality tier
 * are left out.
 */
function answeredProperties(definition: ResourceDefinition) {
  const isAsset = 'ownerOrgId' in definition.shape;
  const extras = (KIND_EXTRAS as Record<string, z.ZodRawShape | undefined>)[definition.path] ?? {};
  return z
    .object({
      ...definition.shape,
      ...(isAsset ? serverFields : { id: serverFields.id }),
      ...extras,
    })
    .partial()
    .meta({ description: `${definition.labels.en} (${definition.labels.vi})` });
}

/** An asset (or street) as the API answers it: properties typed loosely, checked by its kind's schema. */
export interface AssetFeature {
  type: 'Feature';
  id: string;
  geometry: AssetGeometry;
  properties: Record<string, unknown>;
}
export interface AssetFeatureCollection {
  type: 'FeatureCollection';
  features: AssetFeature[];
  /** The cursor of the next page; null on the last one. */
  next: string | null;
}

/** The GeoJSON Feature of one kind as the API answers it (redacted to the viewer's tier). */
export function assetFeature(definition: ResourceDefinition): z.ZodType<AssetFeature> {
  return z.object({
    type: z.literal('Feature'),
    id: z.string(),
    geometry: GEOMETRY_OUTPUT[definition.geometryType] as z.ZodType<AssetGeometry>,
    properties: answeredProperties(definition) as z.ZodType<Record<string, unknown>>,
  });
}

/** A page of one kind's features; `next` is the cursor of the following page. */
export function assetFeatureCollection(definition: ResourceDefinition): z.ZodType<AssetFeatureCollection> {
  return z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(assetFeature(definition)),
    next: z.string().nullable().meta({ description: 'Cursor of the next page; null on the last page' }),
  });
}

/**
 * The query of a collection: documented here, read by the handler (which reports unknown
 * parameters, and filters on fields the viewer may not see, with the rest).
 */
function listQueryOf(definition: ResourceDefinition) {
  const text = (description: string) => z.string().optional().meta({ description });
  return z.object({
    bbox: text('minLng,minLat,maxLng,maxLat (WGS 84)'),
    limit: text('Page size: 1 to 10000 (default 1000)'),
    cursor: text('The `next` of the previous page'),
    ...Object.fromEntries(definition.filters.map((f) => [f, text(`Comma-separated values of ${f}`)])),
  });
}

/** The name of a resource's schemas in the OpenAPI document: `trenches-tunnels` → `TrenchesTunnels`. */
export const resourceSchemaName = (path: string) =>
  path.replace(/(^|-)([a-z])/g, (_, __, ch: string) => ch.toUpperCase());

/** Ids as the API has always taken them: any 8-4-4-4-12 hexadecimal id. */
const byId = z.object({ id: z.guid() });
const notFound = { description: 'Not found' };
const conflict = { description: 'Stale If-Match: the current record in `current`' };

/** The read routes of a kind (every kind, and the streets). */
export function assetReadEndpoints(definition: ResourceDefinition) {
  const base = `/api/v1/${definition.path}`;
  const feature = assetFeature(definition);
  return {
    list: endpoint({
      method: 'GET',
      path: base,
      tag: definition.path,
      summary: `${definition.labels.en}: a page, in a bbox and by filters (fields the viewer may see)`,
      query: listQueryOf(definition),
      responses: {
        200: { description: 'The features, by id', schema: assetFeatureCollection(definition) },
      },
    }),
    get: endpoint({
      method: 'GET',
      path: `${base}/:id`,
      tag: definition.path,
      summary: `One of the ${definition.labels.en.toLowerCase()} (ETag: its version)`,
      params: byId,
      responses: { 200: { description: 'The feature', schema: feature }, 404: notFound },
    }),
  };
}

/** The routes of one asset kind: reads, history, and the audited writes. */
export function assetEndpoints(definition: ResourceDefinition) {
  const base = `/api/v1/${definition.path}`;
  const feature = assetFeature(definition);
  const tag = definition.path;
  return {
    ...assetReadEndpoints(definition),
    history: endpoint({
      method: 'GET',
      path: `${base}/:id/history`,
      tag,
      summary: 'Its versions, newest first (redacted like the record; also of a deleted one)',
      params: byId,
      responses: { 200: { description: 'The history', schema: recordHistory }, 404: notFound },
    }),
    create: endpoint({
      method: 'POST',
      path: base,
      tag,
      summary: `Add one: a GeoJSON Feature with a ${definition.geometryType}, checked by its handler`,
      checkedBody: `${resourceSchemaName(definition.path)}Feature`,
      responses: {
        201: { description: 'The feature (ETag: its version; Location)', schema: feature },
      },
    }),
    update: endpoint({
      method: 'PATCH',
      path: `${base}/:id`,
      tag,
      summary:
        'Change one under If-Match. Body: `geometry` and/or some `properties`, merged into the record and checked whole',
      params: byId,
      checkedBody: `${resourceSchemaName(definition.path)}PatchRequest`,
      ifMatch: 'required',
      responses: {
        200: { description: 'The feature (ETag: its version)', schema: feature },
        404: notFound,
        409: conflict,
      },
    }),
    restore: endpoint({
      method: 'POST',
      path: `${base}/:id/restore`,
      tag,
      summary:
        'Bring back an earlier version (also of a deleted record) as a new write; If-Match unless deleted',
      params: byId,
      body: restoreRequest,
      responses: {
        200: { description: 'The feature (ETag: its version)', schema: feature },
        404: notFound,
        409: conflict,
      },
    }),
    remove: endpoint({
      method: 'DELETE',
      path: `${base}/:id`,
      tag,
      summary: 'Delete one (If-Match optional; kept in its history)',
      params: byId,
      ifMatch: 'optional',
      responses: { 204: { description: 'Deleted' }, 404: notFound, 409: conflict },
    }),
  };
}
export type AssetEndpoints = ReturnType<typeof assetEndpoints>;

/** Every asset kind's routes, by kind. */
export const ASSET_ENDPOINTS = Object.fromEntries(
  assetResources.map((definition) => [definition.path, assetEndpoints(definition)]),
) as Record<AssetPath, AssetEndpoints>;

/** The streets: read only. */
export const streetEndpoints = assetReadEndpoints(streets);
export type AssetReadEndpoints = typeof streetEndpoints;
