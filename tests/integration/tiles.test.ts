/**
 * Vector tiles through HTTP: every layer answers a valid MVT, attributes thin out at low zoom and
 * never include what the viewer may not see, ETags differ by viewer tier, and (on PostGIS) the JS
 * encoder gives the same features as ST_AsMVT for the same tile.
 */
import type { Database } from '@hatang/db';
import { lngLatToTile, type TileId } from '@hatang/geo';
import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { TILE_LAYERS } from '../../apps/api/src/features/tiles-ogc/tile-layers.js';
import { createOrganisation, createUnitWithCells, farAway, sampleFeature } from '../support/fixtures.js';

import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

const where = farAway(5000);
const SECRET_BACKUP_HOURS = 9.87654;
let db: Database;
let app: App;
let ownerOrg: string;
let owner: Session;
let competitor: Session;
let planner: Session;
const ids: Record<string, string> = {};
let unitCode: string;

function decode(bytes: Uint8Array, layer: string): VectorTileFeature[] {
  const decoded = new VectorTile(new PbfReader(bytes)).layers[layer];
  return decoded ? Array.from({ length: decoded.length }, (_, i) => decoded.feature(i)) : [];
}

async function getTile(path: string, session?: Session, headers: Record<string, string> = {}) {
  const response = await app.request(path, { headers: { ...session?.headers, ...headers } });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

const tilePath = (layer: string, t: TileId) => `/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt`;
const ours = (features: VectorTileFeature[], id: string | undefined) =>
  features.find((f) => f.properties.id === id);

beforeAll(async () => {
  db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  ownerOrg = await createOrganisation(db, 'operator');
  owner = await sessionFor(app, db, ownerOrg, ['operator_editor']);
  competitor = await sessionFor(app, db, await createOrganisation(db, 'operator'), ['operator_viewer']);
  planner = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
  for (const path of ['towers', 'poles', 'ducts', 'cable-routes']) {
    const feature = sampleFeature(path, ownerOrg, `tile-${crypto.randomUUID().slice(0, 8)}`, where);
    if (path === 'towers') Object.assign(feature.properties, { powerBackupHours: SECRET_BACKUP_HOURS });
    if (path === 'ducts') {
      // Long enough to cross several z16 tiles, so clipping is exercised.
      feature.geometry = { type: 'LineString', coordinates: [where, [where[0] + 0.02, where[1] + 0.011]] };
    }
    const created = await call<{ id: string }>(app, 'POST', `/api/v1/${path}`, { as: owner, json: feature });
    expect(created.status).toBe(201);
    ids[path] = created.body.id;
  }
  // A commune-sized square with a 3×3 block of 100 m population cells at its centre.
  unitCode = await createUnitWithCells(db, where);
});

describe(`vector tiles on ${process.env.DATABASE_URL ? 'PostGIS (ST_AsMVT)' : 'PGlite (JS encoder)'}`, () => {
  const z16 = lngLatToTile(where, 16);

  it('shows anonymous viewers the public attributes of a tower and nothing else', async () => {
    const { response, bytes } = await getTile(tilePath('towers', z16));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    const tower = ours(decode(bytes, 'towers'), ids.towers);
    expect(tower?.type).toBe(1);
    // adminUnitCode is public too, but null (left out) here: the tower stood in no commune when made.
    expect(Object.keys(tower!.properties).sort()).toEqual(
      ['id', 'ownerOrgId', 'placement', 'status', 'structure', 'towerClass'].sort(),
    );
    expect(new TextDecoder('latin1').decode(bytes)).not.toContain(String(SECRET_BACKUP_HOURS));
  });

  it('shows a competitor what co-location needs but never owner-only fields', async () => {
    const tower = ours(
      decode((await getTile(tilePath('towers', z16), competitor)).bytes, 'towers'),
      ids.towers,
    );
    expect(tower?.properties).toMatchObject({ heightM: 42, antennaSlotsTotal: 12, tenantCount: 0 });
    expect(tower?.properties).not.toHaveProperty('powerBackupHours');
    const cable = decode((await getTile(tilePath('cable-routes', z16), competitor)).bytes, 'cable-routes');
    expect(ours(cable, ids['cable-routes'])?.properties).not.toHaveProperty('coreCount');
  });

  it('shows the owner and planners their full attributes', async () => {
    for (const session of [owner, planner]) {
      const tower = ours(
        decode((await getTile(tilePath('towers', z16), session)).bytes, 'towers'),
        ids.towers,
      );
      expect(tower?.properties.powerBackupHours).toBe(SECRET_BACKUP_HOURS);
      const cable = decode((await getTile(tilePath('cable-routes', z16), session)).bytes, 'cable-routes');
      expect(ours(cable, ids['cable-routes'])?.properties.coreCount).toBe(48);
    }
  });

  it('keeps a few attributes at low zoom', async () => {
    const { bytes } = await getTile(tilePath('towers', lngLatToTile(where, 10)), planner);
    expect(Object.keys(ours(decode(bytes, 'towers'), ids.towers)!.properties).sort()).toEqual(
      ['id', 'status', 'towerClass'].sort(),
    );
  });

  it('gives each viewer tier its own ETag and answers 304 to a matching If-None-Match', async () => {
    const anonymous = await getTile(tilePath('towers', z16));
    const signedIn = await getTile(tilePath('towers', z16), competitor);
    const etag = anonymous.response.headers.get('etag')!;
    expect(etag).toMatch(/^"public-/);
    expect(signedIn.response.headers.get('etag')).toMatch(/^"sharing-/);
    expect(anonymous.response.headers.get('cache-control')).toBe('public, max-age=60');
    expect(signedIn.response.headers.get('cache-control')).toBe('private, max-age=60');
    expect(anonymous.response.headers.get('vary')).toContain('Cookie');
    const again = await getTile(tilePath('towers', z16), undefined, { 'if-none-match': etag });
    expect(again.response.status).toBe(304);
    // The same ETag must not validate a signed-in viewer's copy.
    const other = await getTile(tilePath('towers', z16), competitor, { 'if-none-match': etag });
    expect(other.response.status).toBe(200);
  });

  it('answers every layer with a valid tile, empty ones included', async () => {
    for (const layer of TILE_LAYERS) {
      const z = Math.max(layer.minzoom, 14);
      const { response, bytes } = await getTile(tilePath(layer.id, lngLatToTile(where, z)));
      expect(response.status, layer.id).toBe(200);
      expect(() => new VectorTile(new PbfReader(bytes)), layer.id).not.toThrow();
      const empty = await getTile(tilePath(layer.id, lngLatToTile([-150, -60], z)));
      expect(empty.bytes.byteLength, layer.id).toBe(0);
    }
    expect((await getTile(tilePath('poles', lngLatToTile(where, 5)))).bytes.byteLength).toBe(0);
  });

  it('draws the commune and sums population cells into coarser cells at lower zooms', async () => {
    const units = decode(
      (await getTile(tilePath('admin-units', lngLatToTile(where, 12)))).bytes,
      'admin-units',
    );
    expect(units.find((u) => u.properties.code === unitCode)?.type).toBe(3);
    const cells = (z: number) =>
      decode(getTileSync.get(z) ?? new Uint8Array(), 'population').map((f) => f.properties);
    const getTileSync = new Map<number, Uint8Array>();
    for (const z of [10, 14])
      getTileSync.set(z, (await getTile(tilePath('population', lngLatToTile(where, z)))).bytes);
    const total = (z: number) => cells(z).reduce((sum, p) => sum + Number(p.populationCount), 0);
    expect(total(14)).toBe(900);
    expect(cells(14)).toHaveLength(9);
    expect(total(10)).toBe(900);
    expect(cells(10).length).toBeLessThan(9);
  });

  it('refuses tiles outside the pyramid and unknown layers', async () => {
    expect((await call(app, 'GET', '/tiles/towers/3/9/0.mvt')).status).toBe(400);
    expect((await call(app, 'GET', '/tiles/secrets/3/1/1.mvt')).status).toBe(404);
  });

  it('describes each layer in a TileJSON without fields the viewer cannot see', async () => {
    const anonymous = await call<{
      tiles: string[];
      minzoom: number;
      vector_layers: { id: string; fields: Record<string, string> }[];
    }>(app, 'GET', '/tiles/towers.json');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.tiles[0]).toMatch(/\/tiles\/towers\/\{z\}\/\{x\}\/\{y\}\.mvt$/);
    expect(anonymous.body.vector_layers[0]?.id).toBe('towers');
    expect(Object.keys(anonymous.body.vector_layers[0]!.fields)).not.toContain('heightM');
    const full = await call<{ vector_layers: { fields: Record<string, string> }[] }>(
      app,
      'GET',
      '/tiles/towers.json',
      {
        as: planner,
      },
    );
    expect(Object.keys(full.body.vector_layers[0]!.fields)).toContain('powerBackupHours');
  });
});
