/**
 * A plan version as GIS data: its items and the zones that apply to it (its own and the global
 * ones), as one GeoJSON FeatureCollection or as a GeoPackage with one table per geometry type
 * (plan_item_points, plan_item_lines, plan_item_areas, plan_zones), in WGS 84 or VN-2000.
 */
import { geoJson, orm, type Sql } from '@hatang/db';
import { organisations, planItems, planZones } from '@hatang/db/schema';
import type { CrsCode } from '@hatang/geo';
import { writeGeoPackage } from '@hatang/geo/formats';
import { asc, eq, isNull, or } from 'drizzle-orm';
import type { Database as SqlJsDatabase, SqlJsStatic, SqlValue } from 'sql.js';
import { loadSqlJs } from '../../imports/upload-source.js';
import { reprojectGeometry } from '../../tiles-ogc/ogc-crs.js';
import { ITEM_KIND_LABELS, ZONE_KIND_LABELS } from './export-labels.js';

type Geometry = { type: string; coordinates?: unknown };
export interface Feature {
  type: 'Feature';
  id: string;
  geometry: Geometry;
  properties: Record<string, unknown>;
}

/** Items and zones of the version as GeoJSON features (WGS 84), items first. */
export async function versionFeatures(
  db: Sql,
  versionId: string,
): Promise<{ items: Feature[]; zones: Feature[] }> {
  const items = await orm(db)
    .select({
      id: planItems.id,
      geometry: geoJson(planItems.geom, 7),
      originId: planItems.originId,
      kind: planItems.kind,
      name: planItems.name,
      phase: planItems.phase,
      status: planItems.status,
      responsibleOrgId: planItems.responsibleOrgId,
      responsibleOrg: organisations.name,
      notes: planItems.notes,
      attributes: planItems.attributes,
      sourceTable: planItems.sourceTable,
      sourceId: planItems.sourceId,
      version: planItems.version,
    })
    .from(planItems)
    .leftJoin(organisations, eq(organisations.id, planItems.responsibleOrgId))
    .where(eq(planItems.planVersionId, versionId))
    .orderBy(asc(planItems.kind), asc(planItems.originId));
  const zones = await orm(db)
    .select({
      id: planZones.id,
      geometry: geoJson(planZones.geom, 7),
      kind: planZones.kind,
      name: planZones.name,
      planVersionId: planZones.planVersionId,
      rules: planZones.rules,
      notes: planZones.notes,
    })
    .from(planZones)
    .where(or(isNull(planZones.planVersionId), eq(planZones.planVersionId, versionId)))
    .orderBy(asc(planZones.createdAt), asc(planZones.id));
  return {
    items: items.map(({ id, geometry, ...item }) => ({
      type: 'Feature',
      id,
      geometry,
      properties: { layer: 'item', ...item },
    })),
    zones: zones.map(({ id, geometry, planVersionId, kind, name, rules, notes }) => ({
      type: 'Feature',
      id,
      geometry,
      properties: {
        layer: 'zone',
        kind,
        name,
        scope: planVersionId === null ? 'global' : 'version',
        rules,
        notes,
      },
    })),
  };
}

const crsMember = (crs: CrsCode) =>
  crs === 'EPSG:4326'
    ? {}
    : { crs: { type: 'name', properties: { name: `urn:ogc:def:crs:EPSG::${crs.split(':')[1]}` } } };

export function versionGeoJson(
  meta: { plan: { id: string; name: string }; version: { id: string; name: string; kind: string } },
  features: { items: Feature[]; zones: Feature[] },
  crs: CrsCode,
): string {
  const all = [...features.items, ...features.zones].map((f) => ({
    ...f,
    geometry: reprojectGeometry(f.geometry, crs),
  }));
  return JSON.stringify({ type: 'FeatureCollection', ...crsMember(crs), ...meta, features: all });
}

/** Flat columns for a GeoPackage row: the item's attributes spread into columns, labels added. */
function columns(f: Feature): Record<string, unknown> {
  const {
    attributes,
    rules,
    layer: _layer,
    ...rest
  } = f.properties as Record<string, unknown> & {
    attributes?: Record<string, unknown>;
    rules?: Record<string, unknown>;
  };
  const kind = String(rest.kind);
  const label =
    f.properties.layer === 'zone'
      ? ZONE_KIND_LABELS[kind as keyof typeof ZONE_KIND_LABELS]
      : ITEM_KIND_LABELS[kind as keyof typeof ITEM_KIND_LABELS];
  return { id: f.id, ...rest, kindLabel: label?.vi ?? kind, ...(attributes ?? {}), ...(rules ?? {}) };
}

const LAYERS = [
  { table: 'plan_item_points', geometryType: 'Point' },
  { table: 'plan_item_lines', geometryType: 'LineString' },
  { table: 'plan_item_areas', geometryType: 'Polygon' },
] as const;

/** Copies the one feature table of `from` (a GeoPackage written by writeGeoPackage) into `into`. */
function copyLayer(into: SqlJsDatabase, from: SqlJsDatabase, table: string): void {
  const create = from.exec(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, [table])[0]
    ?.values[0]?.[0];
  if (typeof create !== 'string') throw new Error(`no table ${table} in the written layer`);
  into.exec(create);
  for (const [source, conflict] of [
    [`"${table}"`, ''],
    ['gpkg_contents', ''],
    ['gpkg_geometry_columns', ''],
    ['gpkg_spatial_ref_sys', 'OR IGNORE'],
  ] as const) {
    const filter =
      source.startsWith('gpkg_') && source !== 'gpkg_spatial_ref_sys' ? ` WHERE table_name = '${table}'` : '';
    const result = from.exec(`SELECT * FROM ${source}${filter}`)[0];
    if (!result) continue;
    const insert = into.prepare(
      `INSERT ${conflict} INTO ${source} (${result.columns.map((c) => `"${c}"`).join(', ')}) VALUES (${result.columns.map(() => '?').join(', ')})`,
    );
    for (const values of result.values) insert.run(values as SqlValue[]);
    insert.free();
  }
}

export async function versionGeoPackage(
  features: { items: Feature[]; zones: Feature[] },
  crs: CrsCode,
): Promise<Uint8Array> {
  const sqlJs: SqlJsStatic = await loadSqlJs();
  const layers = [
    ...LAYERS.map((l) => ({
      ...l,
      features: features.items.filter((f) => f.geometry.type === l.geometryType),
    })),
    { table: 'plan_zones', geometryType: 'Polygon', features: features.zones },
  ].filter((l, i) => l.features.length > 0 || i === 0);
  const written = layers.map((layer) =>
    writeGeoPackage(sqlJs, {
      table: layer.table,
      geometryType: layer.geometryType,
      crs,
      features: layer.features.map((f) => ({
        geometry: reprojectGeometry(f.geometry, crs) as Geometry,
        properties: columns(f),
      })),
    }),
  );
  const [first, ...rest] = written;
  if (!first) throw new Error('no GeoPackage layer written');
  if (rest.length === 0) return first;
  const db = new sqlJs.Database(first);
  try {
    rest.forEach((bytes, i) => {
      const other = new sqlJs.Database(bytes);
      try {
        copyLayer(db, other, layers[i + 1]?.table ?? '');
      } finally {
        other.close();
      }
    });
    return db.export();
  } finally {
    db.close();
  }
}
