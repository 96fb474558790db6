import type {
  BBox,
  KeySiteCategory,
  KeySiteFeature,
  KeySiteProperties,
  KeySiteWritable,
  SiteGeometry,
} from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import { isUuid } from '../http/body.js';
import { bboxFilter, geometrySql, ts } from './site-sql.js';

interface KeySiteRow extends KeySiteProperties {
  id: string;
  geometry: SiteGeometry;
}

const SELECT_KEY_SITE = `SELECT k.id::text AS id, ST_AsGeoJSON(k.geom, 7)::json AS geometry, k.category, k.name,
    k.admin_unit_code AS "adminUnitCode", k.source, k.version,
    ${ts('k.created_at')} AS "createdAt", ${ts('k.updated_at')} AS "updatedAt"
  FROM key_sites k`;

const toFeature = ({ id, geometry, ...properties }: KeySiteRow): KeySiteFeature => ({
  type: 'Feature',
  id,
  geometry,
  properties,
});

export async function findKeySite(sql: Sql, id: string, lock = false): Promise<KeySiteFeature | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await sql.query<KeySiteRow>(`${SELECT_KEY_SITE} WHERE k.id = $1${lock ? ' FOR UPDATE' : ''}`, [
    id,
  ]);
  return rows[0] ? toFeature(rows[0]) : undefined;
}

export interface KeySiteFilter {
  bbox?: BBox;
  category?: KeySiteCategory;
  commune?: string;
}

export async function listKeySites(sql: Sql, filter: KeySiteFilter): Promise<KeySiteFeature[]> {
  const params: unknown[] = [];
  let where = 'WHERE true';
  if (filter.category) {
    params.push(filter.category);
    where += ` AND k.category = $${params.length}`;
  }
  if (filter.commune) {
    params.push(filter.commune);
    where += ` AND k.admin_unit_code = $${params.length}`;
  }
  where += bboxFilter('k.geom', filter.bbox, params);
  const rows = await sql.query<KeySiteRow>(
    `${SELECT_KEY_SITE} ${where} ORDER BY k.category, k.name, k.id`,
    params,
  );
  return rows.map(toFeature);
}

export async function saveKeySite(
  tx: Sql,
  id: string,
  geometry: SiteGeometry,
  p: KeySiteWritable & { adminUnitCode: string | null },
  userId: string | null,
  isNew: boolean,
): Promise<KeySiteFeature> {
  const params = [id, p.category, p.name, p.adminUnitCode, p.source, JSON.stringify(geometry), userId];
  if (isNew) {
    await tx.query(
      `INSERT INTO key_sites (id, category, name, admin_unit_code, source, geom, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, ${geometrySql('$6')}, $7, $7)`,
      params,
    );
  } else {
    await tx.query(
      `UPDATE key_sites SET category = $2, name = $3, admin_unit_code = $4, source = $5, geom = ${geometrySql('$6')},
         updated_by = $7, version = version + 1, updated_at = now() WHERE id = $1`,
      params,
    );
  }
  const stored = await findKeySite(tx, id);
  if (!stored) throw new Error(`key site ${id} vanished after write`);
  return stored;
}

export function keySiteWritableOf(site: KeySiteFeature): KeySiteWritable {
  const { version: _v, createdAt: _c, updatedAt: _u, ...writable } = site.properties;
  return writable;
}
