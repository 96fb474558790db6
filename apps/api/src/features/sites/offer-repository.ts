/** Site offers' reads and writes (table `site_offers`, with the offering organisation's name). */
import {
  type BBox,
  type SiteGeometry,
  type SiteOfferFeature,
  type SiteOfferPurpose,
  type SiteOfferStatus,
  type SiteOfferWritable,
  siteOfferKind,
  siteOfferPurpose,
  siteOfferStatus,
} from '@hatang/contracts';
import { orm, type RowOf, type Sql } from '@hatang/db';
import { organisations, siteOffers } from '@hatang/db/schema';
import { and, asc, eq, or, type SQL, sql } from 'drizzle-orm';
import { isUuid } from '../../http/body.js';
import { asGeometry, inBbox, siteGeometryOf } from './place-repository.js';

const offerFields = {
  id: siteOffers.id,
  geometry: siteGeometryOf(siteOffers.geom),
  name: siteOffers.name,
  offerKind: siteOffers.offerKind,
  purpose: siteOffers.purpose,
  areaM2: siteOffers.areaM2,
  maxStructureHeightM: siteOffers.maxStructureHeightM,
  buildingHeightM: siteOffers.buildingHeightM,
  conditions: siteOffers.conditions,
  contactName: siteOffers.contactName,
  contactPhone: siteOffers.contactPhone,
  contactEmail: siteOffers.contactEmail,
  availableFrom: siteOffers.availableFrom,
  availableUntil: siteOffers.availableUntil,
  status: siteOffers.status,
  adminUnitCode: siteOffers.adminUnitCode,
  offeringOrgId: siteOffers.offeringOrgId,
  offeringOrgName: organisations.name,
  version: siteOffers.version,
  createdAt: siteOffers.createdAt,
  updatedAt: siteOffers.updatedAt,
};

/** The table's text columns hold the contract's values only (its CHECK constraints); read as such. */
const toFeature = ({ id, geometry, ...p }: RowOf<typeof offerFields>): SiteOfferFeature => ({
  type: 'Feature',
  id,
  geometry,
  properties: {
    ...p,
    offerKind: siteOfferKind.parse(p.offerKind),
    purpose: siteOfferPurpose.parse(p.purpose),
    status: siteOfferStatus.parse(p.status),
  },
});

const selectOffers = (db: Sql) =>
  orm(db)
    .select(offerFields)
    .from(siteOffers)
    .innerJoin(organisations, eq(organisations.id, siteOffers.offeringOrgId));

/** The offer, or undefined (for an id that is no UUID too); `lock` holds it for an update. */
export async function findOffer(db: Sql, id: string, lock = false): Promise<SiteOfferFeature | undefined> {
  if (!isUuid(id)) return undefined;
  const query = selectOffers(db).where(eq(siteOffers.id, id));
  const [row] = lock ? await query.for('update', { of: siteOffers }) : await query;
  return row && toFeature(row);
}

export interface OfferFilter {
  bbox?: BBox;
  /** Omit for every status. */
  status?: SiteOfferStatus;
  commune?: string;
  purpose?: SiteOfferPurpose;
}

/** The offers matching `filter`, oldest first. */
export async function listOffers(db: Sql, filter: OfferFilter): Promise<SiteOfferFeature[]> {
  const conditions: (SQL | undefined)[] = [
    filter.status ? eq(siteOffers.status, filter.status) : undefined,
    filter.commune ? eq(siteOffers.adminUnitCode, filter.commune) : undefined,
    // An offer "for both" serves either purpose.
    filter.purpose ? or(eq(siteOffers.purpose, filter.purpose), eq(siteOffers.purpose, 'both')) : undefined,
    filter.bbox ? inBbox(siteOffers.geom, filter.bbox) : undefined,
  ];
  const rows = await selectOffers(db)
    .where(and(...conditions))
    .orderBy(asc(siteOffers.createdAt), asc(siteOffers.id));
  return rows.map(toFeature);
}

/** Writes an offer (insert or update, bumping the version) and returns it as stored. */
export async function saveOffer(
  tx: Sql,
  id: string,
  geometry: SiteGeometry,
  p: SiteOfferWritable & { adminUnitCode: string | null; offeringOrgId: string },
  userId: string | null,
  isNew: boolean,
): Promise<SiteOfferFeature> {
  const values = {
    offeringOrgId: p.offeringOrgId,
    adminUnitCode: p.adminUnitCode,
    name: p.name,
    offerKind: p.offerKind,
    purpose: p.purpose,
    areaM2: p.areaM2,
    maxStructureHeightM: p.maxStructureHeightM,
    buildingHeightM: p.buildingHeightM,
    conditions: p.conditions,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    contactEmail: p.contactEmail,
    availableFrom: p.availableFrom,
    availableUntil: p.availableUntil,
    status: p.status,
    geom: asGeometry(geometry),
    updatedBy: userId,
  };
  if (isNew) {
    await orm(tx)
      .insert(siteOffers)
      .values({ id, ...values, createdBy: userId });
  } else {
    await orm(tx)
      .update(siteOffers)
      .set({ ...values, version: sql`${siteOffers.version} + 1`, updatedAt: sql`now()` })
      .where(eq(siteOffers.id, id));
  }
  const stored = await findOffer(tx, id);
  if (!stored) throw new Error(`site offer ${id} vanished after write`);
  return stored;
}

export async function deleteOffer(tx: Sql, id: string): Promise<void> {
  await orm(tx).delete(siteOffers).where(eq(siteOffers.id, id));
}

/** The writable part of a stored offer (what a PATCH merges into). */
export function writableOf(offer: SiteOfferFeature): SiteOfferWritable {
  const { version: _v, createdAt: _c, updatedAt: _u, offeringOrgName: _n, ...writable } = offer.properties;
  return writable;
}
