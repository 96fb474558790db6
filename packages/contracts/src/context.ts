import { z } from 'zod';
import { planAgency } from './plan-tasks.js';
import { defineResource } from './resource.js';

export const adminUnitType = z.enum(['ward', 'commune', 'special_zone']);

/** `[lng, lat]`, degrees. */
const position = z.array(z.number()).length(2);
/** Geometries as the API answers them (`[lng, lat]`, WGS 84); what it accepts is in geometry.ts. */
export const pointOutput = z.object({ type: z.literal('Point'), coordinates: position });
export const multiPolygonOutput = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(z.array(position))),
});

/** A commune-level unit (xã / phường / đặc khu) as the API returns it. */
export const adminUnitProperties = z.object({
  /** Official 5-digit code (mã ĐVHC). */
  code: z.string().regex(/^\d{5}$/),
  name: z.string(),
  unitType: adminUnitType,
  /** The district it belonged to before the 2025 merger. */
  formerDistrict: z.string(),
  areaKm2: z.number(),
  /** Published population of the unit. */
  population: z.number().int(),
  /** Where its name is drawn. */
  labelPoint: pointOutput,
});
export type AdminUnitProperties = z.infer<typeof adminUnitProperties>;

export const adminUnitFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: multiPolygonOutput,
  properties: adminUnitProperties,
});
export const adminUnitCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(adminUnitFeature),
  next: z.null(),
});
export type AdminUnitCollection = z.infer<typeof adminUnitCollection>;
/** One unit with the population of its 100 m grid cells, people. */
export const adminUnitDetail = adminUnitFeature.extend({
  properties: adminUnitProperties.extend({ gridPopulation: z.number().int() }),
});

export const organisationKind = z.enum([
  'city_department',
  'operator',
  'tower_company',
  'construction_department',
  'commune',
  'other_sector',
  'public',
]);

/** An organisation as the API returns it. */
export const organisation = z.object({
  id: z.uuid(),
  /** Short unique code (e.g. `VNPT-HP`). */
  code: z.string(),
  name: z.string(),
  kind: organisationKind,
  /** The commune or ward a commune organisation answers for. */
  adminUnitCode: z.string().nullable(),
  /**
   * Which of plan 317's agencies it is when its kind does not say (the Department of Science and
   * Technology is a city department); the task register derives the rest from the kind.
   */
  planAgency: planAgency.nullable().optional(),
});
export type Organisation = z.infer<typeof organisation>;

export const streetClass = z.enum(['primary', 'secondary', 'local']);

export const populationSummary = z.object({
  /** West, south, east, north in degrees (WGS 84). */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  /** People in the 100 m cells whose centre lies in the bbox. */
  populationCount: z.number().int(),
  cellCount: z.number().int(),
});
export type PopulationSummary = z.infer<typeof populationSummary>;

export interface Health {
  status: 'ok';
  /**
   * `busy`: the database did not answer a ping within the health check's budget (a long import
   * commit or export holds it); the API itself is answering.
   */
  database: { kind: 'pglite' | 'postgres'; postgis: string; busy?: boolean };
}

/** Street centrelines: what poles, ducts and new trenches follow (read-only context). */
export const streets = defineResource({
  path: 'streets',
  table: 'streets',
  geometryType: 'LineString',
  labels: { vi: 'Đường phố', en: 'Streets' },
  shape: {
    name: z.string().nullable(),
    streetClass,
  },
  filters: ['streetClass'],
});
