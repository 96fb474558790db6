/**
 * GeoPackage (OGC 12-128r18) reading and writing with sql.js (SQLite in WebAssembly), so it works
 * in Node and in the browser alike: the caller passes the initialised sql.js module. Geometry is the
 * GeoPackage binary header followed by WKB.
 */
import type { Database as SqlJsDatabase, SqlJsStatic, SqlValue } from 'sql.js';
import { type CrsCode, isSupportedCrs } from '../crs.js';
import { ParseBudget } from './budget.js';
import { defaultParseLimits, type ParseLimits } from './limits.js';
import { ESRI_PRJ } from './prj.js';
import { type DecodedLayer, FormatError, type SourceFeature } from './source-feature.js';
import { fromWkb, toWkb } from './wkb.js';

const GPKG_APPLICATION_ID = 0x47504b47; // "GPKG"

function decodeGeometry(blob: Uint8Array, budget: ParseBudget): SourceFeature['geometry'] {
  if (blob[0] !== 0x47 || blob[1] !== 0x50) throw new Error('geometry is not a GeoPackage blob');
  const flags = blob[3] ?? 0;
  if (flags & 0x10) return null; // empty geometry
  const envelope = [0, 32, 48, 48, 64][(flags >> 1) & 0x07] ?? 0;
  return fromWkb(blob.subarray(8 + envelope), budget);
}

function encodeGeometry(geometry: { type: string; coordinates?: unknown }, srsId: number): Uint8Array {
  const wkb = toWkb(geometry);
  const out = new Uint8Array(8 + wkb.length);
  out.set([0x47, 0x50, 0, 0x01], 0); // magic, version 0, flags: little-endian, no envelope
  new DataView(out.buffer).setInt32(4, srsId, true);
  out.set(wkb, 8);
  return out;
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

interface SchemaObject {
  type: string;
  sql: string;
}

/** What sqlite_master says each name is (SQLite names are case-insensitive). Reading it runs nothing. */
function schemaOf(db: SqlJsDatabase): Map<string, SchemaObject> {
  const schema = new Map<string, SchemaObject>();
  for (const [type, name, sql] of db.exec('SELECT type, name, sql FROM sqlite_master')[0]?.values ?? []) {
    schema.set(String(name).toLowerCase(), { type: String(type), sql: String(sql ?? '') });
  }
  return schema;
}

/**
 * Why `name` is not a table this reader may select from, or undefined. A view runs whatever query
 * its author wrote (a recursive one never ends), a virtual table runs a module, and a generated
 * column computes an expression on every read: only plain tables are read.
 */
function notAPlainTable(
  db: SqlJsDatabase,
  schema: Map<string, SchemaObject>,
  name: string,
): string | undefined {
  const object = schema.get(name.toLowerCase());
  if (!object) return 'it does not exist';
  if (object.type !== 'table') return `it is a ${object.type}, not a table`;
  if (/^\s*CREATE\s+VIRTUAL\b/i.test(object.sql)) return 'it is a virtual table';
  const columns = db.exec(`PRAGMA table_xinfo(${quoteIdentifier(name)})`)[0]?.values ?? [];
  // table_xinfo's `hidden`: 2 and 3 are generated columns.
  if (columns.some((column) => column[6] === 2 || column[6] === 3)) return 'it has generated columns';
  return undefined;
}

/**
 * Reads the first feature table of a GeoPackage; `crs` from its srs (EPSG organisation). Only
 * tables that gpkg_contents lists as `features` and that are plain tables in sqlite_master are read
 * (never views, virtual tables or generated columns, which would run code the file's author wrote),
 * and at most `limits.maxFeatures` rows, `maxVerticesPerFeature`/`maxVertices` vertices and
 * `maxCellChars` per text.
 */
export function readGeoPackage(
  sqlJs: SqlJsStatic,
  bytes: Uint8Array,
  limits: ParseLimits = defaultParseLimits,
): DecodedLayer {
  let db: SqlJsDatabase;
  try {
    db = new sqlJs.Database(bytes);
    db.exec('SELECT count(*) FROM sqlite_master');
  } catch (error) {
    throw new FormatError(
      'DAMAGED_FILE',
      `The GeoPackage is not a readable SQLite file (${(error as Error).message}).`,
    );
  }
  try {
    const schema = schemaOf(db);
    for (const meta of ['gpkg_contents', 'gpkg_geometry_columns', 'gpkg_spatial_ref_sys']) {
      const why = schema.has(meta) ? notAPlainTable(db, schema, meta) : undefined;
      if (why) {
        throw new FormatError('UNSUPPORTED_FILE', `The GeoPackage's ${meta} cannot be read: ${why}.`);
      }
    }
    const layers =
      db.exec(
        `SELECT g.table_name, g.column_name, s.organization, s.organization_coordsys_id
       FROM gpkg_geometry_columns g JOIN gpkg_contents c ON c.table_name = g.table_name
       LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
       WHERE c.data_type = 'features' ORDER BY c.table_name`,
      )[0]?.values ?? [];
    const refused: string[] = [];
    const first = layers.find((layer) => {
      const why = notAPlainTable(db, schema, String(layer[0]));
      if (why) refused.push(`"${String(layer[0]).slice(0, 100)}" (${why})`);
      return why === undefined;
    });
    if (!first) {
      if (refused.length > 0) {
        throw new FormatError(
          'UNSUPPORTED_FILE',
          `The GeoPackage has no feature table Hatang can read: ${refused.join(', ')}. Only plain tables are read; save the layer as a table (e.g. with ogr2ogr) and upload it again.`,
        );
      }
      throw new FormatError('EMPTY_FILE', 'The GeoPackage holds no feature table.');
    }
    const [table, column, organization, code] = first.map(String);
    return { ...readRows(db, String(table), column, limits), ...crsOf(organization, code) };
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw new FormatError('DAMAGED_FILE', `The GeoPackage cannot be read (${(error as Error).message}).`);
  } finally {
    db.close();
  }
}

function crsOf(
  organization: string | undefined,
  code: string | undefined,
): Pick<DecodedLayer, 'crs' | 'unknownCrs'> {
  const epsg = organization?.toUpperCase() === 'EPSG' ? `EPSG:${code}` : undefined;
  if (epsg && isSupportedCrs(epsg)) return { crs: epsg };
  return { unknownCrs: code !== '0' && code !== '-1' && code !== 'undefined' };
}

/** The rows of a plain table, stepping one at a time and stopping at the first limit broken. */
function readRows(
  db: SqlJsDatabase,
  table: string,
  column: string | undefined,
  limits: ParseLimits,
): Pick<DecodedLayer, 'features' | 'fields'> {
  const budget = new ParseBudget(limits, 'GeoPackage');
  const pkInfo = db.exec(`PRAGMA table_info(${quoteIdentifier(table)})`)[0]?.values ?? [];
  const primaryKey = pkInfo.find((r) => r[5] === 1)?.[1];
  // One row past the limit is enough to know it is broken.
  const statement = db.prepare(`SELECT * FROM ${quoteIdentifier(table)} LIMIT ?`, [limits.maxFeatures + 1]);
  try {
    const columns = statement.getColumnNames();
    const features: SourceFeature[] = [];
    while (statement.step()) {
      budget.feature();
      const values = statement.get();
      const properties: Record<string, unknown> = {};
      let geometry: SourceFeature['geometry'] = null;
      columns.forEach((name, i) => {
        const value: SqlValue | undefined = values[i];
        if (name === column) {
          geometry = value instanceof Uint8Array ? decodeGeometry(value, budget) : null;
          return;
        }
        if (typeof value === 'string' || value instanceof Uint8Array)
          budget.cell(value.length, `column ${name}`);
        if (name !== primaryKey) properties[name] = value;
      });
      features.push({ properties, geometry });
    }
    return { features, fields: columns.filter((n) => n !== column && n !== primaryKey) };
  } finally {
    statement.free();
  }
}

const OGC_WKT: Partial<Record<CrsCode, string>> = {
  'EPSG:4326':
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]',
};

export interface GeoPackageLayer {
  table: string;
  geometryType: string;
  crs: CrsCode;
  features: readonly {
    geometry: { type: string; coordinates?: unknown } | null;
    properties: Record<string, unknown>;
  }[];
}

/** Writes one feature table into a new GeoPackage; columns from the features' properties (TEXT/REAL/INTEGER). */
export function writeGeoPackage(sqlJs: SqlJsStatic, layer: GeoPackageLayer): Uint8Array {
  const db = new sqlJs.Database();
  try {
    const srsId = Number(layer.crs.split(':')[1]);
    db.exec(`PRAGMA application_id = ${GPKG_APPLICATION_ID}; PRAGMA user_version = 10300;`);
    db.exec(`
      CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
        organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
      CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
        description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
        min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER REFERENCES gpkg_spatial_ref_sys(srs_id));
      CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
        srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, PRIMARY KEY (table_name, column_name));
      INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL);
      INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL);
    `);
    const srs = db.prepare('INSERT OR REPLACE INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, NULL)');
    srs.run(['WGS 84', 4326, 'EPSG', 4326, OGC_WKT['EPSG:4326'] ?? '']);
    if (srsId !== 4326) srs.run([layer.crs, srsId, 'EPSG', srsId, ESRI_PRJ[layer.crs] ?? 'undefined']);
    srs.free();

    const keys = [...new Set(layer.features.flatMap((f) => Object.keys(f.properties)))];
    const typeOf = (key: string) => {
      const values = layer.features
        .map((f) => f.properties[key])
        .filter((v) => v !== null && v !== undefined);
      if (values.length > 0 && values.every((v) => typeof v === 'number' && Number.isInteger(v)))
        return 'INTEGER';
      if (values.length > 0 && values.every((v) => typeof v === 'number')) return 'REAL';
      if (values.length > 0 && values.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
      return 'TEXT';
    };
    const quote = quoteIdentifier;
    const geometryTypeName = layer.geometryType.toUpperCase();
    db.exec(
      `CREATE TABLE ${quote(layer.table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom ${geometryTypeName}${keys
        .map((k) => `, ${quote(k)} ${typeOf(k)}`)
        .join('')})`,
    );
    const insert = db.prepare(
      `INSERT INTO ${quote(layer.table)} (geom${keys.map((k) => `, ${quote(k)}`).join('')}) VALUES (?${', ?'.repeat(keys.length)})`,
    );
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    const visit = (c: unknown): void => {
      if (Array.isArray(c) && typeof c[0] === 'number') {
        minX = Math.min(minX, c[0]);
        maxX = Math.max(maxX, c[0]);
        minY = Math.min(minY, Number(c[1]));
        maxY = Math.max(maxY, Number(c[1]));
      } else if (Array.isArray(c)) c.forEach(visit);
    };
    db.exec('BEGIN');
    for (const feature of layer.features) {
      if (feature.geometry) visit(feature.geometry.coordinates);
      const values: SqlValue[] = [feature.geometry ? encodeGeometry(feature.geometry, srsId) : null];
      for (const key of keys) {
        const v = feature.properties[key];
        values.push(
          v === null || v === undefined
            ? null
            : typeof v === 'number' || typeof v === 'string'
              ? v
              : typeof v === 'boolean'
                ? Number(v)
                : Array.isArray(v)
                  ? v.join(';')
                  : JSON.stringify(v),
        );
      }
      insert.run(values);
    }
    db.exec('COMMIT');
    insert.free();
    const finite = Number.isFinite(minX);
    db.run(
      'INSERT INTO gpkg_contents (table_name, data_type, identifier, min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [
        layer.table,
        'features',
        layer.table,
        finite ? minX : null,
        finite ? minY : null,
        finite ? maxX : null,
        finite ? maxY : null,
        srsId,
      ],
    );
    db.run('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)', [
      layer.table,
      'geom',
      geometryTypeName,
      srsId,
    ]);
    return db.export();
  } finally {
    db.close();
  }
}
