import { z } from 'zod';
import { defineResource } from './resource.js';

export const adminUnitType = z.enum(['ward', 'commune', 'special_zone']);

/** A commune-level unit (xã / phường / đặc khu) as the API returns it. */
export interface AdminUnitProperties {
  /** Official 5-digit code (mã ĐVHC). */
  code: string;
  name: string;
  unitType: z.infer<typeof adminUnitType>;
  formerDistrict: string;
  areaKm2: number;
  /** Published population of the unit. */
  population: number;
}

export const organisationKind = z.enum([
  'city_department',
  'operator',
  'tower_company',
  'construction_department',
  'commune',
  'other_sector',
  'public',
]);

export interface Organisation {
  id: string;
  code: string;
  name: string;
  kind: z.infer<typeof organisationKind>;
  adminUnitCode: string | null;
}

export const streetClass = z.enum(['primary', 'secondary', 'local']);

export interface PopulationSummary {
  bbox: [number, number, number, number];
  /** People in the 100 m cells whose centre lies in the bbox. */
  populationCount: number;
  cellCount: number;
}

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
