/**
 * The automatic checks' configuration, versioned in `permit_check_config`: every change is a new
 * row; the current configuration is the highest version. Without any row the built-in defaults
 * (packages/analysis permit-check-config.ts) are version 0.
 */
import { DEFAULT_PERMIT_CHECK_CONFIG, type PermitCheckConfig } from '@hatang/analysis';
import { permitCheckConfig } from '@hatang/contracts';
import type { Sql } from '@hatang/db';

export interface CheckConfigVersion {
  version: number;
  /** The version's id (null for the built-in defaults). */
  id: string | null;
  params: PermitCheckConfig;
  note: string | null;
  createdBy: string | null;
  createdAt: string | null;
}

const COLUMNS = `version, id::text AS id, params, note, created_by::text AS "createdBy",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;

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
  const rows = await sql.query<CheckConfigVersion>(
    `SELECT ${COLUMNS} FROM permit_check_config ORDER BY version DESC LIMIT 1${lock ? ' FOR UPDATE' : ''}`,
  );
  const row = rows[0];
  return row ? { ...row, params: complete(row.params) } : DEFAULT_CONFIG_VERSION;
}

/** Every version, newest first (the built-in defaults last, as version 0). */
export async function checkConfigHistory(sql: Sql): Promise<CheckConfigVersion[]> {
  const rows = await sql.query<CheckConfigVersion>(
    `SELECT ${COLUMNS} FROM permit_check_config ORDER BY version DESC LIMIT 500`,
  );
  return [...rows.map((r) => ({ ...r, params: complete(r.params) })), DEFAULT_CONFIG_VERSION];
}

/** Stores `params` as `version` (the caller checked If-Match against the current version). */
export async function insertCheckConfig(
  tx: Sql,
  version: number,
  params: PermitCheckConfig,
  note: string | null,
  createdBy: string | null,
): Promise<CheckConfigVersion> {
  await tx.query(
    `INSERT INTO permit_check_config (version, id, params, note, created_by) VALUES ($1, $2, $3::text::jsonb, $4, $5)`,
    [version, crypto.randomUUID(), JSON.stringify(params), note, createdBy],
  );
  return currentCheckConfig(tx);
}
