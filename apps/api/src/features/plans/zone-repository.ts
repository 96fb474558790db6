/** Plan zones' reads and writes (table `plan_zones`): global zones and those of a version. */
import {
  type PlanZoneFeature,
  type PlanZoneProperties,
  type PolygonGeometry,
  planZoneFeature,
  planZoneKind,
} from '@hatang/contracts';
import { geoJson, orm, type RowOf, type Sql } from '@hatang/db';
import { planZones } from '@hatang/db/schema';
import { asc, eq, isNull, or, sql } from 'drizzle-orm';
import { isUuid } from '../../http/body.js';
import { asGeometry } from './item-repository.js';

export type { PlanZoneFeature } from '@hatang/contracts';

const zoneFields = {
  id: planZones.id,
  geometry: geoJson(planZones.geom, 7),
  kind: planZones.kind,
  name: planZones.name,
  planVersionId: planZones.planVersionId,
  rules: planZones.rules,
  notes: planZones.notes,
  version: planZones.version,
  createdAt: planZones.createdAt,
  updatedAt: planZones.updatedAt,
};

const zoneGeometry = planZoneFeature.shape.geometry;
const zoneRules = planZoneFeature.shape.properties.shape.rules;

/** The table's kind column holds the contract's values only (its CHECK constraint); rules as written. */
const toFeature = ({ id, geometry, ...p }: RowOf<typeof zoneFields>): PlanZoneFeature => ({
  type: 'Feature',
  id,
  geometry: zoneGeometry.parse(geometry),
  properties: { ...p, kind: planZoneKind.parse(p.kind), rules: zoneRules.parse(p.rules) },
});

/** The zone, or undefined (for an id that is no UUID too); `lock` holds its row for an update. */
export async function findZone(sql: Sql, id: string, lock = false): Promise<PlanZoneFeature | undefined> {
  if (!isUuid(id)) return undefined;
  const query = orm(sql).select(zoneFields).from(planZones).where(eq(planZones.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row && toFeature(row);
}

/** Global zones, plus the zones of `versionId` when given; oldest first. */
export async function listZones(sql: Sql, versionId: string | null): Promise<PlanZoneFeature[]> {
  const rows = await orm(sql)
    .select(zoneFields)
    .from(planZones)
    .where(
      versionId === null
        ? isNull(planZones.planVersionId)
        : or(isNull(planZones.planVersionId), eq(planZones.planVersionId, versionId)),
    )
    .orderBy(asc(planZones.createdAt), asc(planZones.id));
  return rows.map(toFeature);
}

/** Writes a zone (insert or update, bumping the version) and returns it as stored. */
export async function saveZone(
  tx: Sql,
  id: string,
  geometry: PolygonGeometry,
  p: PlanZoneProperties,
  userId: string | null,
  isNew: boolean,
): Promise<PlanZoneFeature> {
  const values = {
    planVersionId: p.planVersionId,
    kind: p.kind,
    name: p.name,
    rules: p.rules,
    notes: p.notes,
    geom: asGeometry(geometry),
    updatedBy: userId,
  };
  if (isNew) {
    await orm(tx)
      .insert(planZones)
      .values({ id, ...values, createdBy: userId });
  } else {
    await orm(tx)
      .update(planZones)
      .set({ ...values, version: sql`${planZones.version} + 1`, updatedAt: sql`now()` })
      .where(eq(planZones.id, id));
  }
  const stored = await findZone(tx, id);
  if (!stored) throw new Error(`plan zone ${id} vanished after write`);
  return stored;
}

export async function deleteZone(tx: Sql, id: string): Promise<void> {
  await orm(tx).delete(planZones).where(eq(planZones.id, id));
}
