import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { encodeTile } from './encode-tile.js';
import { isValidTile, lngLatToTile, TILE_EXTENT, tileBBox } from './tile-math.js';

const HAI_PHONG_OPERA: [number, number] = [106.6822, 20.8587];

describe('tile math', () => {
  it('puts a point inside the bbox of the tile that contains it', () => {
    for (const z of [0, 5, 10, 14, 18]) {
      const tile = lngLatToTile(HAI_PHONG_OPERA, z);
      const [w, s, e, n] = tileBBox(tile);
      expect(HAI_PHONG_OPERA[0]).toBeGreaterThanOrEqual(w);
      expect(HAI_PHONG_OPERA[0]).toBeLessThan(e);
      expect(HAI_PHONG_OPERA[1]).toBeGreaterThan(s);
      expect(HAI_PHONG_OPERA[1]).toBeLessThanOrEqual(n);
    }
  });

  it('knows the world tile and refuses tiles outside the pyramid', () => {
    const [w, s, e, n] = tileBBox({ z: 0, x: 0, y: 0 });
    expect([w, e]).toEqual([-180, 180]);
    expect(n).toBeCloseTo(85.0511, 4);
    expect(s).toBeCloseTo(-85.0511, 4);
    expect(isValidTile({ z: 2, x: 3, y: 3 })).toBe(true);
    expect(isValidTile({ z: 2, x: 4, y: 0 })).toBe(false);
    expect(isValidTile({ z: 23, x: 0, y: 0 })).toBe(false);
    expect(isValidTile({ z: 1.5, x: 0, y: 0 })).toBe(false);
  });
});

describe('JS tile encoder', () => {
  const tile = lngLatToTile(HAI_PHONG_OPERA, 15);
  const [w, s, e, n] = tileBBox(tile);

  it('encodes points and lines that decode back to the same place and attributes', () => {
    const bytes = encodeTile('poles', tile, [
      {
        geometry: { type: 'Point', coordinates: [(w + e) / 2, (s + n) / 2] },
        properties: { id: 'a', h: 8.5 },
      },
      {
        // Runs far past the tile's east edge: clipped to the buffer.
        geometry: {
          type: 'LineString',
          coordinates: [
            [w, (s + n) / 2],
            [e + (e - w), (s + n) / 2],
          ],
        },
        properties: { id: 'b', secret: null, shared: true },
      },
    ]);
    const layer = new VectorTile(new PbfReader(bytes)).layers.poles!;
    expect(layer.extent).toBe(TILE_EXTENT);
    expect(layer.length).toBe(2);
    const point = layer.feature(0);
    expect(point.properties).toEqual({ id: 'a', h: 8.5 });
    const p = point.loadGeometry()[0]![0]!;
    expect(Math.abs(p.x - 2048)).toBeLessThanOrEqual(1);
    const line = layer.feature(1);
    expect(line.properties).toEqual({ id: 'b', shared: true });
    const xs = line.loadGeometry()[0]!.map((q) => q.x);
    expect(Math.min(...xs)).toBe(0);
    expect(Math.max(...xs)).toBe(TILE_EXTENT + 64);
  });

  it('gives an empty (valid) tile when nothing falls in it', () => {
    expect(encodeTile('poles', tile, []).byteLength).toBe(0);
    const elsewhere = encodeTile('poles', tile, [
      { geometry: { type: 'Point', coordinates: [0, 0] }, properties: {} },
    ]);
    expect(Object.keys(new VectorTile(new PbfReader(elsewhere)).layers)).toEqual([]);
  });
});
