import { openDatabase } from '../database.js';
import { migrate } from '../migrate.js';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded database. */
// A command-line entry point: nothing calls it to pass settings in, so it reads the two it needs
// here (as apps/api/src/env.ts does for the server; db must not import the API). The library
// itself (openDatabase, migrate) takes them as options.
const db = await openDatabase({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.HATANG_DATA_DIR ?? '.data',
  purpose: 'npm run db:migrate',
});
try {
  const applied = await migrate(db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date');
} finally {
  await db.close();
}
