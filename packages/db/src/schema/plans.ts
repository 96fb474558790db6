/** The infrastructure plan: versions, items, zones; the undergrounding campaign (migrations/0006, 0016). The SQL migrations define the schema; this describes it (schema-drift.test.ts). */

import { sql } from 'drizzle-orm';
import {
  doublePrecision,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { cableRoutes } from './assets.js';
import { geometryGeometry, geometryLineString, geometryPolygon, timestamptz } from './columns.js';
import { organisations } from './context.js';

export const plans = pgTable('plans', {
  id: uuid().primaryKey().notNull(),
  name: text().notNull(),
  horizonYear: integer('horizon_year').notNull(),
  visionYear: integer('vision_year').notNull(),
  description: text(),
  createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
  createdBy: uuid('created_by'),
});

export const planVersions = pgTable(
  'plan_versions',
  {
    id: uuid().primaryKey().notNull(),
    planId: uuid('plan_id').notNull(),
    kind: text().notNull(),
    name: text().notNull(),
    notes: text(),
    parentVersionId: uuid('parent_version_id'),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    createdBy: uuid('created_by'),
    approvedAt: timestamptz('approved_at'),
    approvedBy: uuid('approved_by'),
    supersededAt: timestamptz('superseded_at'),
    version: integer().default(1).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
  },
  (table) => [
    foreignKey({
      columns: [table.planId],
      foreignColumns: [plans.id],
      name: 'plan_versions_plan_id_fkey',
    }).onDelete('cascade'),
    foreignKey({
      columns: [table.parentVersionId],
      foreignColumns: [table.id],
      name: 'plan_versions_parent_version_id_fkey',
    }).onDelete('set null'),
  ],
);

export const planItems = pgTable(
  'plan_items',
  {
    id: uuid().primaryKey().notNull(),
    planVersionId: uuid('plan_version_id').notNull(),
    originId: uuid('origin_id').notNull(),
    kind: text().notNull(),
    name: text(),
    phase: text(),
    status: text().notNull(),
    responsibleOrgId: uuid('responsible_org_id'),
    notes: text(),
    attributes: jsonb().default({}).notNull(),
    sourceTable: text('source_table'),
    sourceId: uuid('source_id'),
    checkResults: jsonb('check_results').default([]).notNull(),
    geom: geometryGeometry().notNull(),
    version: integer().default(1).notNull(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
    createdBy: uuid('created_by'),
    updatedBy: uuid('updated_by'),
  },
  (table) => [
    foreignKey({
      columns: [table.planVersionId],
      foreignColumns: [planVersions.id],
      name: 'plan_items_plan_version_id_fkey',
    }).onDelete('cascade'),
    foreignKey({
      columns: [table.responsibleOrgId],
      foreignColumns: [organisations.id],
      name: 'plan_items_responsible_org_id_fkey',
    }),
    unique('plan_items_plan_version_id_origin_id_key').on(table.planVersionId, table.originId),
  ],
);

export const planZones = pgTable(
  'plan_zones',
  {
    id: uuid().primaryKey().notNull(),
    planVersionId: uuid('plan_version_id'),
    kind: text().notNull(),
    name: text().notNull(),
    rules: jsonb().default({}).notNull(),
    notes: text(),
    geom: geometryPolygon().notNull(),
    version: integer().default(1).notNull(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
    createdBy: uuid('created_by'),
    updatedBy: uuid('updated_by'),
  },
  (table) => [
    foreignKey({
      columns: [table.planVersionId],
      foreignColumns: [planVersions.id],
      name: 'plan_zones_plan_version_id_fkey',
    }).onDelete('cascade'),
  ],
);

export const undergroundingCampaignSegments = pgTable(
  'undergrounding_campaign_segments',
  {
    id: uuid().primaryKey().notNull(),
    cableRouteId: uuid('cable_route_id'),
    stretchKey: text('stretch_key').notNull(),
    geom: geometryLineString().notNull(),
    streetName: text('street_name'),
    streetClass: text('street_class'),
    unitCode: text('unit_code'),
    lengthM: doublePrecision('length_m').notNull(),
    plannedYear: integer('planned_year').notNull(),
    status: text().default('planned').notNull(),
    note: text(),
    version: integer().default(1).notNull(),
    createdAt: timestamptz('created_at').default(sql`now()`).notNull(),
    updatedAt: timestamptz('updated_at').default(sql`now()`).notNull(),
    createdBy: text('created_by'),
    updatedBy: text('updated_by'),
  },
  (table) => [
    foreignKey({
      columns: [table.cableRouteId],
      foreignColumns: [cableRoutes.id],
      name: 'undergrounding_campaign_segments_cable_route_id_fkey',
    }).onDelete('set null'),
    unique('undergrounding_campaign_stretch_unique').on(table.cableRouteId, table.stretchKey),
  ],
);
