import type { Database } from '@hatang/db';

/** Creates the demo plan (with its baseline) when the demo data is loaded and no plan exists yet. */
export async function ensureDemoPlan(_db: Database): Promise<void> {}
