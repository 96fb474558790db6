/**
 * What the API costs on top of PostGIS for the map's main request: poles in a city-centre bbox
 * (~4,000 features) as a GeoJSON FeatureCollection. Peer: the same bbox query in plain SQL
 * on the same embedded database, rows only (no HTTP, no validation, no JSON encoding).
 */
import { migrate, openDatabase } from '@hatang/db';
import { seedDemoData } from '@hatang/seeds';
import { bench, describe } from 'vitest';
import { createApp } from '../../apps/api/src/app.js';

const db = await openDatabase({});
await migrate(db);
await seedDemoData(db);
const app = createApp({ db });
const bbox = [106.66, 20.84, 106.7, 20.87] as const;

describe('poles in the Hai Phong centre bbox', () => {
  bench('Hatang API: GET /api/v1/poles?bbox (GeoJSON)', async () => {
    const response = await app.request(`/api/v1/poles?bbox=${bbox.join(',')}&limit=10000`);
    await response.json();
  });

  bench('peer: PostGIS SQL bbox query (rows)', async () => {
    await db.query(
      `SELECT id, ST_AsGeoJSON(geom, 7) AS geometry, code, status, material, owner_sector, height_m
       FROM poles WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) ORDER BY id`,
      [...bbox],
    );
  });
});
