/**
 * The DII criteria catalogue (versioned; data/dii-criteria.json is version 1) and the yearly
 * values, in the tables of packages/db/migrations/0008_indicators.sql.
 */
import { readFile } from 'node:fs/promises';
import {
  type DiiCatalogue,
  type DiiCatalogueInput,
  type DiiCatalogueSummary,
  diiCatalogue,
  diiCatalogueInput,
  type StoredDiiValue,
  storedDiiValue,
  toIssues,
} from '@hatang/contracts';
import { orm, type RowOf, type Sql } from '@hatang/db';
import { diiCatalogues, diiValues } from '@hatang/db/schema';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';

/** The catalogue shipped with the app, checked against the contract. */
export async function readCatalogueFile(
  path = new URL('../../../../../data/dii-criteria.json', import.meta.url),
): Promise<DiiCatalogueInput> {
  const parsed = diiCatalogueInput.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) {
    const problems = toIssues(parsed.error).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`data/dii-criteria.json does not match the catalogue contract: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Loads data/dii-criteria.json as version 1 when no catalogue exists yet (idempotent). */
export async function ensureCatalogue(db: Sql): Promise<void> {
  const [row] = await orm(db).select({ n: count() }).from(diiCatalogues);
  if ((row?.n ?? 0) > 0) return;
  const file = await readCatalogueFile();
  await orm(db)
    .insert(diiCatalogues)
    .values({
      id: crypto.randomUUID(),
      version: 1,
      title: file.title,
      source: file.source,
      notes: file.notes,
      groups: file.groups,
    })
    .onConflictDoNothing({ target: diiCatalogues.version });
}

const catalogueFields = {
  id: diiCatalogues.id,
  version: diiCatalogues.version,
  title: diiCatalogues.title,
  source: diiCatalogues.source,
  notes: diiCatalogues.notes,
  groups: diiCatalogues.groups,
  isCurrent: sql<boolean>`${diiCatalogues.version} = (SELECT max(${diiCatalogues.version}) FROM ${diiCatalogues})`,
  createdAt: diiCatalogues.createdAt,
  createdBy: diiCatalogues.createdBy,
};

// The jsonb columns hold what diiCatalogueInput accepted: read back through the contract.
const toCatalogue = (row: RowOf<typeof catalogueFields>): DiiCatalogue => diiCatalogue.parse(row);

/** The catalogue of `version`, or the current (highest) one. */
export async function findCatalogue(db: Sql, version?: number): Promise<DiiCatalogue | undefined> {
  await ensureCatalogue(db);
  const query = orm(db).select(catalogueFields).from(diiCatalogues);
  const [row] =
    version === undefined
      ? await query.orderBy(desc(diiCatalogues.version)).limit(1)
      : await query.where(eq(diiCatalogues.version, version));
  return row && toCatalogue(row);
}

/** Every catalogue version, newest first, without the criteria. */
export async function listCatalogues(db: Sql): Promise<DiiCatalogueSummary[]> {
  await ensureCatalogue(db);
  const rows = await orm(db).select(catalogueFields).from(diiCatalogues).orderBy(desc(diiCatalogues.version));
  return rows.map((row) => {
    const { groups, ...rest } = toCatalogue(row);
    return {
      ...rest,
      groupCount: groups.length,
      criterionCount: groups.reduce((s, g) => s + g.criteria.length, 0),
    };
  });
}

/** Stores `input` as the next version (the caller's transaction); returns its id. */
export async function insertCatalogue(
  tx: Sql,
  input: DiiCatalogueInput,
  userId: string | null,
): Promise<string> {
  const id = crypto.randomUUID();
  await orm(tx)
    .insert(diiCatalogues)
    .values({
      id,
      version: sql`(SELECT coalesce(max(${diiCatalogues.version}), 0) + 1 FROM ${diiCatalogues})`,
      title: input.title,
      source: input.source,
      notes: input.notes,
      groups: input.groups,
      createdBy: userId,
    });
  return id;
}

const valueFields = {
  id: diiValues.id,
  criterionCode: diiValues.criterionCode,
  year: diiValues.year,
  value: diiValues.value,
  source: diiValues.source,
  note: diiValues.note,
  version: diiValues.version,
  enteredAt: diiValues.enteredAt,
  enteredBy: diiValues.enteredBy,
};

/** The source column holds 'manual' or 'computed' only (its CHECK constraint); read as such. */
const toValue = (row: RowOf<typeof valueFields>): StoredDiiValue => ({
  ...row,
  source: storedDiiValue.shape.source.parse(row.source),
});

/** The values of `year`, by criterion, or every value by year then criterion. */
export async function listValues(db: Sql, year?: number): Promise<StoredDiiValue[]> {
  const query = orm(db).select(valueFields).from(diiValues);
  const rows =
    year === undefined
      ? await query.orderBy(asc(diiValues.year), asc(diiValues.criterionCode))
      : await query.where(eq(diiValues.year, year)).orderBy(asc(diiValues.criterionCode));
  return rows.map(toValue);
}

/** One criterion's value of one year, held for an update (the caller's transaction). */
export async function findValue(db: Sql, code: string, year: number): Promise<StoredDiiValue | undefined> {
  const [row] = await orm(db)
    .select(valueFields)
    .from(diiValues)
    .where(and(eq(diiValues.criterionCode, code), eq(diiValues.year, year)))
    .for('update');
  return row && toValue(row);
}

/** Inserts or replaces one value (the caller's transaction); returns it as stored. */
export async function upsertValue(
  tx: Sql,
  value: {
    criterionCode: string;
    year: number;
    value: number;
    source: 'manual' | 'computed';
    note: string | null;
  },
  userId: string | null,
): Promise<StoredDiiValue> {
  const [row] = await orm(tx)
    .insert(diiValues)
    .values({ id: crypto.randomUUID(), ...value, enteredBy: userId })
    .onConflictDoUpdate({
      target: [diiValues.criterionCode, diiValues.year],
      set: {
        value: sql`excluded.value`,
        source: sql`excluded.source`,
        note: sql`excluded.note`,
        enteredBy: sql`excluded.entered_by`,
        enteredAt: sql`now()`,
        version: sql`${diiValues.version} + 1`,
      },
    })
    .returning(valueFields);
  if (!row) throw new Error('DII value vanished after upsert');
  return toValue(row);
}

export async function deleteValue(tx: Sql, id: string): Promise<void> {
  await orm(tx).delete(diiValues).where(eq(diiValues.id, id));
}

/** Whether any value of these years is stored. */
export async function hasValuesOf(db: Sql, years: readonly number[]): Promise<boolean> {
  const [row] = await orm(db)
    .select({ n: count() })
    .from(diiValues)
    .where(inArray(diiValues.year, [...years]));
  return (row?.n ?? 0) > 0;
}

/** Inserts values, leaving any already stored for the same criterion and year (the caller's transaction). */
export async function insertValuesIfAbsent(
  tx: Sql,
  values: readonly { criterionCode: string; year: number; value: number; note: string }[],
): Promise<void> {
  if (values.length === 0) return;
  await orm(tx)
    .insert(diiValues)
    .values(values.map((v) => ({ id: crypto.randomUUID(), ...v, source: 'manual' })))
    .onConflictDoNothing({ target: [diiValues.criterionCode, diiValues.year] });
}
