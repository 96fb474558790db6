/**
 * Tile generation for a dense city-centre tile (poles, z14, anonymous viewer).
 * - PostGIS (when DATABASE_URL is set): our route (HTTP, shared query, redaction, ETag) vs the
 *   peer, a plain ST_AsMVT query written by hand, in the same run on the same database.
 * - PGlite: our JS encoder path through the same route, compared with the ST_AsMVT peer above.
 * Prints ms per tile and the ratios.
 */
import { type Database, migrate, openDatabase } from '@hatang/db';
import { lngLatToTile } from '@hatang/geo';
import { seedDemoData } from '@hatang/seeds';
import { bench, describe } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';

const tile = lngLatToTile([106.68, 20.86], 14);
const path = `/tiles/poles/${tile.z}/${tile.x}/${tile.y}.mvt`;

async function seeded(databaseUrl?: string): Promise<Database> {
  const db = await openDatabase({ databaseUrl });
  const count = databaseUrl
    ? await db
        .query<{ n: number }>('SELECT count(*)::int AS n FROM poles')
        .then((r) => r[0]?.n ?? 0)
        .catch(() => 0)
    : 0;
  if (count < 10_000) {
    if (databaseUrl) await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public');
    await migrate(db);
    await seedDemoData(db);
  }
  return db;
}

const pglite = await seeded();
const pgliteApp = createApp({ db: pglite });
const postgis = process.env.DATABASE_URL ? await seeded(process.env.DATABASE_URL) : undefined;
const postgisApp = postgis ? createApp({ db: postgis }) : undefined;

/** The peer: what one would write by hand for the same tile and the same public attributes. */
const handWritten = (db: Database) =>
  db.query<{ tile: Uint8Array }>(
    `SELECT ST_AsMVT(t.*, 'poles', 4096, 'geom') AS tile FROM (
       SELECT ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope($1, $2, $3), 4096, 64, true) AS geom,
              id::text AS id, owner_org_id::text AS "ownerOrgId", status, material, owner_sector AS "ownerSector"
       FROM poles WHERE geom && ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096), 4326)
     ) t WHERE t.geom IS NOT NULL`,
    [tile.z, tile.x, tile.y],
  );

const viaRoute = async (app: App) => {
  const response = await app.request(path);
  return new Uint8Array(await response.arrayBuffer());
};

async function msPerCall(fn: () => Promise<unknown>, n = 30): Promise<number> {
  for (let i = 0; i < 3; i++) await fn();
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn();
  return (performance.now() - start) / n;
}

async function report(): Promise<void> {
  const js = await msPerCall(() => viaRoute(pgliteApp));
  const bytes = (await viaRoute(pgliteApp)).byteLength;
  const lines = [`JS encoder on PGlite, through the route: ${js.toFixed(2)} ms/tile (${bytes} bytes)`];
  if (postgis && postgisApp) {
    const ours = await msPerCall(() => viaRoute(postgisApp));
    const peer = await msPerCall(() => handWritten(postgis));
    lines.push(
      `Hatang route on PostGIS (ST_AsMVT): ${ours.toFixed(2)} ms/tile (${(await viaRoute(postgisApp)).byteLength} bytes)`,
      `peer, hand-written ST_AsMVT query:  ${peer.toFixed(2)} ms/tile`,
      `ratio route / hand-written ST_AsMVT: ${(ours / peer).toFixed(2)}×`,
      `ratio JS encoder on PGlite / ST_AsMVT peer: ${(js / peer).toFixed(2)}×`,
    );
  }
  process.stdout.write(`\n[tiles bench]\n${lines.join('\n')}\n\n`);
}

// Figures printed up front: vitest bench prints hz, these print ms/tile and the ratios.
await report();

describe(`poles tile ${tile.z}/${tile.x}/${tile.y}`, () => {
  if (postgis && postgisApp) {
    bench('Hatang route on PostGIS (ST_AsMVT)', async () => {
      await viaRoute(postgisApp);
    });
    bench('peer: hand-written ST_AsMVT query on PostGIS', async () => {
      await handWritten(postgis);
    });
  }
  bench('Hatang route on PGlite (JS encoder)', async () => {
    await viaRoute(pgliteApp);
  });
});
