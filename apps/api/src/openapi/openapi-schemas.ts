import {
  assetResources,
  errorResponse,
  type GeometryType,
  geometryOf,
  type ResourceDefinition,
  resourceSchemaName,
  restoreRequest,
  streets,
} from '@hatang/contracts';
import { z } from 'zod';
import { planComponents } from './plan-schemas.js';

export type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of a zod contract, as the client must send it. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

const position = {
  type: 'array',
  items: { type: 'number' },
  minItems: 2,
  maxItems: 3,
  description: '[lng, lat] WGS 84',
};
const COORDINATES: Record<GeometryType, JsonSchema> = {
  Point: position,
  LineString: { type: 'array', items: position, minItems: 2 },
  Polygon: { type: 'array', items: { type: 'array', items: position, minItems: 4 } },
  MultiPolygon: {
    type: 'array',
    items: { type: 'array', items: { type: 'array', items: position, minItems: 4 } },
  },
};

function geometrySchema(type: GeometryType): JsonSchema {
  const base = jsonSchema(geometryOf(type));
  const properties = (base.properties ?? {}) as JsonSchema;
  return {
    ...base,
    properties: { ...properties, coordinates: COORDINATES[type] },
    required: ['type', 'coordinates'],
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Components for one spatial resource: its properties, geometry, Feature and FeatureCollection. */
function resourceComponents(definition: ResourceDefinition): Record<string, JsonSchema> {
  const name = resourceSchemaName(definition.path);
  const readOnly = {
    id: { type: 'string', format: 'uuid', readOnly: true },
    version: { type: 'integer', readOnly: true, description: 'Send as If-Match when editing' },
    createdAt: { type: 'string', format: 'date-time', readOnly: true },
    updatedAt: { type: 'string', format: 'date-time', readOnly: true },
  };
  const writable = jsonSchema(z.object(definition.shape));
  return {
    [`${name}Properties`]: {
      ...writable,
      description: `${definition.labels.en} (${definition.labels.vi}). Fields above the viewer's confidentiality tier are left out of responses.`,
      properties: { ...(writable.properties as JsonSchema), ...readOnly },
    },
    [`${name}Geometry`]: geometrySchema(definition.geometryType),
    [`${name}Feature`]: {
      type: 'object',
      required: ['type', 'geometry', 'properties'],
      properties: {
        type: { const: 'Feature' },
        id: { type: 'string' },
        geometry: ref(`${name}Geometry`),
        properties: ref(`${name}Properties`),
      },
    },
    [`${name}PatchRequest`]: {
      type: 'object',
      description: 'Some of the feature: its geometry and/or some properties, merged into the record',
      properties: {
        geometry: ref(`${name}Geometry`),
        properties: { type: 'object', description: `Some of ${name}Properties` },
      },
    },
    [`${name}FeatureCollection`]: {
      type: 'object',
      required: ['type', 'features', 'next'],
      properties: {
        type: { const: 'FeatureCollection' },
        features: { type: 'array', items: ref(`${name}Feature`) },
        next: { type: ['string', 'null'], description: 'Cursor of the next page; null on the last page' },
      },
    },
  };
}

/** Every named schema of the document. */
export function components(): Record<string, JsonSchema> {
  return {
    ...Object.assign({}, ...[...assetResources, streets].map(resourceComponents)),
    ErrorResponse: jsonSchema(errorResponse),
    RestoreRequest: jsonSchema(restoreRequest),
    ...planComponents(jsonSchema, geometrySchema),
    AnyObject: { type: 'object', additionalProperties: true },
    FeatureCollection: {
      type: 'object',
      required: ['type', 'features'],
      properties: {
        type: { const: 'FeatureCollection' },
        features: { type: 'array', items: { type: 'object' } },
      },
      additionalProperties: true,
    },
  };
}

export { ref };
