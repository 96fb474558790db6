/** The passive infrastructure assets and tower tenancies (migrations/0001). The SQL migrations define the schema; this describes it (schema-drift.test.ts). */

import { sql } from 'drizzle-orm';
import { doublePrecision, foreignKey, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { calendarDate, geometryLineString, geometryPoint, timestamptz } from './columns.js';
import { adminUnits, organisations } from './context.js';

export const towers = pgTable(
  'towers',
  {
    id: uuid().primaryKey().notNull(),
    code: text().notNull(),
    ownerOrgId: uuid('owner_org_id').notNull(),
    status: text().notNull(),
    towerClass: text('tower_class').notNull(),
    structure: text().notNull(),
    placement: text().notNull(),
    heightM: doublePrecision('height_m').notNull(),
    buildingHeightM: doublePrecision('building_height_m'),
    groundElevationM: doublePrecision('ground_elevation_m'),
    antennaSlotsTotal: integer('antenna_slots_total').notNull(),
    tenantsMax: integer('tenants_max').notNull(),
    powerBackupHours: doublePrecision('power_backup_hours'),
    adminUnitCode: text('admin_unit_code'),
    geom: geometryPoint().notNull(),
    version: integer().default(1).notNull(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
    createdBy: text('created_by'),
    updatedBy: text('updated_by'),
  },
  (table) => [
    foreignKey({
      columns: [table.ownerOrgId],
      foreignColumns: [organisations.id],
      name: 'towers_owner_org_id_fkey',
    }),
    foreignKey({
      columns: [table.adminUnitCode],
      foreignColumns: [adminUnits.code],
      name: 'towers_admin_unit_code_fkey',
    }),
    unique('towers_owner_org_id_code_key').on(table.code, table.ownerOrgId),
  ],
);

export const tenancies = pgTable(
  'tenancies',
  {
    id: uuid().primaryKey().notNull(),
    towerId: uuid('tower_id').notNull(),
    operatorOrgId: uuid('operator_org_id').notNull(),
    technologies: text().array().notNull(),
    antennaCount: integer('antenna_count').notNull(),
    mountHeightM: doublePrecision('mount_height_m').notNull(),
    since: calendarDate().notNull(),
  },
  (table) => [
    foreignKey({
      columns: [table.towerId],
      foreignColumns: [towers.id],
      name: 'tenancies_tower_id_fkey',
    }).onDelete('cascade'),
    foreignKey({
      columns: [table.operatorOrgId],
      foreignColumns: [organisations.id],
      name: 'tenancies_operator_org_id_fkey',
    }),
    unique('tenancies_tower_id_operator_org_id_key').on(table.towerId, table.operatorOrgId),
  ],
);

export const poles = pgTable(
  'poles',
  {
    id: uuid().primaryKey().notNull(),
    code: text().notNull(),
    ownerOrgId: uuid('owner_org_id').notNull(),
    status: text().notNull(),
    material: text().notNull(),
    ownerSector: text('owner_sector').notNull(),
    heightM: doublePrecision('height_m').notNull(),
    attachmentsUsed: integer('attachments_used').notNull(),
    attachmentsMax: integer('attachments_max').notNull(),
    geom: geometryPoint().notNull(),
    version: integer().default(1).notNull(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
    createdBy: text('created_by'),
    updatedBy: text('updated_by'),
  },
  (table) => [
    foreignKey({
      columns: [table.ownerOrgId],
      foreignColumns: [organisations.id],
      name: 'poles_owner_org_id_fkey',
    }),
    unique('poles_owner_org_id_code_key').on(table.code, table.ownerOrgId),
  ],
);

export const manholes = pgTable(
  'manholes',
  {
    id: uuid().primaryKey().notNull(),
    code: text().notNull(),
    ownerOrgId: uuid('owner_org_id').notNull(),
    status: text().notNull(),
    manholeType: text('manhole_type').notNull(),
    covers: integer().notNull(),
    depthM: doublePrecision('depth_m').notNull(),
    geom: geometryPoint().notNull(),
    version: integer().default(1).notNull(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
    createdBy: text('created_by'),
    updatedBy: text('updated_by'),
  },
  (table) => [
    foreignKey({
      columns: [table.ownerOrgId],
      foreignColumns: [organisations.id],
      name: 'manholes_owner_org_id_fkey',
    }),
    unique('manholes_owner_org_id_code_key').on(table.code, table.ownerOrgId),
  ],
);

export const ducts = pgTable(
  'ducts',
  {
    id: uuid().primaryKey().notNull(),
    code: text().notNull(),
    ownerOrgId: uuid('owner_org_id').notNull(),
    status: text().notNull(),
    tubesTotal: integer('tubes_total').notNull(),
    tubesUsed: integer('tubes_used').notNull(),
    diameterMm: doublePrecision('diameter_mm').notNull(),
    depthM: doublePrecision('depth_m').notNull(),
    fromManholeId: uuid('from_manhole_id'),
    toManholeId: uuid('to_manhole_id'),
    geom: geometryLineString().notNull(),
    version: integer().default(1).notNull(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
    createdBy: text('created_by'),
    updatedBy: text('updated_by'),
  },
  (table) => [
    foreignKey({
      columns: [table.ownerOrgId],
      foreignColumns: [organisations.id],
      name: 'ducts_owner_org_id_fkey',
    }),
    foreignKey({
      columns: [table.fromManholeId],
      foreignColumns: [manholes.id],
      name: 'ducts_from_manhole_id_fkey',
    }).onDelete('set null'),
    foreignKey({
      columns: [table.toManholeId],
      foreignColumns: [manholes.id],
      name: 'ducts_to_manhole_id_fkey',
    }).onDelete('set null'),
    unique('ducts_owner_org_id_code_key').on(table.code, table.ownerOrgId),
  ],
);

export const trenchesTunnels = pgTable(
  'trenches_tunnels',
  {
    id: uuid().primaryKey().notNull(),
    code: text().notNull(),
    ownerOrgId: uuid('owner_org_id').notNull(),
    status: text().notNull(),
    kind: text().notNull(),
    widthM: doublePrecision('width_m').notNull(),
    depthM: doublePrecision('depth_m').notNull(),
    sharedWith: text('shared_with').array().default(['']).notNull(),
    geom: geometryLineString().notNull(),
    version: integer().default(1).notNull(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
    createdBy: text('created_by'),
    updatedBy: text('updated_by'),
  },
  (table) => [
    foreignKey({
      columns: [table.ownerOrgId],
      foreignColumns: [organisations.id],
      name: 'trenches_tunnels_owner_org_id_fkey',
    }),
    unique('trenches_tunnels_owner_org_id_code_key').on(table.code, table.ownerOrgId),
  ],
);

export const cableRoutes = pgTable(
  'cable_routes',
  {
    id: uuid().primaryKey().notNull(),
    code: text().notNull(),
    ownerOrgId: uuid('owner_org_id').notNull(),
    status: text().notNull(),
    cableType: text('cable_type').notNull(),
    coreCount: integer('core_count').notNull(),
    placement: text().notNull(),
    geom: geometryLineString().notNull(),
    version: integer().default(1).notNull(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
    createdBy: text('created_by'),
    updatedBy: text('updated_by'),
  },
  (table) => [
    foreignKey({
      columns: [table.ownerOrgId],
      foreignColumns: [organisations.id],
      name: 'cable_routes_owner_org_id_fkey',
    }),
    unique('cable_routes_owner_org_id_code_key').on(table.code, table.ownerOrgId),
  ],
);

export const landingStations = pgTable(
  'landing_stations',
  {
    id: uuid().primaryKey().notNull(),
    code: text().notNull(),
    ownerOrgId: uuid('owner_org_id').notNull(),
    status: text().notNull(),
    name: text().notNull(),
    protectionRadiusM: doublePrecision('protection_radius_m').notNull(),
    geom: geometryPoint().notNull(),
    version: integer().default(1).notNull(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
    createdBy: text('created_by'),
    updatedBy: text('updated_by'),
  },
  (table) => [
    foreignKey({
      columns: [table.ownerOrgId],
      foreignColumns: [organisations.id],
      name: 'landing_stations_owner_org_id_fkey',
    }),
    unique('landing_stations_owner_org_id_code_key').on(table.code, table.ownerOrgId),
  ],
);

export const submarineCables = pgTable(
  'submarine_cables',
  {
    id: uuid().primaryKey().notNull(),
    code: text().notNull(),
    ownerOrgId: uuid('owner_org_id').notNull(),
    status: text().notNull(),
    name: text().notNull(),
    fiberPairs: integer('fiber_pairs').notNull(),
    corridorWidthM: doublePrecision('corridor_width_m').notNull(),
    landingStationId: uuid('landing_station_id'),
    geom: geometryLineString().notNull(),
    version: integer().default(1).notNull(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
    createdBy: text('created_by'),
    updatedBy: text('updated_by'),
  },
  (table) => [
    foreignKey({
      columns: [table.ownerOrgId],
      foreignColumns: [organisations.id],
      name: 'submarine_cables_owner_org_id_fkey',
    }),
    foreignKey({
      columns: [table.landingStationId],
      foreignColumns: [landingStations.id],
      name: 'submarine_cables_landing_station_id_fkey',
    }).onDelete('set null'),
    unique('submarine_cables_owner_org_id_code_key').on(table.code, table.ownerOrgId),
  ],
);

export const wifiPoints = pgTable(
  'wifi_points',
  {
    id: uuid().primaryKey().notNull(),
    code: text().notNull(),
    ownerOrgId: uuid('owner_org_id').notNull(),
    status: text().notNull(),
    name: text().notNull(),
    siteType: text('site_type').notNull(),
    bandwidthMbps: doublePrecision('bandwidth_mbps').notNull(),
    adminUnitCode: text('admin_unit_code'),
    geom: geometryPoint().notNull(),
    version: integer().default(1).notNull(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
    createdBy: text('created_by'),
    updatedBy: text('updated_by'),
  },
  (table) => [
    foreignKey({
      columns: [table.ownerOrgId],
      foreignColumns: [organisations.id],
      name: 'wifi_points_owner_org_id_fkey',
    }),
    foreignKey({
      columns: [table.adminUnitCode],
      foreignColumns: [adminUnits.code],
      name: 'wifi_points_admin_unit_code_fkey',
    }),
    unique('wifi_points_owner_org_id_code_key').on(table.code, table.ownerOrgId),
  ],
);

export const civilWorks = pgTable(
  'civil_works',
  {
    id: uuid().primaryKey().notNull(),
    code: text().notNull(),
    ownerOrgId: uuid('owner_org_id').notNull(),
    status: text().notNull(),
    name: text().notNull(),
    sector: text().notNull(),
    startsOn: calendarDate('starts_on').notNull(),
    endsOn: calendarDate('ends_on').notNull(),
    geom: geometryLineString().notNull(),
    version: integer().default(1).notNull(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
    createdBy: text('created_by'),
    updatedBy: text('updated_by'),
  },
  (table) => [
    foreignKey({
      columns: [table.ownerOrgId],
      foreignColumns: [organisations.id],
      name: 'civil_works_owner_org_id_fkey',
    }),
    unique('civil_works_owner_org_id_code_key').on(table.code, table.ownerOrgId),
  ],
);
