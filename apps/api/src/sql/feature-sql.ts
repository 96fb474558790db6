import { type AssetGeometry, type AssetPath, isAssetPath, type ResourceDefinition } from '@hatang/contracts';
import { type Column, columnsOf } from './columns.js';

const isoTimestamp = (col: string) => `to_char(r.${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Read-only properties some resources add (derived on write, joined on read). */
export interface ResourceExtras {
  /** Extra `expression AS "property"` select items. */
  select?: string[];
  /** Columns the server derives from the geometry on every write: name → SQL using `$geom`. */
  derived?: Record<string, string>;
}

const adminUnitOfGeometry =
  '(SELECT a.code FROM admin_units a WHERE ST_Covers(a.geom, $geom) ORDER BY a.code LIMIT 1)';

const RESOURCE_EXTRAS: Partial<Record<AssetPath, ResourceExtras>> = {
  towers: {
    select: [
      'r.admin_unit_code AS "adminUnitCode"',
      '(SELECT count(*)::int FROM tenancies t WHERE t.tower_id = r.id) AS "tenantCount"',
      `(SELECT coalesce(json_agg(json_build_object(
          'operatorOrgId', t.operator_org_id, 'technologies', t.technologies,
          'antennaCount', t.antenna_count, 'mountHeightM', t.mount_height_m, 'since', t.since::text
        ) ORDER BY t.since, t.operator_org_id), '[]'::json) FROM tenancies t WHERE t.tower_id = r.id) AS tenancies`,
    ],
    derived: { admin_unit_code: adminUnitOfGeometry },
  },
  'wifi-points': {
    select: ['r.admin_unit_code AS "adminUnitCode"'],
    derived: { admin_unit_code: adminUnitOfGeometry },
  },
};

/** The read and write extras of a resource (none for most). */
export const extrasOf = (definition: ResourceDefinition): ResourceExtras =>
  (isAssetPath(definition.path) ? RESOURCE_EXTRAS[definition.path] : undefined) ?? {};

export const isAsset = (definition: ResourceDefinition) => 'ownerOrgId' in definition.shape;

function selectItem(column: Column): string {
  return column.kind === 'date'
    ? `r.${column.name}::text AS "${column.property}"`
    : `r.${column.name} AS "${column.property}"`;
}

/** `SELECT … FROM <table> r` giving `id`, `geometry` (GeoJSON) and every property, camelCase. */
export function selectFeatureSql(definition: ResourceDefinition): string {
  const items = [
    'r.id::text AS id',
    'ST_AsGeoJSON(r.geom, 7)::json AS geometry',
    ...columnsOf(definition).map(selectItem),
    ...(isAsset(definition)
      ? [
          'r.version',
          `${isoTimestamp('created_at')} AS "createdAt"`,
          `${isoTimestamp('updated_at')} AS "updatedAt"`,
        ]
      : []),
    ...(extrasOf(definition).select ?? []),
  ];
  return `SELECT ${items.join(', ')} FROM ${definition.table} r`;
}

/** A row of selectFeatureSql: id, geometry and the properties. */
export interface FeatureRow {
  id: string;
  geometry: unknown;
  [property: string]: unknown;
}

/** Turns a row of selectFeatureSql into a GeoJSON Feature (id also kept in properties). */
export function toFeature(row: FeatureRow) {
  const { geometry, ...properties } = row;
  // ST_AsGeoJSON of a stored (2D, WGS 84) geometry of the resource's type.
  return { type: 'Feature' as const, id: row.id, geometry: geometry as AssetGeometry, properties };
}
