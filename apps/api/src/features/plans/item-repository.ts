/** Plan items' reads and writes (table `plan_items`, with the kind of the version they belong to). */
import {
  type BBox,
  type Geometry,
  type PlanCheckResult,
  type PlanItemFeature,
  type PlanItemProperties,
  type PlanVersionKind,
  planCheckResult,
  planGeometryOutput,
  planItemKind,
  planItemStatus,
  planPhase,
  planVersionKind,
} from '@hatang/contracts';
import { geoJson, orm, type RowOf, type Sql } from '@hatang/db';
import { planItems, planVersions } from '@hatang/db/schema';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isUuid } from '../../http/body.js';

export type { PlanItemFeature } from '@hatang/contracts';

/** A geometry written from GeoJSON, 2D, WGS 84. */
export const asGeometry = (geometry: Geometry): SQL =>
  sql`ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326))`;

const itemFields = {
  id: planItems.id,
  geometry: geoJson(planItems.geom, 7),
  planVersionId: planItems.planVersionId,
  versionKind: planVersions.kind,
  originId: planItems.originId,
  kind: planItems.kind,
  name: planItems.name,
  phase: planItems.phase,
  status: planItems.status,
  responsibleOrgId: planItems.responsibleOrgId,
  notes: planItems.notes,
  attributes: planItems.attributes,
  sourceTable: planItems.sourceTable,
  sourceId: planItems.sourceId,
  checkResults: planItems.checkResults,
  version: planItems.version,
  createdAt: planItems.createdAt,
  updatedAt: planItems.updatedAt,
};

const attributesOf = z.record(z.string(), z.unknown());
const checkResultsOf = z.array(planCheckResult);

/** The table's text and JSON columns hold what the contract allows (its CHECKs and the API's writes). */
function toItemFeature({
  id,
  geometry,
  versionKind: _kind,
  ...p
}: RowOf<typeof itemFields>): PlanItemFeature {
  return {
    type: 'Feature',
    id,
    geometry: planGeometryOutput.parse(geometry),
    properties: {
      ...p,
      kind: planItemKind.parse(p.kind),
      phase: planPhase.nullable().parse(p.phase),
      status: planItemStatus.parse(p.status),
      attributes: attributesOf.parse(p.attributes),
      checkResults: checkResultsOf.parse(p.checkResults),
    },
  };
}

const selectItems = (db: Sql) =>
  orm(db)
    .select(itemFields)
    .from(planItems)
    .innerJoin(planVersions, eq(planVersions.id, planItems.planVersionId));

/** The item and the kind of its version, or undefined; `lock` holds the item's row for an update. */
export async function findItem(
  sql: Sql,
  id: string,
  lock = false,
): Promise<{ feature: PlanItemFeature; versionKind: PlanVersionKind } | undefined> {
  if (!isUuid(id)) return undefined;
  const query = selectItems(sql).where(eq(planItems.id, id));
  const [row] = lock ? await query.for('update', { of: planItems }) : await query;
  return row
    ? { feature: toItemFeature(row), versionKind: planVersionKind.parse(row.versionKind) }
    : undefined;
}

export interface ItemFilter {
  kind?: string[];
  phase?: string[];
  status?: string[];
  bbox?: BBox;
}

/** A version's items matching `filter`, by origin. */
export async function listItems(
  db: Sql,
  versionId: string,
  filter: ItemFilter = {},
): Promise<PlanItemFeature[]> {
  const conditions: (SQL | undefined)[] = [
    eq(planItems.planVersionId, versionId),
    filter.kind ? inArray(planItems.kind, filter.kind) : undefined,
    filter.phase ? inArray(planItems.phase, filter.phase) : undefined,
    filter.status ? inArray(planItems.status, filter.status) : undefined,
    filter.bbox
      ? sql`${planItems.geom} && ST_MakeEnvelope(${filter.bbox[0]}, ${filter.bbox[1]}, ${filter.bbox[2]}, ${filter.bbox[3]}, 4326)`
      : undefined,
  ];
  const rows = await selectItems(db)
    .where(and(...conditions))
    .orderBy(asc(planItems.originId));
  return rows.map(toItemFeature);
}

const writableColumns = (properties: PlanItemProperties, checks: PlanCheckResult[], geometry: Geometry) => ({
  name: properties.name,
  phase: properties.phase,
  status: properties.status,
  responsibleOrgId: properties.responsibleOrgId,
  notes: properties.notes,
  attributes: properties.attributes,
  checkResults: checks,
  geom: asGeometry(geometry),
});

async function stored(tx: Sql, id: string): Promise<PlanItemFeature> {
  const found = await findItem(tx, id);
  if (!found) throw new Error(`plan item ${id} vanished after write`);
  return found.feature;
}

export async function insertItem(
  tx: Sql,
  versionId: string,
  geometry: Geometry,
  properties: PlanItemProperties,
  checks: PlanCheckResult[],
  userId: string | null,
  /** For a restore of a deleted item: its id, origin and the version it comes back at. */
  revived?: { id: string; originId: string; version: number },
): Promise<PlanItemFeature> {
  const id = revived?.id ?? crypto.randomUUID();
  await orm(tx)
    .insert(planItems)
    .values({
      id,
      planVersionId: versionId,
      originId: revived?.originId ?? id,
      kind: properties.kind,
      ...writableColumns(properties, checks, geometry),
      createdBy: userId,
      updatedBy: userId,
      version: revived?.version ?? 1,
    });
  return stored(tx, id);
}

export async function updateItem(
  tx: Sql,
  id: string,
  geometry: Geometry,
  properties: PlanItemProperties,
  checks: PlanCheckResult[],
  userId: string | null,
): Promise<PlanItemFeature> {
  await orm(tx)
    .update(planItems)
    .set({
      ...writableColumns(properties, checks, geometry),
      updatedBy: userId,
      version: sql`${planItems.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(planItems.id, id));
  return stored(tx, id);
}

export async function deleteItem(tx: Sql, id: string): Promise<void> {
  await orm(tx).delete(planItems).where(eq(planItems.id, id));
}

/** The writable properties of a stored item (what a patch merges into). */
export function writableItemProperties(feature: PlanItemFeature): PlanItemProperties {
  const { kind, name, phase, status, responsibleOrgId, notes, attributes } = feature.properties;
  return { kind, name, phase, status, responsibleOrgId, notes, attributes };
}
