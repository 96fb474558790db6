import { createRequire } from 'node:module';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { readGeoPackage, writeGeoPackage } from './geopackage.js';
import { defaultParseLimits, LimitError, type ParseLimits } from './limits.js';
import { FormatError } from './source-feature.js';

const limits = (overrides: Partial<ParseLimits>): ParseLimits => ({ ...defaultParseLimits, ...overrides });

let sqlJs: SqlJsStatic;
beforeAll(async () => {
  const require = createRequire(import.meta.url);
  sqlJs = await initSqlJs({ locateFile: (file: string) => require.resolve(`sql.js/dist/${file}`) });
});

const towers = (count: number, vertices = 1) =>
  writeGeoPackage(sqlJs, {
    table: 'towers',
    geometryType: vertices === 1 ? 'Point' : 'LineString',
    crs: 'EPSG:4326',
    features: Array.from({ length: count }, (_, i) => ({
      geometry:
        vertices === 1
          ? { type: 'Point', coordinates: [106 + i / 1000, 20.8] }
          : {
              type: 'LineString',
              coordinates: Array.from({ length: vertices }, (_, v) => [106 + v / 1000, 20.8]),
            },
      properties: { code: `T${i}`, heightM: 30 + i },
    })),
  });

/** The GeoPackage after running `sql` on it. */
function altered(bytes: Uint8Array, sql: string): Uint8Array {
  const db = new sqlJs.Database(bytes);
  try {
    db.exec(sql);
    return db.export();
  } finally {
    db.close();
  }
}

/** A view that never ends: an unbounded recursive CTE under an aggregate. */
const RECURSIVE_VIEW = `
  CREATE VIEW endless AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)
    SELECT max(n) AS fid, NULL AS geom FROM r;
  INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('endless', 'features', 'endless', 4326);
  INSERT INTO gpkg_geometry_columns VALUES ('endless', 'geom', 'POINT', 4326, 0, 0);`;

describe('readGeoPackage', () => {
  it('reads the features, fields and CRS of the feature table', () => {
    const layer = readGeoPackage(sqlJs, towers(3));
    expect(layer.features).toHaveLength(3);
    expect(layer.features[1]).toEqual({
      properties: { code: 'T1', heightM: 31 },
      geometry: { type: 'Point', coordinates: [106.001, 20.8] },
    });
    expect(layer.fields).toEqual(['code', 'heightM']);
    expect(layer.crs).toBe('EPSG:4326');
  });

  it('refuses a GeoPackage whose only feature table is a recursive view, without running it', () => {
    const bytes = altered(
      towers(1),
      `DELETE FROM gpkg_contents; DELETE FROM gpkg_geometry_columns; ${RECURSIVE_VIEW}`,
    );
    const error = catchError(() => readGeoPackage(sqlJs, bytes));
    expect(error).toBeInstanceOf(FormatError);
    expect(error).toMatchObject({ code: 'UNSUPPORTED_FILE' });
    expect((error as Error).message).toBe(
      'The GeoPackage has no feature table Hatang can read: "endless" (it is a view, not a table). Only plain tables are read; save the layer as a table (e.g. with ogr2ogr) and upload it again.',
    );
  });

  it('reads the real table and skips a recursive view listed before it', () => {
    // "endless" sorts before "towers": the view is passed over, never selected from.
    const layer = readGeoPackage(sqlJs, altered(towers(2), RECURSIVE_VIEW));
    expect(layer.features.map((f) => f.properties.code)).toEqual(['T0', 'T1']);
  });

  it('refuses a gpkg_contents that is a view', () => {
    const bytes = altered(
      towers(1),
      `ALTER TABLE gpkg_contents RENAME TO contents_data;
       CREATE VIEW gpkg_contents AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)
         SELECT c.* FROM contents_data c, (SELECT max(n) FROM r);`,
    );
    expect(() => readGeoPackage(sqlJs, bytes)).toThrow(
      "The GeoPackage's gpkg_contents cannot be read: it is a view, not a table.",
    );
  });

  it('refuses a feature table with a generated column (an expression run on every read)', () => {
    const bytes = altered(
      towers(1),
      `DROP TABLE towers;
       CREATE TABLE towers (fid INTEGER PRIMARY KEY, geom POINT, big TEXT GENERATED ALWAYS AS (hex(zeroblob(100000000))) VIRTUAL);`,
    );
    expect(() => readGeoPackage(sqlJs, bytes)).toThrow(/"towers" \(it has generated columns\)/);
  });

  it('quotes table names safely', () => {
    const name = 'x" ; DROP TABLE gpkg_contents; --';
    const bytes = writeGeoPackage(sqlJs, {
      table: name,
      geometryType: 'Point',
      crs: 'EPSG:4326',
      features: [{ geometry: { type: 'Point', coordinates: [106, 20] }, properties: { a: 1 } }],
    });
    expect(readGeoPackage(sqlJs, bytes).features).toHaveLength(1);
  });

  it('refuses more rows than maxFeatures, naming the limit', () => {
    const bytes = towers(5);
    expect(readGeoPackage(sqlJs, bytes, limits({ maxFeatures: 5 })).features).toHaveLength(5);
    const error = catchError(() => readGeoPackage(sqlJs, bytes, limits({ maxFeatures: 4 })));
    expect(error).toBeInstanceOf(LimitError);
    expect((error as Error).message).toBe(
      'The GeoPackage has more than 4 features, the limit (maxFeatures).',
    );
  });

  it('refuses a feature with too many vertices, and too many in all', () => {
    const bytes = towers(3, 10);
    expect(
      readGeoPackage(sqlJs, bytes, limits({ maxVerticesPerFeature: 10, maxVertices: 30 })).features,
    ).toHaveLength(3);
    expect(() => readGeoPackage(sqlJs, bytes, limits({ maxVerticesPerFeature: 9 }))).toThrow(
      expect.objectContaining({ limit: 'maxVerticesPerFeature' }),
    );
    expect(() => readGeoPackage(sqlJs, bytes, limits({ maxVertices: 29 }))).toThrow(
      expect.objectContaining({ limit: 'maxVertices' }),
    );
  });

  it('calls a geometry whose point count exceeds its bytes damaged instead of allocating it', () => {
    // A LineString blob claiming 0xFFFFFFF0 points in a few bytes.
    const bytes = altered(
      towers(1),
      `UPDATE towers SET geom = X'47500001E61000000102000000F0FFFFFF0000000000000000';`,
    );
    expect(() => readGeoPackage(sqlJs, bytes)).toThrow(/WKB is truncated/);
  });

  it('refuses a text longer than maxCellChars', () => {
    const bytes = altered(towers(1), `UPDATE towers SET code = hex(zeroblob(60));`);
    expect(() => readGeoPackage(sqlJs, bytes, limits({ maxCellChars: 100 }))).toThrow(/maxCellChars/);
    expect(readGeoPackage(sqlJs, bytes, limits({ maxCellChars: 120 })).features).toHaveLength(1);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
