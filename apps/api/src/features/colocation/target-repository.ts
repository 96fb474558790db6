import {
  type CapacityVerdict,
  type DuctCapacityFacts,
  ductPathCapacity,
  type PoleCapacityFacts,
  poleCapacity,
  type TowerCapacityFacts,
  towerCapacity,
} from '@hatang/analysis';
import { assetStatus, type CapacityCheck, type ColocationTarget } from '@hatang/contracts';
import { geoJson, orm, type Sql } from '@hatang/db';
import { colocationOccupancies, ducts, poles, tenancies, towers } from '@hatang/db/schema';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { validationFailed } from '../../errors.js';

/** What the target is and whether the request fits it now. */
export interface TargetState {
  ownerOrgId: string;
  assetIds: string[];
  assetCodes: string[];
  /** `[lng, lat]`: the tower or pole, or the middle of the first duct segment. */
  position: [number, number] | null;
  /** Total length of the duct segments, m (ducts only). */
  pathLengthM: number | null;
  verdict: CapacityVerdict;
  facts: { tower?: TowerCapacityFacts; pole?: PoleCapacityFacts; ducts?: DuctCapacityFacts[] };
}

/** A GeoJSON point's `[lng, lat]`. */
type Point = { type: 'Point'; coordinates: number[] };
const lngLat = (point: Point): [number, number] => [point.coordinates[0] ?? 0, point.coordinates[1] ?? 0];

const notFound = (path: (string | number)[], what: string) =>
  validationFailed([{ path, message: `${what} not found` }]);

/**
 * Loads the target's facts and checks capacity. With `lock`, the asset rows are locked
 * (`FOR UPDATE`, in id order so two acceptances on overlapping duct paths cannot deadlock) and
 * tenancies are read after the lock, so a concurrent acceptance that committed first is seen.
 * 400 when an asset does not exist or a duct path spans several owners.
 */
export async function loadTarget(
  tx: Sql,
  target: ColocationTarget,
  requesterOrgId: string,
  lock = false,
): Promise<TargetState> {
  if (target.kind === 'tower') {
    const query = orm(tx)
      .select({
        id: towers.id,
        code: towers.code,
        ownerOrgId: towers.ownerOrgId,
        status: towers.status,
        heightM: towers.heightM,
        antennaSlotsTotal: towers.antennaSlotsTotal,
        tenantsMax: towers.tenantsMax,
        point: geoJson(towers.geom, 7),
      })
      .from(towers)
      .where(eq(towers.id, target.id));
    const [t] = lock ? await query.for('update') : await query;
    if (!t) throw notFound(['target', 'id'], 'Tower');
    // Read after the lock: an acceptance that committed first is counted.
    const tenants = await orm(tx)
      .select({ operatorOrgId: tenancies.operatorOrgId, antennaCount: tenancies.antennaCount })
      .from(tenancies)
      .where(eq(tenancies.towerId, t.id));
    const { point, code, ...facts } = t;
    const tower: TowerCapacityFacts = { ...facts, status: assetStatus.parse(facts.status), tenants };
    return {
      ownerOrgId: t.ownerOrgId,
      assetIds: [t.id],
      assetCodes: [code],
      position: lngLat(point),
      pathLengthM: null,
      verdict: towerCapacity(tower, { requesterOrgId, ...target }),
      facts: { tower },
    };
  }
  if (target.kind === 'pole') {
    const query = orm(tx)
      .select({
        id: poles.id,
        code: poles.code,
        ownerOrgId: poles.ownerOrgId,
        status: poles.status,
        attachmentsUsed: poles.attachmentsUsed,
        attachmentsMax: poles.attachmentsMax,
        point: geoJson(poles.geom, 7),
      })
      .from(poles)
      .where(eq(poles.id, target.id));
    const [p] = lock ? await query.for('update') : await query;
    if (!p) throw notFound(['target', 'id'], 'Pole');
    const { point, code, ...facts } = p;
    const pole: PoleCapacityFacts = { ...facts, status: assetStatus.parse(facts.status) };
    return {
      ownerOrgId: p.ownerOrgId,
      assetIds: [p.id],
      assetCodes: [code],
      position: lngLat(point),
      pathLengthM: null,
      verdict: poleCapacity(pole, { requesterOrgId, attachmentCount: target.attachmentCount }),
      facts: { pole },
    };
  }
  const ids = [...new Set(target.ids)];
  if (ids.length !== target.ids.length)
    throw validationFailed([
      { path: ['target', 'ids'], message: 'a duct segment appears twice in the path' },
    ]);
  // In id order, so two acceptances on overlapping paths lock their rows alike (no deadlock).
  const query = orm(tx)
    .select({
      id: ducts.id,
      code: ducts.code,
      ownerOrgId: ducts.ownerOrgId,
      status: ducts.status,
      tubesUsed: ducts.tubesUsed,
      tubesTotal: ducts.tubesTotal,
      middle: sql<Point>`ST_AsGeoJSON(ST_LineInterpolatePoint(${ducts.geom}, 0.5), 7)::json`.mapWith(
        (value: Point | string) => (typeof value === 'string' ? (JSON.parse(value) as Point) : value),
      ),
      lengthM: sql<number>`ST_Length(${ducts.geom}::geography)`.mapWith(Number),
    })
    .from(ducts)
    .where(inArray(ducts.id, ids))
    .orderBy(ducts.id);
  const rows = (lock ? await query.for('update') : await query).map((row) => ({
    ...row,
    status: assetStatus.parse(row.status),
  }));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.flatMap((id, i) => (byId.has(id) ? [] : [i]));
  if (missing.length)
    throw validationFailed(
      missing.map((i) => ({ path: ['target', 'ids', i], message: 'Duct segment not found' })),
    );
  const segments = ids.map((id) => byId.get(id) as (typeof rows)[number]);
  const owners = new Set(segments.map((s) => s.ownerOrgId));
  if (owners.size > 1)
    throw validationFailed([
      {
        path: ['target', 'ids'],
        message: 'the duct segments belong to several owners: send one request per owner',
      },
    ]);
  const first = segments[0] as (typeof segments)[number];
  return {
    ownerOrgId: first.ownerOrgId,
    assetIds: ids,
    assetCodes: segments.map((s) => s.code),
    position: lngLat(first.middle),
    pathLengthM: segments.reduce((sum, s) => sum + Number(s.lengthM), 0),
    verdict: ductPathCapacity(segments, { requesterOrgId, tubes: target.tubes }),
    facts: { ducts: segments },
  };
}

export const capacityCheckOf = (verdict: CapacityVerdict): CapacityCheck => ({
  ...verdict,
  checkedAt: new Date().toISOString(),
});

export interface Occupation {
  tenancyId: string | null;
  occupancyIds: string[];
}

/**
 * Takes the space (the caller locked the target rows and checked it fits): a tenancy on the
 * tower — or, when the requester already has one there, more antennas on it (UNIQUE
 * (tower_id, operator_org_id)) — or `attachments_used += n` on the pole, or `tubes_used += n`
 * on every duct segment; one occupancy row per asset records who holds what.
 */
export async function occupy(
  tx: Sql,
  request: { id: string; requesterOrgId: string; ownerOrgId: string; target: ColocationTarget },
): Promise<Occupation> {
  const target = request.target;
  const db = orm(tx);
  const occupancy = async (assetKind: string, assetId: string, units: number, tenancyId: string | null) => {
    const id = crypto.randomUUID();
    await db.insert(colocationOccupancies).values({
      id,
      requestId: request.id,
      assetKind,
      assetId,
      ownerOrgId: request.ownerOrgId,
      operatorOrgId: request.requesterOrgId,
      units,
      tenancyId,
    });
    return id;
  };
  if (target.kind === 'tower') {
    const t = tenancies;
    const [existing] = await db
      .update(t)
      .set({
        antennaCount: sql`${t.antennaCount} + ${target.antennaCount}`,
        technologies: sql`CASE WHEN ${target.technology}::text = ANY(${t.technologies}) THEN ${t.technologies}
          ELSE ${t.technologies} || ${target.technology}::text END`,
      })
      .where(and(eq(t.towerId, target.id), eq(t.operatorOrgId, request.requesterOrgId)))
      .returning({ id: t.id });
    let tenancyId = existing?.id;
    if (!tenancyId) {
      tenancyId = crypto.randomUUID();
      await db.insert(t).values({
        id: tenancyId,
        towerId: target.id,
        operatorOrgId: request.requesterOrgId,
        technologies: sql`ARRAY[${target.technology}::text]`,
        antennaCount: target.antennaCount,
        mountHeightM: target.mountHeightM,
        since: sql`(now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`,
      });
    }
    await db.update(towers).set({ updatedAt: sql`now()` }).where(eq(towers.id, target.id));
    return { tenancyId, occupancyIds: [await occupancy('tower', target.id, target.antennaCount, tenancyId)] };
  }
  if (target.kind === 'pole') {
    await db
      .update(poles)
      .set({
        attachmentsUsed: sql`${poles.attachmentsUsed} + ${target.attachmentCount}`,
        updatedAt: sql`now()`,
      })
      .where(eq(poles.id, target.id));
    return {
      tenancyId: null,
      occupancyIds: [await occupancy('pole', target.id, target.attachmentCount, null)],
    };
  }
  await db
    .update(ducts)
    .set({ tubesUsed: sql`${ducts.tubesUsed} + ${target.tubes}`, updatedAt: sql`now()` })
    .where(inArray(ducts.id, target.ids));
  const occupancyIds: string[] = [];
  for (const id of target.ids) occupancyIds.push(await occupancy('duct', id, target.tubes, null));
  return { tenancyId: null, occupancyIds };
}
