import type { Database } from '@hatang/db';
import { ensureCatalogue, hasValuesOf, insertValuesIfAbsent } from './dii-repository.js';

/**
 * Synthetic DII values for 2024 and 2025 (like every demo asset, made up: not Hai Phong's
 * reported figures), so the dashboard has a trend to show on a demo database.
 */
const DEMO_VALUES: Record<string, [number, number]> = {
  'HT1.01': [18.5, 34.2],
  'HT1.02': [97.1, 98.6],
  'HT1.03': [71, 78.5],
  'HT1.04': [142.3, 186.9],
  'HT1.05': [61.8, 92.4],
  'HT1.06': [82, 87.5],
  'HT1.07': [46, 58],
  'HT1.08': [410, 525],
  'HT1.09': [31.5, 34.8],
  'HT1.10': [1.42, 1.47],
  'HT1.11': [1180, 1265],
  'HT1.12': [38.4, 41.9],
  'HT1.13': [1, 1],
  'HT1.14': [61, 68],
  'HT1.15': [84, 88],
  'HT2.01': [0, 0],
  'HT2.02': [12, 15],
  'HT2.03': [42, 55],
  'HT2.04': [1, 1],
  'HT3.01': [8.5, 11.2],
  'HT3.02': [2150, 3400],
  'HT4.01': [22, 41],
  'HT4.02': [48, 63],
};

/**
 * Loads the DII catalogue (data/dii-criteria.json) if none exists, and demo values for 2024 and
 * 2025 when neither year has any value yet: idempotent, and it never overwrites what a planner
 * entered (or deleted) for those years.
 */
export async function ensureDemoDii(db: Database): Promise<void> {
  await ensureCatalogue(db);
  await db.transaction(async (tx) => {
    if (await hasValuesOf(tx, [2024, 2025])) return;
    await insertValuesIfAbsent(
      tx,
      Object.entries(DEMO_VALUES).flatMap(([criterionCode, pair]) =>
        pair.map((value, i) => ({ criterionCode, year: 2024 + i, value, note: 'Demo value (synthetic)' })),
      ),
    );
  });
}
