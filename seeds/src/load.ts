/** Loads generated tables with one COPY each, inside the caller's transaction. */
import type { Sql } from '@hatang/db';
import type { TableCsv } from './csv.js';

/** Every table the seed fills, in load order (referenced tables first). */
export const SEED_TABLES = [
  'admin_units',
  'organisations',
  'population_cells',
  'streets',
  'towers',
  'tenancies',
  'poles',
  'manholes',
  'ducts',
  'trenches_tunnels',
  'cable_routes',
  'landing_stations',
  'submarine_cables',
  'wifi_points',
  'civil_works',
  'data_centres',
  'street_devices',
  'in_building_systems',
  'key_sites',
  'site_offers',
] as const;

export type SeedTable = (typeof SEED_TABLES)[number];

export async function loadTables(
  tx: Sql,
  tables: readonly TableCsv[],
  onProgress: (step: string) => void = () => {},
): Promise<void> {
  for (const t of tables) {
    onProgress(`COPY ${t.table} (${t.rowCount} rows)`);
    if (t.rowCount > 0) await tx.copyCsv(t.table, t.columns, t.csv);
  }
}

/** One TRUNCATE of every seeded table (CASCADE also clears rows that reference them). */
export function truncateStatement(): string {
  return `TRUNCATE ${SEED_TABLES.join(', ')} CASCADE`;
}
