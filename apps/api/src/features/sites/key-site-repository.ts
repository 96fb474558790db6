/** The key sites register's reads and writes (table `key_sites`). */
import {
  type BBox,
  type KeySiteCategory,
  type KeySiteFeature,
  type KeySiteGeometry,
  type KeySiteWritable,
  keySiteCategory,
} from '@hatang/contracts';
import { orm, type RowOf, type Sql } from '@hatang/db';
import { keySites } from '@hatang/db/schema';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { isUuid } from '../../http/body.js';
import { asGeometry, inBbox, keySiteGeometryOf } from './place-repository.js';

const keySiteFields = {
  id: keySites.id,
  geometry: keySiteGeometryOf(keySites.geom),
  category: keySites.category,
  name: keySites.name,
  adminUnitCode: keySites.adminUnitCode,
  source: keySites.source,
  version: keySites.version,
  createdAt: keySites.createdAt,
  updatedAt: keySites.updatedAt,
};

/** The category column holds the contract's categories only (its CHECK constraint); read as such. */
const toFeature = ({ id, geometry, ...p }: RowOf<typeof keySiteFields>): KeySiteFeature => ({
  type: 'Feature',
  id,
  geometry,
  properties: { ...p, category: keySiteCategory.parse(p.category) },
});

/** The site, or undefined (for an id that is no UUID too); `lock` holds it for an update. */
export async function findKeySite(db: Sql, id: string, lock = false): Promise<KeySiteFeature | undefined> {
  if (!isUuid(id)) return undefined;
  const query = orm(db).select(keySiteFields).from(keySites).where(eq(keySites.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row && toFeature(row);
}

export interface KeySiteFilter {
  bbox?: BBox;
  category?: KeySiteCategory;
  commune?: string;
}

/** The sites matching `filter`, by category, then name. */
export async function listKeySites(db: Sql, filter: KeySiteFilter): Promise<KeySiteFeature[]> {
  const conditions: (SQL | undefined)[] = [
    filter.category ? eq(keySites.category, filter.category) : undefined,
    filter.commune ? eq(keySites.adminUnitCode, filter.commune) : undefined,
    filter.bbox ? inBbox(keySites.geom, filter.bbox) : undefined,
  ];
  const rows = await orm(db)
    .select(keySiteFields)
    .from(keySites)
    .where(and(...conditions))
    .orderBy(asc(keySites.category), asc(keySites.name), asc(keySites.id));
  return rows.map(toFeature);
}

/** Writes a site (insert or update, bumping the version) and returns it as stored. */
export async function saveKeySite(
  tx: Sql,
  id: string,
  geometry: KeySiteGeometry,
  p: KeySiteWritable & { adminUnitCode: string | null },
  userId: string | null,
  isNew: boolean,
): Promise<KeySiteFeature> {
  const values = {
    category: p.category,
    name: p.name,
    adminUnitCode: p.adminUnitCode,
    source: p.source,
    geom: asGeometry(geometry),
    updatedBy: userId,
  };
  if (isNew) {
    await orm(tx)
      .insert(keySites)
      .values({ id, ...values, createdBy: userId });
  } else {
    await orm(tx)
      .update(keySites)
      .set({ ...values, version: sql`${keySites.version} + 1`, updatedAt: sql`now()` })
      .where(eq(keySites.id, id));
  }
  const stored = await findKeySite(tx, id);
  if (!stored) throw new Error(`key site ${id} vanished after write`);
  return stored;
}

export async function deleteKeySite(tx: Sql, id: string): Promise<void> {
  await orm(tx).delete(keySites).where(eq(keySites.id, id));
}

/** The writable part of a stored site (what a PATCH merges into). */
export function keySiteWritableOf(site: KeySiteFeature): KeySiteWritable {
  const { version: _v, createdAt: _c, updatedAt: _u, ...writable } = site.properties;
  return writable;
}
