import { describe, expect, it } from 'vitest';
import { defaultParseLimits, LimitError, type ParseLimits } from './limits.js';
import { readShapefileZip } from './shapefile-read.js';
import { writeShapefileZip } from './shapefile-write.js';
import { FormatError } from './source-feature.js';
import { unzip, zip } from './zip.js';

const limits = (overrides: Partial<ParseLimits>): ParseLimits => ({ ...defaultParseLimits, ...overrides });
const WGS84 =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

const points = (count: number) =>
  writeShapefileZip(
    'towers',
    Array.from({ length: count }, (_, i) => ({
      geometry: { type: 'Point', coordinates: [106 + i / 1000, 20.8] },
      properties: { code: `T${i}` },
    })),
    WGS84,
    'Point',
  );

const lines = (count: number, vertices: number) =>
  writeShapefileZip(
    'cables',
    Array.from({ length: count }, () => ({
      geometry: {
        type: 'LineString',
        coordinates: Array.from({ length: vertices }, (_, v) => [106 + v / 1000, 20.8]),
      },
      properties: { code: 'C' },
    })),
    WGS84,
    'LineString',
  );

/** The zip with its `.dbf` changed by `edit`. */
function withDbf(bytes: Uint8Array, edit: (dbf: DataView) => void): Uint8Array {
  const entries = unzip(bytes, 'zip');
  const name = Object.keys(entries).find((n) => n.endsWith('.dbf')) ?? '';
  const dbf = (entries[name] as Uint8Array).slice();
  edit(new DataView(dbf.buffer));
  return zip({ ...entries, [name]: dbf });
}

describe('readShapefileZip', () => {
  it('reads points, attributes and the CRS', () => {
    const layer = readShapefileZip(points(2));
    expect(layer.crs).toBe('EPSG:4326');
    expect(layer.features.map((f) => f.properties.code)).toEqual(['T0', 'T1']);
  });

  it('refuses more records than maxFeatures before shpjs reads them', () => {
    expect(readShapefileZip(points(3), limits({ maxFeatures: 3 })).features).toHaveLength(3);
    const error = (() => {
      try {
        readShapefileZip(points(3), limits({ maxFeatures: 2 }));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LimitError);
    expect((error as Error).message).toBe('The Shapefile has more than 2 features, the limit (maxFeatures).');
  });

  it('refuses a line with more vertices than maxVerticesPerFeature, and more than maxVertices in all', () => {
    const bytes = lines(2, 10);
    expect(
      readShapefileZip(bytes, limits({ maxVerticesPerFeature: 10, maxVertices: 20 })).features,
    ).toHaveLength(2);
    expect(() => readShapefileZip(bytes, limits({ maxVerticesPerFeature: 9 }))).toThrow(
      expect.objectContaining({ limit: 'maxVerticesPerFeature' }),
    );
    expect(() => readShapefileZip(bytes, limits({ maxVertices: 19 }))).toThrow(
      expect.objectContaining({ limit: 'maxVertices' }),
    );
  });

  it('refuses a .dbf that claims four billion records in a few bytes (parsedbf would loop over them)', () => {
    const bytes = withDbf(points(1), (dbf) => dbf.setUint32(4, 0xffffffff, true));
    expect(() => readShapefileZip(bytes)).toThrow(expect.objectContaining({ limit: 'maxFeatures' }));
    expect(() => readShapefileZip(bytes, limits({ maxFeatures: 0xffffffff }))).toThrow(
      /too short to hold them/,
    );
  });

  it('refuses a .dbf whose record length is 0 (each record would cost work and no bytes)', () => {
    const bytes = withDbf(points(1), (dbf) => dbf.setUint16(10, 0, true));
    const error = (() => {
      try {
        readShapefileZip(bytes);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(FormatError);
    expect((error as Error).message).toMatch(/record length does not fit its fields/);
  });

  it('passes the limits to the unzip', () => {
    expect(() => readShapefileZip(points(2), limits({ maxInflatedBytes: 100 }))).toThrow(/maxInflatedBytes/);
  });

  it('refuses a .prj longer than maxCellChars', () => {
    const entries = unzip(points(1), 'zip');
    const bytes = zip({ ...entries, 'towers.prj': `PROJCS["x",${' '.repeat(500)}]` });
    expect(() => readShapefileZip(bytes, limits({ maxCellChars: 100 }))).toThrow(/the \.prj/);
  });

  it('reads a crafted .prj that made the CRS recognition backtrack quadratically, as an unknown CRS', () => {
    const entries = unzip(points(1), 'zip');
    for (const prj of [
      `PROJCS["x",TOWGS84[${'1'.repeat(150_000)}x]]`,
      `GEOGCS["x",${'ID["EPSG",1,'.repeat(15_000)}x`,
    ]) {
      const layer = readShapefileZip(zip({ ...entries, 'towers.prj': prj }));
      expect(layer).toMatchObject({ unknownCrs: true });
    }
  });

  it('refuses a polygon with more rings than maxPartsPerFeature (shpjs nests rings in quadratic time)', () => {
    const islands = Array.from({ length: 6 }, (_, i) => [
      [
        [106 + i, 20],
        [106.5 + i, 20],
        [106.5 + i, 20.5],
        [106 + i, 20],
      ],
    ]);
    const bytes = writeShapefileZip(
      'communes',
      [{ geometry: { type: 'MultiPolygon', coordinates: islands }, properties: { a: 1 } }],
      WGS84,
      'MultiPolygon',
    );
    expect(readShapefileZip(bytes, limits({ maxPartsPerFeature: 6 })).features).toHaveLength(1);
    expect(() => readShapefileZip(bytes, limits({ maxPartsPerFeature: 5 }))).toThrow(
      'A polygon of the Shapefile has 6 rings, more than the limit of 5 (maxPartsPerFeature).',
    );
    // 6 rings: 9 ring pairs to compare, counted against maxVertices for the file.
    expect(() => readShapefileZip(bytes, limits({ maxVertices: 8 }))).toThrow(
      /ring pairs pass the limit of 8 /,
    );
  });
});
