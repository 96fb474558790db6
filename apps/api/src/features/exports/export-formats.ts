/**
 * Encodes exported features: GeoJSON, CSV (WGS 84 lng/lat plus VN-2000 X/Y for points, WKT for
 * lines), KML, zipped Shapefile with its .prj, GeoPackage. Coordinates in WGS 84 or, where the
 * format carries a CRS, in VN-2000 (EPSG:9210 / 9209).
 */
import type { ResourceDefinition } from '@hatang/contracts';
import { type CrsCode, transform } from '@hatang/geo';
import {
  csvLine,
  ESRI_PRJ,
  shapefileFieldNames,
  toWkt,
  writeGeoPackage,
  writeKml,
  writeShapefileZip,
} from '@hatang/geo/formats';
import { snakeCase } from '../assets/sql/columns.js';
import { loadSqlJs } from '../imports/upload-source.js';
import { reprojectGeometry } from '../tiles-ogc/ogc-crs.js';
import type { ExportFeature } from './export-query.js';

export const EXPORT_FORMATS = ['geojson', 'csv', 'kml', 'shapefile', 'gpkg'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface Encoded {
  body: Uint8Array | string;
  contentType: string;
  extension: string;
}

type Geometry = { type: string; coordinates?: unknown };
const inCrs = (f: ExportFeature, crs: CrsCode) => reprojectGeometry(f.geometry, crs) as Geometry;

/** Flat attributes: nested values (tower tenancies) as JSON text, lists as `a;b`. */
function flat(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(properties).map(([k, v]) => [
      k,
      v !== null && typeof v === 'object' && !Array.isArray(v)
        ? JSON.stringify(v)
        : Array.isArray(v) && v.some((x) => typeof x === 'object')
          ? JSON.stringify(v)
          : v,
    ]),
  );
}

function csv(features: readonly ExportFeature[], definition: ResourceDefinition, crs: CrsCode): string {
  const zone: CrsCode = crs === 'EPSG:4326' ? 'EPSG:9210' : crs;
  const keys = [...new Set(features.flatMap((f) => Object.keys(f.properties)))];
  const point = definition.geometryType === 'Point';
  // Survey convention for Vietnamese users: X is the northing, Y the easting (see @hatang/geo crs.ts).
  const header = point ? [...keys, 'lng', 'lat', 'x_vn2000', 'y_vn2000'] : [...keys, 'wkt'];
  let out = `\uFEFF${csvLine(header)}`;
  for (const f of features) {
    const values = keys.map((k) => f.properties[k]);
    if (point) {
      const [lng = 0, lat = 0] = f.geometry.coordinates as number[];
      const [easting, northing] = transform([lng, lat], 'EPSG:4326', zone);
      out += csvLine([...values, lng, lat, northing.toFixed(3), easting.toFixed(3)]);
    } else {
      out += csvLine([...values, toWkt(f.geometry)]);
    }
  }
  return out;
}

export async function encodeExport(
  features: readonly ExportFeature[],
  definition: ResourceDefinition,
  format: ExportFormat,
  crs: CrsCode,
): Promise<Encoded> {
  const layer = definition.table;
  switch (format) {
    case 'geojson': {
      const collection = {
        type: 'FeatureCollection',
        ...(crs === 'EPSG:4326'
          ? {}
          : { crs: { type: 'name', properties: { name: `urn:ogc:def:crs:EPSG::${crs.split(':')[1]}` } } }),
        features: features.map((f) => ({ ...f, geometry: inCrs(f, crs) })),
      };
      return { body: JSON.stringify(collection), contentType: 'application/geo+json', extension: 'geojson' };
    }
    case 'csv':
      return {
        body: csv(features, definition, crs),
        contentType: 'text/csv; charset=utf-8',
        extension: 'csv',
      };
    case 'kml':
      return {
        body: writeKml(
          features.map((f) => ({
            geometry: f.geometry,
            properties: { name: f.properties.code, ...flat(f.properties) },
          })),
        ),
        contentType: 'application/vnd.google-earth.kml+xml',
        extension: 'kml',
      };
    case 'shapefile': {
      // DBF names: snake_case cut to 10 characters, assigned over the contract's properties in
      // order so an import maps them back the same way.
      const keys = [
        'id',
        ...Object.keys(definition.shape),
        ...new Set(features.flatMap((f) => Object.keys(f.properties))),
      ];
      const unique = [...new Set(keys)];
      const names = new Map(unique.map((k, i) => [k, shapefileFieldNames(unique.map(snakeCase))[i] ?? k]));
      const renamed = features.map((f) => ({
        geometry: inCrs(f, crs),
        properties: Object.fromEntries(
          Object.entries(flat(f.properties)).map(([k, v]) => [names.get(k) ?? k, v]),
        ),
      }));
      const prj = ESRI_PRJ[crs];
      if (!prj) throw new Error(`no .prj for ${crs}`);
      return {
        body: writeShapefileZip(layer, renamed, prj, definition.geometryType),
        contentType: 'application/zip',
        extension: 'zip',
      };
    }
    case 'gpkg': {
      const body = writeGeoPackage(await loadSqlJs(), {
        table: layer,
        geometryType: definition.geometryType,
        crs,
        features: features.map((f) => ({ geometry: inCrs(f, crs), properties: flat(f.properties) })),
      });
      return { body, contentType: 'application/geopackage+sqlite3', extension: 'gpkg' };
    }
  }
}
