/** Organisations and the city context: administrative units, population cells, streets (migrations/0001). The SQL migrations define the schema; this describes it (schema-drift.test.ts). */

import { PLAN_AGENCIES } from '@hatang/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  doublePrecision,
  foreignKey,
  integer,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { geometryLineString, geometryMultiPolygon, geometryPoint, timestamptz } from './columns.js';

export const organisations = pgTable(
  'organisations',
  {
    id: uuid().primaryKey().notNull(),
    code: text().notNull(),
    name: text().notNull(),
    kind: text({
      enum: [
        'city_department',
        'operator',
        'tower_company',
        'construction_department',
        'commune',
        'other_sector',
        'public',
      ],
    }).notNull(),
    adminUnitCode: text('admin_unit_code'),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    /** Which of plan 317's agencies it is (migrations/0021); NULL: derived from `kind`. */
    planAgency: text('plan_agency', { enum: PLAN_AGENCIES }),
  },
  (table) => [
    foreignKey({
      columns: [table.adminUnitCode],
      foreignColumns: [adminUnits.code],
      name: 'organisations_admin_unit_fk',
    }),
    unique('organisations_code_key').on(table.code),
  ],
);

export const adminUnits = pgTable('admin_units', {
  code: text().primaryKey().notNull(),
  name: text().notNull(),
  unitType: text('unit_type', { enum: ['ward', 'commune', 'special_zone'] }).notNull(),
  formerDistrict: text('former_district').notNull(),
  areaKm2: doublePrecision('area_km2').notNull(),
  population: integer().notNull(),
  labelPoint: geometryPoint('label_point').notNull(),
  geom: geometryMultiPolygon().notNull(),
});

export const populationCells = pgTable(
  'population_cells',
  {
    id: bigint({ mode: 'number' }).primaryKey().notNull(),
    adminUnitCode: text('admin_unit_code').notNull(),
    population: integer().notNull(),
    cellSizeM: doublePrecision('cell_size_m').default(100).notNull(),
    geom: geometryPoint().notNull(),
  },
  (table) => [
    foreignKey({
      columns: [table.adminUnitCode],
      foreignColumns: [adminUnits.code],
      name: 'population_cells_admin_unit_code_fkey',
    }),
  ],
);

export const streets = pgTable('streets', {
  id: uuid().primaryKey().notNull(),
  name: text(),
  streetClass: text('street_class').notNull(),
  geom: geometryLineString().notNull(),
});
