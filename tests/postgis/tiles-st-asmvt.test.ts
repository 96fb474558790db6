/**
 * The JS tile encoder (the PGlite path) and ST_AsMVT decode to the same features for the same
 * tile, geometry within one tile unit. Needs PostGIS: this folder runs only with DATABASE_URL
 * (see vitest.config.ts), which CI sets.
 */
import type { Database } from '@hatang/db';
import { lngLatToTile, tileBBox } from '@hatang/geo';
import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../apps/api/src/app.js';
import { TILE_LAYERS, tileLayer } from '../../apps/api/src/features/tiles-ogc/tile-layers.js';
import { jsRenderer, stAsMvtRenderer } from '../../apps/api/src/features/tiles-ogc/tile-renderer.js';
import { tileSource } from '../../apps/api/src/features/tiles-ogc/tile-source.js';
import { createOrganisation, createUnitWithCells, farAway, sampleFeature } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

const where = farAway(5500);
let db: Database;

function decode(bytes: Uint8Array, layer: string): VectorTileFeature[] {
  const decoded = new VectorTile(new PbfReader(bytes)).layers[layer];
  return decoded ? Array.from({ length: decoded.length }, (_, i) => decoded.feature(i)) : [];
}

beforeAll(async () => {
  db = await testDatabase();
  if (db.kind !== 'postgres') throw new Error('tests/postgis needs DATABASE_URL pointing at PostGIS');
  const app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  const org = await createOrganisation(db, 'operator');
  const owner = await sessionFor(app, db, org, ['operator_editor']);
  for (const path of ['towers', 'poles', 'ducts', 'cable-routes']) {
    const feature = sampleFeature(path, org, `cmp-${crypto.randomUUID().slice(0, 8)}`, where);
    if (path === 'ducts') {
      feature.geometry = { type: 'LineString', coordinates: [where, [where[0] + 0.02, where[1] + 0.011]] };
    }
    expect((await call(app, 'POST', `/api/v1/${path}`, { as: owner, json: feature })).status).toBe(201);
  }
  await createUnitWithCells(db, where, 'Xã So Sánh');
});

describe('the JS encoder against ST_AsMVT (PostGIS)', () => {
  /** Vertices of a decoded feature, consecutive duplicates removed. */
  const vertices = (f: VectorTileFeature) =>
    f
      .loadGeometry()
      .map((ring) => ring.filter((p, i) => i === 0 || p.x !== ring[i - 1]!.x || p.y !== ring[i - 1]!.y));
  const key = (f: VectorTileFeature) =>
    String(f.properties.id ?? f.properties.code ?? JSON.stringify(f.properties));

  it.each(TILE_LAYERS.map((l) => [l.id]))('gives the same %s features for the same tile', async (id) => {
    const layer = tileLayer(id)!;
    for (const z of [Math.max(layer.minzoom, 12), 16]) {
      const tile = lngLatToTile([where[0] + 0.004, where[1] + 0.002], Math.min(z, layer.maxzoom));
      const source = tileSource(layer, tile, undefined);
      const fromPostgis = decode(await stAsMvtRenderer.render(db, id, tile, source), id);
      const fromJs = decode(await jsRenderer.render(db, id, tile, source), id);
      expect(fromJs.map(key).sort(), `${id} z${tile.z}`).toEqual(fromPostgis.map(key).sort());
      for (const expected of fromPostgis) {
        // Features without an id (population cells) are told apart by where they are.
        const centre = (f: VectorTileFeature) => {
          const [minX = 0, minY = 0, maxX = 0, maxY = 0] = f.bbox();
          return [(minX + maxX) / 2, (minY + maxY) / 2] as const;
        };
        const [ex, ey] = centre(expected);
        const actual = fromJs
          .filter((f) => key(f) === key(expected))
          .sort(
            (f, g) =>
              Math.hypot(centre(f)[0] - ex, centre(f)[1] - ey) -
              Math.hypot(centre(g)[0] - ex, centre(g)[1] - ey),
          )[0]!;
        expect(actual.properties).toEqual(expected.properties);
        expect(actual.type).toBe(expected.type);
        const a = vertices(actual).flat();
        const b = vertices(expected).flat();
        if (expected.type === 3) {
          // Polygons: ST_AsMVTGeom may start rings elsewhere; compare the bounds.
          const bounds = (ps: { x: number; y: number }[]) => [
            Math.min(...ps.map((p) => p.x)),
            Math.min(...ps.map((p) => p.y)),
            Math.max(...ps.map((p) => p.x)),
            Math.max(...ps.map((p) => p.y)),
          ];
          const want = bounds(b);
          for (const [i, v] of bounds(a).entries()) expect(Math.abs(v - want[i]!)).toBeLessThanOrEqual(1);
        } else {
          expect(a.length, `${id} ${key(expected)}`).toBe(b.length);
          a.forEach((p, i) => {
            expect(Math.abs(p.x - b[i]!.x)).toBeLessThanOrEqual(1);
            expect(Math.abs(p.y - b[i]!.y)).toBeLessThanOrEqual(1);
          });
        }
      }
    }
    expect(tileBBox(lngLatToTile(where, 16))[0]).toBeLessThan(where[0] + 0.004);
  });
});
