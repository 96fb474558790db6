/**
 * Writes a decided application's document (PDF) and stores it with the application as an
 * attachment of purpose `decision`, in the caller's transaction.
 */
import { inBuildingWorksDetails } from '@hatang/contracts';
import { ASSET_TABLES, orm, type Sql } from '@hatang/db';
import { adminUnits, organisations } from '@hatang/db/schema';
import { asc, eq, inArray } from 'drizzle-orm';
import { insertAttachment, listAttachments, readAttachment } from '../../attachments/index.js';
import { decisionMapPng } from './decision-map.js';
import { type DecisionCheck, type DecisionDocumentInput, decisionPdf } from './decision-pdf.js';
import type { PermitApplication } from './permit-repository.js';

export const DECISION_PURPOSE = 'decision';

async function namesOf(sql: Sql, a: PermitApplication) {
  const [org] = await orm(sql)
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, a.applicantOrgId));
  if (!org) return undefined;
  const [unit] = a.adminUnitCode
    ? await orm(sql)
        .select({ name: adminUnits.name })
        .from(adminUnits)
        .where(eq(adminUnits.code, a.adminUnitCode))
    : [];
  return { org: org.name, commune: unit?.name ?? null };
}

/** The names of the operators an in-building application serves, in its order (unknown ids left out). */
async function servedOperatorNames(sql: Sql, a: PermitApplication): Promise<string[]> {
  const parsed = inBuildingWorksDetails.safeParse(a.details);
  if (a.kind !== 'in_building' || !parsed.success || parsed.data.operatorOrgIds.length === 0) return [];
  const ids = parsed.data.operatorOrgIds;
  const rows = await orm(sql)
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r.name]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

async function assetCodes(sql: Sql, a: PermitApplication): Promise<string[]> {
  if (!a.asset) return [];
  const table = ASSET_TABLES[a.asset.resource];
  const rows = await orm(sql)
    .select({ code: table.code })
    .from(table)
    .where(inArray(table.id, a.asset.ids))
    .orderBy(asc(table.code));
  return rows.map((r) => r.code);
}

/** Renders the decision of `a` (already decided, numbered and linked) and stores it; returns its id. */
export async function storeDecisionDocument(
  tx: Sql,
  a: PermitApplication,
  createdBy: string | null,
): Promise<string> {
  if (!a.decisionNumber || !a.decidedAt)
    throw new Error('storeDecisionDocument: the application is not decided');
  const names = await namesOf(tx, a);
  const checks = (a.checks ?? []) as (DecisionCheck & {
    geometry?: { type: string; coordinates: unknown };
  })[];
  const proofs = checks
    .filter((c) => c.geometry && (c.result === 'fail' || c.result === 'warn'))
    .map((c) => c.geometry as { type: string; coordinates: unknown });
  const codes = await assetCodes(tx, a);
  const input: DecisionDocumentInput = {
    number: a.decisionNumber,
    decidedAt: a.decidedAt,
    outcome: a.status as DecisionDocumentInput['outcome'],
    applicationId: a.id,
    kind: a.kind,
    title: a.title,
    details: a.details,
    applicantName: names?.org ?? '—',
    commune: a.adminUnitCode && names?.commune ? { code: a.adminUnitCode, name: names.commune } : null,
    geometry: a.geometry,
    checks,
    checkConfigVersion: a.checkConfigVersion,
    conditions: a.conditions,
    reason: a.reviewNote,
    mapPng: await decisionMapPng(tx, a.geometry, proofs),
    assetCodes: codes.length > 3 ? [...codes.slice(0, 3), `… (${codes.length} cột)`] : codes,
    servedOperatorNames: await servedOperatorNames(tx, a),
  };
  const bytes = await decisionPdf(input);
  const slug = a.decisionNumber.replace(/[^0-9A-Za-z]+/g, '-');
  const info = await insertAttachment(
    tx,
    { kind: 'permit_application', id: a.id },
    { fileName: `quyet-dinh-${slug}.pdf`, mediaType: 'application/pdf', bytes, purpose: DECISION_PURPOSE },
    createdBy,
  );
  return info.id;
}

/** The stored decision document of an application (the latest), or undefined before a decision. */
export async function findDecisionDocument(sql: Sql, applicationId: string) {
  const subject = { kind: 'permit_application' as const, id: applicationId };
  const all = await listAttachments(sql, subject);
  const latest = all.filter((f) => f.purpose === DECISION_PURPOSE).at(-1);
  return latest ? readAttachment(sql, subject, latest.id) : undefined;
}
