/**
 * The DII criteria catalogue (versioned; data/dii-criteria.json is version 1) and the yearly
 * values, in the tables of packages/db/migrations/0008_indicators.sql.
 */
import { readFile } from 'node:fs/promises';
import {
  type DiiCatalogue,
  type DiiCatalogueInput,
  type DiiValue,
  diiCatalogueInput,
  toIssues,
} from '@hatang/contracts';
import type { Sql } from '@hatang/db';

const ts = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The catalogue shipped with the app, checked against the contract. */
export async function readCatalogueFile(
  path = new URL('../../../../data/dii-criteria.json', import.meta.url),
): Promise<DiiCatalogueInput> {
  const parsed = diiCatalogueInput.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) {
    const problems = toIssues(parsed.error).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`data/dii-criteria.json does not match the catalogue contract: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Loads data/dii-criteria.json as version 1 when no catalogue exists yet (idempotent). */
export async function ensureCatalogue(sql: Sql): Promise<void> {
  const rows = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM dii_catalogues');
  if (Number(rows[0]?.n ?? 0) > 0) return;
  const file = await readCatalogueFile();
  await sql.query(
    `INSERT INTO dii_catalogues (id, version, title, source, notes, groups)
     VALUES ($1, 1, $2::text::jsonb, $3, $4, $5::text::jsonb) ON CONFLICT (version) DO NOTHING`,
    [crypto.randomUUID(), JSON.stringify(file.title), file.source, file.notes, JSON.stringify(file.groups)],
  );
}

const SELECT_CATALOGUE = `SELECT c.id::text AS id, c.version, c.title, c.source, c.notes, c.groups,
    c.version = (SELECT max(version) FROM dii_catalogues) AS "isCurrent",
    ${ts('c.created_at')} AS "createdAt", c.created_by::text AS "createdBy"
  FROM dii_catalogues c`;

const parseJson = <T>(value: unknown): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : (value as T);
const toCatalogue = (row: DiiCatalogue): DiiCatalogue => ({
  ...row,
  title: parseJson(row.title),
  groups: parseJson(row.groups),
});

/** The catalogue of `version`, or the current (highest) one. */
export async function findCatalogue(sql: Sql, version?: number): Promise<DiiCatalogue | undefined> {
  await ensureCatalogue(sql);
  const rows =
    version === undefined
      ? await sql.query<DiiCatalogue>(`${SELECT_CATALOGUE} ORDER BY c.version DESC LIMIT 1`)
      : await sql.query<DiiCatalogue>(`${SELECT_CATALOGUE} WHERE c.version = $1`, [version]);
  return rows[0] ? toCatalogue(rows[0]) : undefined;
}

/** Every catalogue version, newest first, without the criteria. */
export async function listCatalogues(sql: Sql) {
  await ensureCatalogue(sql);
  const rows = await sql.query<DiiCatalogue>(`${SELECT_CATALOGUE} ORDER BY c.version DESC`);
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
  await tx.query(
    `INSERT INTO dii_catalogues (id, version, title, source, notes, groups, created_by)
     SELECT $1, coalesce(max(version), 0) + 1, $2::text::jsonb, $3, $4, $5::text::jsonb, $6 FROM dii_catalogues`,
    [id, JSON.stringify(input.title), input.source, input.notes, JSON.stringify(input.groups), userId],
  );
  return id;
}

const SELECT_VALUE = `SELECT v.id::text AS id, v.criterion_code AS "criterionCode", v.year, v.value, v.source, v.note,
    v.version, ${ts('v.entered_at')} AS "enteredAt", v.entered_by::text AS "enteredBy"
  FROM dii_values v`;

export interface StoredDiiValue extends DiiValue {
  id: string;
  version: number;
}

const toValue = (row: StoredDiiValue): StoredDiiValue => ({
  ...row,
  year: Number(row.year),
  value: Number(row.value),
  version: Number(row.version),
});

export async function listValues(sql: Sql, year?: number): Promise<StoredDiiValue[]> {
  const rows =
    year === undefined
      ? await sql.query<StoredDiiValue>(`${SELECT_VALUE} ORDER BY v.year, v.criterion_code`)
      : await sql.query<StoredDiiValue>(`${SELECT_VALUE} WHERE v.year = $1 ORDER BY v.criterion_code`, [
          year,
        ]);
  return rows.map(toValue);
}

export async function findValue(sql: Sql, code: string, year: number): Promise<StoredDiiValue | undefined> {
  const rows = await sql.query<StoredDiiValue>(
    `${SELECT_VALUE} WHERE v.criterion_code = $1 AND v.year = $2 FOR UPDATE`,
    [code, year],
  );
  return rows[0] ? toValue(rows[0]) : undefined;
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
  await tx.query(
    `INSERT INTO dii_values (id, criterion_code, year, value, source, note, entered_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (criterion_code, year) DO UPDATE SET value = EXCLUDED.value, source = EXCLUDED.source,
       note = EXCLUDED.note, entered_by = EXCLUDED.entered_by, entered_at = now(), version = dii_values.version + 1`,
    [crypto.randomUUID(), value.criterionCode, value.year, value.value, value.source, value.note, userId],
  );
  const stored = await findValue(tx, value.criterionCode, value.year);
  if (!stored) throw new Error('DII value vanished after upsert');
  return stored;
}

export async function deleteValue(tx: Sql, id: string): Promise<void> {
  await tx.query('DELETE FROM dii_values WHERE id = $1', [id]);
}
