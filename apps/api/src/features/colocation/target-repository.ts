import {
  type CapacityVerdict,
  type DuctCapacityFacts,
  ductPathCapacity,
  type PoleCapacityFacts,
  poleCapacity,
  type TowerCapacityFacts,
  towerCapacity,
} from '@hatang/analysis';
import type { CapacityCheck, ColocationTarget } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
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
  const forUpdate = lock ? ' FOR UPDATE' : '';
  if (target.kind === 'tower') {
    const [t] = await tx.query<TowerCapacityFacts & { code: string; position: [number, number] }>(
      `SELECT id::text AS id, code, owner_org_id::text AS "ownerOrgId", status, height_m AS "heightM",
         antenna_slots_total AS "antennaSlotsTotal", tenants_max AS "tenantsMax",
         ST_AsGeoJSON(geom, 7)::jsonb->'coordinates' AS position
       FROM towers WHERE id = $1${forUpdate}`,
      [target.id],
    );
    if (!t) throw notFound(['target', 'id'], 'Tower');
    const tenants = await tx.query<{ operatorOrgId: string; antennaCount: number }>(
      `SELECT operator_org_id::text AS "operatorOrgId", antenna_count AS "antennaCount" FROM tenancies WHERE tower_id = $1`,
      [t.id],
    );
    const tower: TowerCapacityFacts = { ...t, heightM: Number(t.heightM), tenants };
    return {
      ownerOrgId: t.ownerOrgId,
      assetIds: [t.id],
      assetCodes: [t.code],
      position: t.position,
      pathLengthM: null,
      verdict: towerCapacity(tower, { requesterOrgId, ...target }),
      facts: { tower },
    };
  }
  if (target.kind === 'pole') {
    const [p] = await tx.query<PoleCapacityFacts & { code: string; position: [number, number] }>(
      `SELECT id::text AS id, code, owner_org_id::text AS "ownerOrgId", status,
         attachments_used AS "attachmentsUsed", attachments_max AS "attachmentsMax",
         ST_AsGeoJSON(geom, 7)::jsonb->'coordinates' AS position
       FROM poles WHERE id = $1${forUpdate}`,
      [target.id],
    );
    if (!p) throw notFound(['target', 'id'], 'Pole');
    return {
      ownerOrgId: p.ownerOrgId,
      assetIds: [p.id],
      assetCodes: [p.code],
      position: p.position,
      pathLengthM: null,
      verdict: poleCapacity(p, { requesterOrgId, attachmentCount: target.attachmentCount }),
      facts: { pole: p },
    };
  }
  const ids = [...new Set(target.ids)];
  if (ids.length !== target.ids.length)
    throw validationFailed([
      { path: ['target', 'ids'], message: 'a duct segment appears twice in the path' },
    ]);
  const rows = await tx.query<DuctCapacityFacts & { middle: [number, number]; lengthM: number }>(
    `SELECT id::text AS id, code, owner_org_id::text AS "ownerOrgId", status, tubes_used AS "tubesUsed",
       tubes_total AS "tubesTotal", ST_AsGeoJSON(ST_LineInterpolatePoint(geom, 0.5), 7)::jsonb->'coordinates' AS middle,
       ST_Length(geom::geography) AS "lengthM"
     FROM ducts WHERE id = ANY(ARRAY(SELECT jsonb_array_elements_text($1::text::jsonb)::uuid))
     ORDER BY id${forUpdate}`,
    [JSON.stringify(ids)],
  );
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
    position: first.middle,
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
  const occupancy = async (kind: string, assetId: string, units: number, tenancyId: string | null) => {
    const id = crypto.randomUUID();
    await tx.query(
      `INSERT INTO colocation_occupancies (id, request_id, asset_kind, asset_id, owner_org_id, operator_org_id, units, tenancy_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, request.id, kind, assetId, request.ownerOrgId, request.requesterOrgId, units, tenancyId],
    );
    return id;
  };
  if (target.kind === 'tower') {
    const [existing] = await tx.query<{ id: string }>(
      `UPDATE tenancies SET antenna_count = antenna_count + $3,
         technologies = CASE WHEN $4 = ANY(technologies) THEN technologies ELSE technologies || $4::text END
       WHERE tower_id = $1 AND operator_org_id = $2 RETURNING id::text AS id`,
      [target.id, request.requesterOrgId, target.antennaCount, target.technology],
    );
    let tenancyId = existing?.id;
    if (!tenancyId) {
      tenancyId = crypto.randomUUID();
      await tx.query(
        `INSERT INTO tenancies (id, tower_id, operator_org_id, technologies, antenna_count, mount_height_m, since)
         VALUES ($1, $2, $3, ARRAY[$4::text], $5, $6, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)`,
        [
          tenancyId,
          target.id,
          request.requesterOrgId,
          target.technology,
          target.antennaCount,
          target.mountHeightM,
        ],
      );
    }
    await tx.query('UPDATE towers SET updated_at = now() WHERE id = $1', [target.id]);
    return { tenancyId, occupancyIds: [await occupancy('tower', target.id, target.antennaCount, tenancyId)] };
  }
  if (target.kind === 'pole') {
    await tx.query(
      'UPDATE poles SET attachments_used = attachments_used + $2, updated_at = now() WHERE id = $1',
      [target.id, target.attachmentCount],
    );
    return {
      tenancyId: null,
      occupancyIds: [await occupancy('pole', target.id, target.attachmentCount, null)],
    };
  }
  await tx.query(
    `UPDATE ducts SET tubes_used = tubes_used + $2, updated_at = now()
     WHERE id = ANY(ARRAY(SELECT jsonb_array_elements_text($1::text::jsonb)::uuid))`,
    [JSON.stringify(target.ids), target.tubes],
  );
  const occupancyIds: string[] = [];
  for (const id of target.ids) occupancyIds.push(await occupancy('duct', id, target.tubes, null));
  return { tenancyId: null, occupancyIds };
}
