/**
 * What every plan export request needs: the version (readable by the viewer, as the plan routes
 * decide), its plan, and the checked query parameters (commune code, paper, CRS).
 */
import { toIssues } from '@hatang/contracts';
import { orm, type Sql } from '@hatang/db';
import { adminUnits } from '@hatang/db/schema';
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../../context.js';
import { notFound, validationFailed } from '../../../errors.js';
import { assertMayReadVersion } from '../plan-access.js';
import { findPlan } from '../plan-repository.js';
import { findVersion, type PlanVersion } from '../version-repository.js';
import { vietnameseDate } from './export-labels.js';
import { PAPERS } from './print-layout.js';

/**
 * The query of the export routes. (Kept here rather than in packages/contracts because only this
 * module reads it; the web app links to fixed URLs.)
 */
export const planExportQuery = z.object({
  commune: z
    .string()
    .regex(/^\d{5}$/, 'must be a 5-digit administrative unit code (mã ĐVHC)')
    .optional(),
  paper: z.enum(Object.keys(PAPERS) as ['A4', 'A3'], { message: 'must be A4 or A3' }).default('A4'),
  crs: z
    .enum(['EPSG:4326', 'EPSG:9210'], {
      message: 'must be EPSG:4326 (WGS 84) or EPSG:9210 (VN-2000 TM-3 Hải Phòng)',
    })
    .default('EPSG:4326'),
});

export interface ExportContext {
  version: PlanVersion;
  plan: { id: string; name: string };
  commune?: { code: string; name: string };
  paper: 'A4' | 'A3';
  crs: 'EPSG:4326' | 'EPSG:9210';
  /** Today in Vietnam, dd/mm/yyyy. */
  date: string;
  /** The approval date (dd/mm/yyyy) of an approved or superseded version. */
  approvedOn: string | null;
}

export async function exportContext(db: Sql, c: Context<AppEnv>): Promise<ExportContext> {
  const version = await findVersion(db, c.req.param('id') ?? '');
  assertMayReadVersion(version, c.get('principal'));
  if (!version) throw notFound('Plan version');
  const parsed = planExportQuery.safeParse(c.req.query());
  if (!parsed.success) throw validationFailed(toIssues(parsed.error, ['query']));
  const { commune: code, paper, crs } = parsed.data;
  let commune: { code: string; name: string } | undefined;
  if (code) {
    const rows = await orm(db)
      .select({ code: adminUnits.code, name: adminUnits.name })
      .from(adminUnits)
      .where(eq(adminUnits.code, code));
    commune = rows[0];
    if (!commune) {
      throw validationFailed([
        { path: ['query', 'commune'], message: `no commune, ward or special zone has the code ${code}` },
      ]);
    }
  }
  const plan = await findPlan(db, version.planId);
  if (!plan) throw notFound('Plan');
  return {
    version,
    plan: { id: plan.id, name: plan.name },
    commune,
    paper,
    crs,
    date: vietnameseDate(new Date()),
    approvedOn: version.approvedAt ? vietnameseDate(new Date(version.approvedAt)) : null,
  };
}
