/**
 * Request schemas of the plan routes, generated from the plan contracts (packages/contracts
 * plans.ts) that the routes validate with: plans, versions, items (one Feature schema per item
 * kind: its geometry type and its attributes) and zones.
 */
import {
  PLAN_ITEM_ATTRIBUTES,
  PLAN_ITEM_GEOMETRY,
  type PlanItemKind,
  planCreate,
  planItemProperties,
  planVersionCreate,
  planVersionPatch,
  planZoneProperties,
} from '@hatang/contracts';
import { z } from 'zod';
import type { JsonSchema } from './openapi-schemas.js';

type Convert = (schema: z.ZodType) => JsonSchema;

const pascal = (snake: string) => snake.replace(/(^|_)([a-z])/g, (_, __, ch: string) => ch.toUpperCase());
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const KINDS = Object.keys(PLAN_ITEM_GEOMETRY) as PlanItemKind[];

/** A partial update: every key optional and no defaults (an absent key keeps the stored value). */
function patchOf(convert: Convert, shape: z.ZodRawShape): JsonSchema {
  const unwrapped = Object.fromEntries(
    Object.entries(shape).map(([key, schema]) => [
      key,
      (schema instanceof z.ZodDefault ? schema.unwrap() : schema) as z.ZodType,
    ]),
  );
  return convert(z.strictObject(unwrapped).partial());
}

const feature = (geometry: JsonSchema, properties: JsonSchema, description: string): JsonSchema => ({
  type: 'object',
  description,
  required: ['type', 'geometry', 'properties'],
  properties: { type: { const: 'Feature' }, geometry, properties },
});

/** The plan components; `geometry(type)` is the document's GeoJSON geometry schema. */
export function planComponents(
  convert: Convert,
  geometry: (type: 'Point' | 'LineString' | 'Polygon') => JsonSchema,
) {
  const components: Record<string, JsonSchema> = {
    PlanCreateRequest: convert(planCreate),
    PlanVersionCreateRequest: convert(planVersionCreate),
    PlanVersionPatchRequest: convert(planVersionPatch),
    PlanPointGeometry: geometry('Point'),
    PlanLineStringGeometry: geometry('LineString'),
    PlanPolygonGeometry: geometry('Polygon'),
  };
  const itemProperties = convert(planItemProperties);
  components.PlanItemProperties = {
    ...itemProperties,
    description:
      'A plan item. `attributes` depend on `kind` (PlanItemAttributes<Kind>); the geometry type too (Point, LineString or Polygon).',
  };
  for (const kind of KINDS) {
    const name = pascal(kind);
    components[`PlanItemAttributes${name}`] = convert(PLAN_ITEM_ATTRIBUTES[kind]);
    components[`PlanItem${name}Feature`] = feature(
      ref(`Plan${PLAN_ITEM_GEOMETRY[kind]}Geometry`),
      {
        allOf: [
          ref('PlanItemProperties'),
          {
            type: 'object',
            required: ['kind'],
            properties: { kind: { const: kind }, attributes: ref(`PlanItemAttributes${name}`) },
          },
        ],
      },
      `A ${kind.replaceAll('_', ' ')} item: a ${PLAN_ITEM_GEOMETRY[kind]}`,
    );
  }
  components.PlanItemFeature = {
    description: 'A new plan item (GeoJSON Feature, [lng, lat] WGS 84): one of the kinds',
    oneOf: KINDS.map((kind) => ref(`PlanItem${pascal(kind)}Feature`)),
  };
  components.PlanItemPatchRequest = {
    type: 'object',
    description: 'Geometry and/or some properties; the result is checked whole, as on create',
    properties: {
      geometry: { oneOf: ['Point', 'LineString', 'Polygon'].map((t) => ref(`Plan${t}Geometry`)) },
      properties: patchOf(convert, planItemProperties.shape),
    },
    additionalProperties: false,
  };
  components.PlanZoneProperties = convert(planZoneProperties);
  components.PlanZoneFeature = feature(
    ref('PlanPolygonGeometry'),
    ref('PlanZoneProperties'),
    'A zone (GeoJSON Feature with a Polygon, [lng, lat] WGS 84); planVersionId null = a global zone',
  );
  components.PlanZonePatchRequest = {
    type: 'object',
    description: 'Geometry and/or some properties (planVersionId cannot change)',
    properties: {
      geometry: ref('PlanPolygonGeometry'),
      properties: patchOf(convert, planZoneProperties.shape),
    },
    additionalProperties: false,
  };
  return components;
}
