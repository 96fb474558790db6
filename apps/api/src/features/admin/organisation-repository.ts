/** Organisations as admins manage them: the list with communes and user counts, inserts, edits. */
import type { AdminOrganisation, PlanAgency } from '@hatang/contracts';
import { orm, type RowOf, type Sql } from '@hatang/db';
import { adminUnits, organisations, users } from '@hatang/db/schema';
import { and, asc, count, eq, sql } from 'drizzle-orm';

const organisationFields = {
  id: organisations.id,
  code: organisations.code,
  name: organisations.name,
  kind: organisations.kind,
  adminUnitCode: organisations.adminUnitCode,
  adminUnitName: adminUnits.name,
  planAgency: organisations.planAgency,
  userCount: sql<number>`(SELECT count(*)::int FROM ${users} WHERE ${users.orgId} = ${organisations.id})`,
  createdAt: organisations.createdAt,
};
/** A row; the commune's name is null without a commune (a left join). */
type OrganisationRow = Omit<RowOf<typeof organisationFields>, 'adminUnitName'> & {
  adminUnitName: string | null;
};

const toOrganisation = (row: OrganisationRow): AdminOrganisation => ({
  ...row,
  userCount: Number(row.userCount),
});

const selectOrganisations = (db: Sql) =>
  orm(db)
    .select(organisationFields)
    .from(organisations)
    .leftJoin(adminUnits, eq(adminUnits.code, organisations.adminUnitCode));

export async function listAdminOrganisations(db: Sql): Promise<AdminOrganisation[]> {
  return (await selectOrganisations(db).orderBy(asc(organisations.code))).map(toOrganisation);
}

export async function findAdminOrganisation(db: Sql, id: string): Promise<AdminOrganisation | undefined> {
  const [row] = await selectOrganisations(db).where(eq(organisations.id, id));
  return row && toOrganisation(row);
}

/** The organisation's row locked for the rest of the transaction (two admins editing it wait). */
export async function lockOrganisation(tx: Sql, id: string): Promise<AdminOrganisation | undefined> {
  const [locked] = await orm(tx)
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, id))
    .for('update');
  return locked && findAdminOrganisation(tx, id);
}

export async function codeTaken(db: Sql, code: string): Promise<boolean> {
  const rows = await orm(db)
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.code, code));
  return rows.length > 0;
}

export async function adminUnitExists(db: Sql, code: string): Promise<boolean> {
  const rows = await orm(db)
    .select({ code: adminUnits.code })
    .from(adminUnits)
    .where(eq(adminUnits.code, code));
  return rows.length > 0;
}

/** How many of the organisation's users are inspectors (they need a commune office). */
export async function countInspectors(db: Sql, orgId: string): Promise<number> {
  const [row] = await orm(db)
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.orgId, orgId), sql`'inspector' = ANY(${users.roles})`));
  return Number(row?.n ?? 0);
}

export interface OrganisationWrite {
  name: string;
  kind: AdminOrganisation['kind'];
  adminUnitCode: string | null;
  planAgency: PlanAgency | null;
}

export async function insertOrganisation(
  tx: Sql,
  id: string,
  code: string,
  write: OrganisationWrite,
): Promise<void> {
  await orm(tx)
    .insert(organisations)
    .values({ id, code, ...write });
}

export async function updateOrganisation(tx: Sql, id: string, write: OrganisationWrite): Promise<void> {
  await orm(tx).update(organisations).set(write).where(eq(organisations.id, id));
}
