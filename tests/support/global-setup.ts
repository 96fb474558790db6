import { migrate, openDatabase } from '@hatang/db';

/** With a server PostGIS, start every run from an empty, freshly migrated schema. */
export default async function setup(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) return;
  const db = await openDatabase({ databaseUrl });
  try {
    await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public');
    await migrate(db);
  } finally {
    await db.close();
  }
}
