/**
 * The automatic checks' configuration, versioned in `permit_check_config`: every change is a new
 * row; the current configuration is the highest version. Without any row the built-in defaults
 * (packages/contracts permit-check-config.ts) are version 0.
 */
import { DEFAULT_PERMIT_CHECK_CONFIG, type PermitCheckConfig, permitCheckConfig } from '@hatang/contracts';
import { orm, type RowOf, type Sql } from '@hatang/db';
import { permitCheckConfig as configTable } from '@hatang/db/schema';
import { desc } from 'drizzle-orm';

export interface CheckConfigVersion {
  version: number;
  /** The version's id (null for the built-in defaults). */
  id: string | null;
  params: PermitCheckConfig;
  note: string | null;
  createdBy: string | null;
  createdAt: string | null;
}

const configFields = {
  version: configTable.version,
  id: configTable.id,
  params: configTable.params,
  note: configTable.note,
  createdBy: configTable.createdBy,
  createdAt: configTable.createdAt,
};
const toVersion = (row: RowOf<typeof configFields>): CheckConfigVersion => ({
  ...row,
  params: complete(row.params),
});
const newestFirst = (db: Sql) =>
  orm(db).select(configFields).from(configTable).orderBy(desc(configTable.version));

/**
 * Stored parameters as the checks read them: parameters added after a version was stored take
 * their defaults (one level deep), then the whole is validated.
 */
function complete(stored: unknown): PermitCheckConfig {
  const base = structuredClone(DEFAULT_PERMIT_CHECK_CONFIG) as unknown as Record<string, unknown>;
  const given = (stored ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(given)) {
    const fallback = base[key];
    base[key] =
      fallback &&
      typeof fallback === 'object' &&
      !Array.isArray(fallback) &&
      value &&
      typeof value === 'object'
        ? { ...fallback, ...value }
        : value;
  }
  return permitCheckConfig.parse(base) as PermitCheckConfig;
}

export const DEFAULT_CONFIG_VERSION: CheckConfigVersion = {
  version: 0,
  id: null,
  params: DEFAULT_PERMIT_CHECK_CONFIG as PermitCheckConfig,
  note: 'Built-in defaults',
  createdBy: null,
  createdAt: null,
};

/** The current configuration (`lock`: FOR UPDATE of the latest row, for a writer). */
export async function currentCheckConfig(sql: Sql, lock = false): Promise<CheckConfigVersion> {
  const query = newestFirst(sql).limit(1);
  const [row] = lock ? await query.for('update') : await query;
  return row ? toVersion(row) : DEFAULT_CONFIG_VERSION;
}

/** Every version, newest first (the built-in defaults last, as version 0). */
export async function checkConfigHistory(sql: Sql): Promise<CheckConfigVersion[]> {
  const rows = await newestFirst(sql).limit(500);
  return [...rows.map(toVersion), DEFAULT_CONFIG_VERSION];
}

/** Stores `params` as `version` (the caller checked If-Match against the current version). */
export async function insertCheckConfig(
  tx: Sql,
  version: number,
  params: PermitCheckConfig,
  note: string | null,
  createdBy: string | null,
): Promise<CheckConfigVersion> {
  await orm(tx).insert(configTable).values({ version, id: crypto.randomUUID(), params, note, createdBy });
  return currentCheckConfig(tx);
}
