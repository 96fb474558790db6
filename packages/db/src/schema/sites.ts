/** Site offers and key sites (migrations/0007). The SQL migrations define the schema; this describes it (schema-drift.test.ts). */

import { sql } from 'drizzle-orm';
import { doublePrecision, foreignKey, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { calendarDate, geometryGeometry, timestamptz } from './columns.js';
import { adminUnits, organisations } from './context.js';

export const siteOffers = pgTable(
  'site_offers',
  {
    id: uuid().primaryKey().notNull(),
    offeringOrgId: uuid('offering_org_id').notNull(),
    adminUnitCode: text('admin_unit_code'),
    name: text().notNull(),
    offerKind: text('offer_kind').notNull(),
    purpose: text().notNull(),
    areaM2: doublePrecision('area_m2').notNull(),
    maxStructureHeightM: doublePrecision('max_structure_height_m'),
    buildingHeightM: doublePrecision('building_height_m'),
    conditions: text(),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    availableFrom: calendarDate('available_from'),
    availableUntil: calendarDate('available_until'),
    status: text().default('published').notNull(),
    geom: geometryGeometry().notNull(),
    version: integer().default(1).notNull(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
    createdBy: uuid('created_by'),
    updatedBy: uuid('updated_by'),
  },
  (table) => [
    foreignKey({
      columns: [table.offeringOrgId],
      foreignColumns: [organisations.id],
      name: 'site_offers_offering_org_id_fkey',
    }),
    foreignKey({
      columns: [table.adminUnitCode],
      foreignColumns: [adminUnits.code],
      name: 'site_offers_admin_unit_code_fkey',
    }).onUpdate('cascade'),
  ],
);

export const keySites = pgTable(
  'key_sites',
  {
    id: uuid().primaryKey().notNull(),
    category: text().notNull(),
    name: text().notNull(),
    adminUnitCode: text('admin_unit_code'),
    source: text(),
    geom: geometryGeometry().notNull(),
    version: integer().default(1).notNull(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
    createdBy: uuid('created_by'),
    updatedBy: uuid('updated_by'),
  },
  (table) => [
    foreignKey({
      columns: [table.adminUnitCode],
      foreignColumns: [adminUnits.code],
      name: 'key_sites_admin_unit_code_fkey',
    }).onUpdate('cascade'),
  ],
);
