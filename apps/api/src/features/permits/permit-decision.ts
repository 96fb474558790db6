/**
 * What a decision does besides changing the status: it gets a number, sequential per calendar
 * year (Vietnam time) across every decision of the department, and an approval creates the asset
 * in the register with status `under_construction`, owned by the applicant, linked to the permit.
 */
import { ducts, poles, type ResourceDefinition, towers, validateProperties } from '@hatang/contracts';
import { orm, type Sql } from '@hatang/db';
import { permitDecisionCounters as counters, permitApplications } from '@hatang/db/schema';
import { eq, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { recordAudit } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { ApiError } from '../../errors.js';
import { insertFeature } from '../assets/sql/feature-store.js';
import type { PermitApplication } from './permit-repository.js';

export type DecisionOutcome = 'approved' | 'approved_with_conditions' | 'rejected' | 'exempt';

/** A permit (giấy phép xây dựng) or a notice (thông báo: refusal or exemption). */
export const isPermit = (outcome: string) => outcome === 'approved' || outcome === 'approved_with_conditions';

/**
 * Whether approving this kind creates assets in the register: in-building works create none (they
 * go inside an existing building; the register of in-building systems is kept apart, and an
 * application only names the system it concerns).
 */
export const approvalCreatesAsset = (kind: PermitApplication['kind']) => kind !== 'in_building';

/** The year in Vietnam (UTC+7) of an instant. */
export const vietnamYear = (at: Date) => new Date(at.getTime() + 7 * 3600_000).getUTCFullYear();

/**
 * The next number of `year`: `0012/GPXD-SXD` for a permit, `0012/TB-SXD` for a notice (one
 * sequence for both, as the department's register of outgoing documents numbers them). The
 * counter row is locked by the upsert until the transaction ends, so two decisions never share one.
 */
export async function nextDecisionNumber(
  tx: Sql,
  outcome: DecisionOutcome,
  year: number,
): Promise<{ number: string; year: number; seq: number }> {
  const rows = await orm(tx)
    .insert(counters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: counters.year, set: { last: sql`${counters.last} + 1` } })
    .returning({ last: counters.last });
  const seq = Number(rows[0]?.last ?? 1);
  const number = `${String(seq).padStart(4, '0')}/${isPermit(outcome) ? 'GPXD' : 'TB'}-SXD`;
  return { number, year, seq };
}

/**
 * Defaults for the register's required columns that an application does not declare (the
 * operator corrects them in the register once built):
 * - tower: 12 antenna slots (3 sectors × 4 operators) and 3 tenants at most (towers are to be
 *   shared: legal: plan-317-2025-kh-ubnd V.10); the application's structure and mounting mapped onto
 *   the register's (rooftop_column → rooftop_pole, on_ground → ground); no ground elevation.
 * - duct works: 4 tubes of Ø110 mm (HDPE), none used, 0.7 m deep, along the application's route.
 * - pole line: one 8 m concrete telecom pole at each vertex of the route, 4 attachments, none used.
 */
export const ASSET_DEFAULTS = {
  tower: { antennaSlotsTotal: 12, tenantsMax: 3 },
  duct: { tubesTotal: 4, tubesUsed: 0, diameterMm: 110, depthM: 0.7 },
  pole: { material: 'concrete', ownerSector: 'telecom', heightM: 8, attachmentsUsed: 0, attachmentsMax: 4 },
} as const;

const STRUCTURE: Record<string, string> = {
  lattice: 'lattice',
  monopole: 'monopole',
  guyed: 'guyed',
  rooftop_column: 'rooftop_pole',
  camouflaged: 'camouflaged',
};

interface AssetPlan {
  definition: ResourceDefinition;
  rows: { geometry: unknown; properties: Record<string, unknown> }[];
}

function planAsset(a: PermitApplication, code: string): AssetPlan {
  const head = { ownerOrgId: a.applicantOrgId, status: 'under_construction' };
  if (a.kind === 'tower') {
    const d = a.details as {
      towerClass: string;
      heightM: number;
      structure: string;
      mounting: string;
      buildingHeightM?: number;
      isCamouflaged?: boolean;
    };
    return {
      definition: towers,
      rows: [
        {
          geometry: a.geometry,
          properties: {
            ...head,
            code,
            towerClass: d.towerClass,
            structure: d.isCamouflaged ? 'camouflaged' : (STRUCTURE[d.structure] ?? 'other'),
            placement: d.mounting === 'rooftop' ? 'rooftop' : 'ground',
            heightM: d.heightM,
            buildingHeightM: d.mounting === 'rooftop' ? (d.buildingHeightM ?? null) : null,
            groundElevationM: null,
            powerBackupHours: null,
            ...ASSET_DEFAULTS.tower,
          },
        },
      ],
    };
  }
  if (a.kind === 'duct_works') {
    return {
      definition: ducts,
      rows: [
        {
          geometry: a.geometry,
          properties: { ...head, code, ...ASSET_DEFAULTS.duct, fromManholeId: null, toManholeId: null },
        },
      ],
    };
  }
  if (a.kind === 'in_building') throw new Error('in-building works create no asset in the register');
  const vertices = a.geometry.coordinates as [number, number][];
  return {
    definition: poles,
    rows: vertices.map((point, i) => ({
      geometry: { type: 'Point', coordinates: point },
      properties: { ...head, code: `${code}-P${String(i + 1).padStart(2, '0')}`, ...ASSET_DEFAULTS.pole },
    })),
  };
}

/**
 * Creates the approved works' asset(s) in the caller's transaction, each audited as a create of
 * its resource (so the register's history shows where it came from); returns the link to store.
 * 422 when the application's facts do not fit the register (e.g. a tower over 200 m).
 */
export async function createApprovedAsset(
  tx: Sql,
  c: Context<AppEnv>,
  a: PermitApplication,
  decision: { year: number; seq: number },
): Promise<{ resource: 'towers' | 'ducts' | 'poles'; ids: string[] }> {
  const code = `GP-${decision.year}-${String(decision.seq).padStart(4, '0')}`;
  const plan = planAsset(a, code);
  const ids: string[] = [];
  for (const row of plan.rows) {
    const checked = validateProperties(plan.definition, row.properties);
    if (!checked.ok)
      throw new ApiError(
        422,
        'VALIDATION_FAILED',
        `The approved works do not fit the asset register (${plan.definition.path}); nothing was decided`,
        checked.issues,
      );
    const id = crypto.randomUUID();
    const created = await insertFeature(tx, plan.definition, id, row.geometry, checked.value);
    await recordAudit(tx, c, {
      resource: plan.definition.path,
      recordId: id,
      action: 'create',
      version: 1,
      before: null,
      after: created,
    });
    ids.push(id);
  }
  return { resource: plan.definition.path as 'towers' | 'ducts' | 'poles', ids };
}

/** Stores the number and the asset link with the application (the status change bumped the version). */
export async function storeDecisionFacts(
  tx: Sql,
  id: string,
  decision: { number: string; year: number; seq: number },
  asset: { resource: string; ids: string[] } | null,
): Promise<void> {
  await orm(tx)
    .update(permitApplications)
    .set({
      decisionNumber: decision.number,
      decisionYear: decision.year,
      decisionSeq: decision.seq,
      assetResource: asset?.resource ?? null,
      assetId: asset?.ids[0] ?? null,
      assetIds: asset?.ids ?? [],
    })
    .where(eq(permitApplications.id, id));
}
