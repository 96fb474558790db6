import { describe, expect, it } from 'vitest';
import { readGeoJson } from './geojson-read.js';
import { defaultParseLimits, LimitError, type ParseLimits } from './limits.js';

const limits = (overrides: Partial<ParseLimits>): ParseLimits => ({ ...defaultParseLimits, ...overrides });

const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const feature = (geometry: unknown, properties: Record<string, unknown> = {}) => ({
  type: 'Feature',
  geometry,
  properties,
});
const line = (n: number) => ({
  type: 'LineString',
  coordinates: Array.from({ length: n }, (_, i) => [106 + i / 1000, 20.8]),
});

describe('readGeoJson', () => {
  it('reads features, fields and a legacy crs member', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::9210' } },
      features: [feature({ type: 'Point', coordinates: [594000, 2308000] }, { code: 'T1' })],
    });
    const layer = readGeoJson(text);
    expect(layer).toMatchObject({ fields: ['code'], crs: 'EPSG:9210' });
    expect(layer.features[0]?.geometry).toEqual({ type: 'Point', coordinates: [594000, 2308000] });
  });

  it('refuses more features than maxFeatures, naming the limit', () => {
    const text = collection(Array.from({ length: 3 }, () => feature(null)));
    expect(readGeoJson(text, limits({ maxFeatures: 3 })).features).toHaveLength(3);
    const error = (() => {
      try {
        readGeoJson(text, limits({ maxFeatures: 2 }));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LimitError);
    expect((error as Error).message).toBe('The GeoJSON has more than 2 features, the limit (maxFeatures).');
  });

  it('refuses too many vertices in a feature and in the file', () => {
    const text = collection([feature(line(10)), feature(line(10))]);
    expect(readGeoJson(text, limits({ maxVerticesPerFeature: 10, maxVertices: 20 })).features).toHaveLength(
      2,
    );
    expect(() => readGeoJson(text, limits({ maxVerticesPerFeature: 9 }))).toThrow(
      expect.objectContaining({ limit: 'maxVerticesPerFeature', value: 9 }),
    );
    expect(() => readGeoJson(text, limits({ maxVertices: 19 }))).toThrow(
      expect.objectContaining({ limit: 'maxVertices', value: 19 }),
    );
  });

  it('counts the vertices of the members of a GeometryCollection', () => {
    const text = collection([feature({ type: 'GeometryCollection', geometries: [line(6), line(6)] })]);
    expect(() => readGeoJson(text, limits({ maxVerticesPerFeature: 11 }))).toThrow(/maxVerticesPerFeature/);
  });

  it('refuses GeometryCollections nested deeper than maxDepth', () => {
    let geometry: unknown = { type: 'Point', coordinates: [106, 20] };
    for (let i = 0; i < 20; i++) geometry = { type: 'GeometryCollection', geometries: [geometry] };
    const text = collection([feature(geometry)]);
    expect(() => readGeoJson(text, limits({ maxDepth: 32 }))).toThrow(
      'The nesting (JSON arrays and objects of the GeoJSON) is deeper than the limit of 32 levels (maxDepth).',
    );
  });

  it('refuses 100 000 nested arrays before JSON.parse builds them, ignoring brackets inside strings', () => {
    const deep = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":${'['.repeat(100_000)}${']'.repeat(100_000)}}}]}`;
    expect(() => readGeoJson(deep)).toThrow(expect.objectContaining({ limit: 'maxDepth' }));
    const brackets = collection([feature(null, { note: `[[[[{{{{"\\${'['.repeat(100)}` })]);
    expect(readGeoJson(brackets).features).toHaveLength(1);
  });

  it('refuses a property text longer than maxCellChars', () => {
    const text = collection([feature(null, { note: 'x'.repeat(101) })]);
    expect(() => readGeoJson(text, limits({ maxCellChars: 100 }))).toThrow(/maxCellChars/);
  });
});
