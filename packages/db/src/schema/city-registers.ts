/**
 * The registers plan 317 asks the city to manage (migrations/0023): data centres, devices on shared
 * poles and street furniture, and in-building telecom systems. Each is an asset kind like a tower.
 */

import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  foreignKey,
  integer,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { poles } from './assets.js';
import { geometryPoint, timestamptz } from './columns.js';
import { organisations } from './context.js';

/** The columns every asset kind has around its own: identity, owner, status, geometry, version. */
const assetColumns = {
  id: uuid().primaryKey().notNull(),
  code: text().notNull(),
  ownerOrgId: uuid('owner_org_id').notNull(),
  status: text().notNull(),
  geom: geometryPoint().notNull(),
  version: integer().default(1).notNull(),
  createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
  updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
  createdBy: text('created_by'),
  updatedBy: text('updated_by'),
};

export const dataCentres = pgTable(
  'data_centres',
  {
    ...assetColumns,
    name: text().notNull(),
    tier: text(),
    greenCertification: text('green_certification').notNull(),
    /** Design IT power, megawatts. */
    powerMw: doublePrecision('power_mw').notNull(),
    pue: doublePrecision(),
  },
  (table) => [
    foreignKey({
      columns: [table.ownerOrgId],
      foreignColumns: [organisations.id],
      name: 'data_centres_owner_org_id_fkey',
    }),
    unique('data_centres_owner_org_id_code_key').on(table.code, table.ownerOrgId),
  ],
);

export const streetDevices = pgTable(
  'street_devices',
  {
    ...assetColumns,
    deviceType: text('device_type').notNull(),
    poleId: uuid('pole_id'),
    /** Metres above ground. */
    mountHeightM: doublePrecision('mount_height_m'),
    /** Metres along the street a camera sees usefully. */
    viewRangeM: doublePrecision('view_range_m'),
  },
  (table) => [
    foreignKey({
      columns: [table.ownerOrgId],
      foreignColumns: [organisations.id],
      name: 'street_devices_owner_org_id_fkey',
    }),
    foreignKey({
      columns: [table.poleId],
      foreignColumns: [poles.id],
      name: 'street_devices_pole_id_fkey',
    }).onDelete('set null'),
    unique('street_devices_owner_org_id_code_key').on(table.code, table.ownerOrgId),
  ],
);

export const inBuildingSystems = pgTable(
  'in_building_systems',
  {
    ...assetColumns,
    buildingName: text('building_name').notNull(),
    buildingType: text('building_type').notNull(),
    floors: integer().notNull(),
    sharedSystem: boolean('shared_system').notNull(),
    fibreRiser: boolean('fibre_riser').notNull(),
    operatorsServed: uuid('operators_served').array().default(sql`'{}'`).notNull(),
    complianceStatus: text('compliance_status').notNull(),
  },
  (table) => [
    foreignKey({
      columns: [table.ownerOrgId],
      foreignColumns: [organisations.id],
      name: 'in_building_systems_owner_org_id_fkey',
    }),
    unique('in_building_systems_owner_org_id_code_key').on(table.code, table.ownerOrgId),
  ],
);
