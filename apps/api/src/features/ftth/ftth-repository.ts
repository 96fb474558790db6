/**
 * All of fibre to the home's SQL: operators' rows (upsert, list, the latest per operator and
 * commune), the register's existing fibre routes the proxy measures from, and the fingerprints
 * cached answers are keyed by.
 */
import type { FtthReport, FtthReportRow } from '@hatang/contracts';
import { orm, type Sql } from '@hatang/db';
import { adminUnits, cableRoutes, ftthReports, organisations } from '@hatang/db/schema';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';

/** The commune codes of `codes` that exist. */
export async function existingUnitCodes(db: Sql, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await orm(db)
    .select({ code: adminUnits.code })
    .from(adminUnits)
    .where(inArray(adminUnits.code, [...codes]));
  return new Set(rows.map((r) => r.code));
}

/** An organisation's kind, or undefined when there is none with that id. */
export async function organisationKind(db: Sql, orgId: string): Promise<string | undefined> {
  const [row] = await orm(db)
    .select({ kind: organisations.kind })
    .from(organisations)
    .where(eq(organisations.id, orgId));
  return row?.kind;
}

/** The operator's stored figures for the communes and dates of `rows`, by `code|asOf` (for the audit). */
export async function figuresBefore(
  tx: Sql,
  orgId: string,
  rows: readonly FtthReportRow[],
): Promise<Map<string, Record<string, unknown>>> {
  const keys = new Set(rows.map((r) => `${r.adminUnitCode}|${r.asOf}`));
  const stored = await orm(tx)
    .select({
      id: ftthReports.id,
      orgId: ftthReports.orgId,
      adminUnitCode: ftthReports.adminUnitCode,
      asOf: ftthReports.asOf,
      homesPassed: ftthReports.homesPassed,
      homes1Gbps: ftthReports.homes1Gbps,
      subscriptions: ftthReports.subscriptions,
      version: ftthReports.version,
    })
    .from(ftthReports)
    .where(
      and(
        eq(ftthReports.orgId, orgId),
        inArray(ftthReports.adminUnitCode, [...new Set(rows.map((r) => r.adminUnitCode))]),
      ),
    );
  return new Map(
    stored
      .filter((s) => keys.has(`${s.adminUnitCode}|${s.asOf}`))
      .map((s) => [`${s.adminUnitCode}|${s.asOf}`, s]),
  );
}

export interface StoredRow {
  id: string;
  version: number;
}

/**
 * Stores an operator's rows in one statement: a row for a commune and date the operator already
 * reported replaces the figures and bumps the version. Returns the rows as stored, in input order.
 */
export async function upsertReports(
  tx: Sql,
  orgId: string,
  userId: string | null,
  rows: readonly FtthReportRow[],
): Promise<StoredRow[]> {
  const stored = await orm(tx)
    .insert(ftthReports)
    .values(
      rows.map((r) => ({
        id: crypto.randomUUID(),
        orgId,
        adminUnitCode: r.adminUnitCode,
        asOf: r.asOf,
        homesPassed: r.homesPassed,
        homes1Gbps: r.homes1Gbps,
        subscriptions: r.subscriptions ?? null,
        createdBy: userId,
      })),
    )
    .onConflictDoUpdate({
      target: [ftthReports.orgId, ftthReports.adminUnitCode, ftthReports.asOf],
      set: {
        homesPassed: sql`excluded.homes_passed`,
        homes1Gbps: sql`excluded.homes_1gbps`,
        subscriptions: sql`excluded.subscriptions`,
        createdBy: sql`excluded.created_by`,
        updatedAt: sql`now()`,
        version: sql`${ftthReports.version} + 1`,
      },
    })
    .returning({
      id: ftthReports.id,
      version: ftthReports.version,
      adminUnitCode: ftthReports.adminUnitCode,
      asOf: ftthReports.asOf,
    });
  const byKey = new Map(stored.map((s) => [`${s.adminUnitCode}|${s.asOf}`, s]));
  return rows.map((r) => {
    const s = byKey.get(`${r.adminUnitCode}|${r.asOf}`);
    if (!s) throw new Error(`ftth row ${r.adminUnitCode} ${r.asOf} was not stored`);
    return { id: s.id, version: s.version };
  });
}

/** Rows with their operator's and commune's names, by commune, operator and date (newest first). */
export async function listReports(
  db: Sql,
  filter: { orgId?: string; adminUnitCode?: string; ids?: readonly string[] },
): Promise<FtthReport[]> {
  const where: (SQL | undefined)[] = [
    filter.orgId ? eq(ftthReports.orgId, filter.orgId) : undefined,
    filter.adminUnitCode ? eq(ftthReports.adminUnitCode, filter.adminUnitCode) : undefined,
    filter.ids ? inArray(ftthReports.id, [...filter.ids]) : undefined,
  ];
  return orm(db)
    .select({
      id: ftthReports.id,
      orgId: ftthReports.orgId,
      orgName: organisations.name,
      adminUnitCode: ftthReports.adminUnitCode,
      communeName: adminUnits.name,
      asOf: ftthReports.asOf,
      homesPassed: ftthReports.homesPassed,
      homes1Gbps: ftthReports.homes1Gbps,
      subscriptions: ftthReports.subscriptions,
      updatedAt: ftthReports.updatedAt,
      version: ftthReports.version,
    })
    .from(ftthReports)
    .innerJoin(organisations, eq(organisations.id, ftthReports.orgId))
    .innerJoin(adminUnits, eq(adminUnits.code, ftthReports.adminUnitCode))
    .where(and(...where))
    .orderBy(asc(ftthReports.adminUnitCode), asc(organisations.name), desc(ftthReports.asOf))
    .limit(20_000);
}

export interface LatestFigures {
  orgId: string;
  adminUnitCode: string;
  asOf: string;
  homesPassed: number;
  homes1Gbps: number;
  subscriptions: number | null;
}

/** Each operator's latest row per commune (in one commune when `area` is given). */
export async function latestFigures(db: Sql, area: string | null): Promise<LatestFigures[]> {
  return orm(db)
    .selectDistinctOn([ftthReports.orgId, ftthReports.adminUnitCode], {
      orgId: ftthReports.orgId,
      adminUnitCode: ftthReports.adminUnitCode,
      asOf: ftthReports.asOf,
      homesPassed: ftthReports.homesPassed,
      homes1Gbps: ftthReports.homes1Gbps,
      subscriptions: ftthReports.subscriptions,
    })
    .from(ftthReports)
    .where(area ? eq(ftthReports.adminUnitCode, area) : undefined)
    .orderBy(asc(ftthReports.orgId), asc(ftthReports.adminUnitCode), desc(ftthReports.asOf));
}

/** A fingerprint of the FTTH rows: a cached indicator report is valid while it is unchanged. */
export async function readFtthVersion(db: Sql): Promise<string> {
  const [row] = await orm(db)
    .select({
      key: sql`count(*) || ':' || coalesce(max(${ftthReports.updatedAt})::text, '') || ':' || coalesce(sum(${ftthReports.version}), 0)`.mapWith(
        String,
      ),
    })
    .from(ftthReports);
  return row?.key ?? '';
}

const isExistingFiber = and(eq(cableRoutes.cableType, 'fiber'), eq(cableRoutes.status, 'existing'));

/** A fingerprint of the existing fibre routes (the proxy is valid while it is unchanged). */
export async function readFiberVersion(db: Sql): Promise<string> {
  const [row] = await orm(db)
    .select({
      key: sql`count(*) || ':' || coalesce(max(${cableRoutes.updatedAt})::text, '') || ':' || coalesce(sum(${cableRoutes.version}), 0)`.mapWith(
        String,
      ),
    })
    .from(cableRoutes)
    .where(isExistingFiber);
  return row?.key ?? '';
}

const lineString = z.object({ coordinates: z.array(z.tuple([z.number(), z.number()]).rest(z.number())) });

/** The register's existing fibre routes as `[lng, lat]` lines (WGS 84). */
export async function loadFiberLines(db: Sql): Promise<[number, number][][]> {
  const rows = await orm(db)
    .select({ geojson: sql<string>`ST_AsGeoJSON(${cableRoutes.geom})`.mapWith(String) })
    .from(cableRoutes)
    .where(isExistingFiber)
    .orderBy(asc(cableRoutes.id));
  return rows.map((r) =>
    lineString.parse(JSON.parse(r.geojson)).coordinates.map(([lng, lat]) => [lng, lat] as [number, number]),
  );
}
