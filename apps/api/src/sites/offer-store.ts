import type {
  BBox,
  SiteGeometry,
  SiteOfferFeature,
  SiteOfferProperties,
  SiteOfferPurpose,
  SiteOfferStatus,
  SiteOfferWritable,
} from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import { isUuid } from '../http/body.js';
import { bboxFilter, geometrySql, ts } from './site-sql.js';

interface OfferRow extends SiteOfferProperties {
  id: string;
  geometry: SiteGeometry;
}

const SELECT_OFFER = `SELECT s.id::text AS id, ST_AsGeoJSON(s.geom, 7)::json AS geometry, s.name,
    s.offer_kind AS "offerKind", s.purpose, s.area_m2 AS "areaM2",
    s.max_structure_height_m AS "maxStructureHeightM", s.building_height_m AS "buildingHeightM",
    s.conditions, s.contact_name AS "contactName", s.contact_phone AS "contactPhone",
    s.contact_email AS "contactEmail", to_char(s.available_from, 'YYYY-MM-DD') AS "availableFrom",
    to_char(s.available_until, 'YYYY-MM-DD') AS "availableUntil", s.status,
    s.admin_unit_code AS "adminUnitCode", s.offering_org_id::text AS "offeringOrgId",
    o.name AS "offeringOrgName", s.version,
    ${ts('s.created_at')} AS "createdAt", ${ts('s.updated_at')} AS "updatedAt"
  FROM site_offers s JOIN organisations o ON o.id = s.offering_org_id`;

const toFeature = ({ id, geometry, ...p }: OfferRow): SiteOfferFeature => ({
  type: 'Feature',
  id,
  geometry,
  properties: {
    ...p,
    areaM2: Number(p.areaM2),
    maxStructureHeightM: p.maxStructureHeightM === null ? null : Number(p.maxStructureHeightM),
    buildingHeightM: p.buildingHeightM === null ? null : Number(p.buildingHeightM),
  },
});

export async function findOffer(sql: Sql, id: string, lock = false): Promise<SiteOfferFeature | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await sql.query<OfferRow>(`${SELECT_OFFER} WHERE s.id = $1${lock ? ' FOR UPDATE OF s' : ''}`, [
    id,
  ]);
  return rows[0] ? toFeature(rows[0]) : undefined;
}

export interface OfferFilter {
  bbox?: BBox;
  /** Omit for every status. */
  status?: SiteOfferStatus;
  commune?: string;
  purpose?: SiteOfferPurpose;
}

export async function listOffers(sql: Sql, filter: OfferFilter): Promise<SiteOfferFeature[]> {
  const params: unknown[] = [];
  let where = 'WHERE true';
  if (filter.status) {
    params.push(filter.status);
    where += ` AND s.status = $${params.length}`;
  }
  if (filter.commune) {
    params.push(filter.commune);
    where += ` AND s.admin_unit_code = $${params.length}`;
  }
  if (filter.purpose) {
    // An offer "for both" serves either purpose.
    params.push(filter.purpose);
    where += ` AND (s.purpose = $${params.length} OR s.purpose = 'both')`;
  }
  where += bboxFilter('s.geom', filter.bbox, params);
  const rows = await sql.query<OfferRow>(`${SELECT_OFFER} ${where} ORDER BY s.created_at, s.id`, params);
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
  const params = [
    id,
    p.offeringOrgId,
    p.adminUnitCode,
    p.name,
    p.offerKind,
    p.purpose,
    p.areaM2,
    p.maxStructureHeightM,
    p.buildingHeightM,
    p.conditions,
    p.contactName,
    p.contactPhone,
    p.contactEmail,
    p.availableFrom,
    p.availableUntil,
    p.status,
    JSON.stringify(geometry),
    userId,
  ];
  if (isNew) {
    await tx.query(
      `INSERT INTO site_offers (id, offering_org_id, admin_unit_code, name, offer_kind, purpose, area_m2,
         max_structure_height_m, building_height_m, conditions, contact_name, contact_phone, contact_email,
         available_from, available_until, status, geom, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::date, $15::date, $16,
         ${geometrySql('$17')}, $18, $18)`,
      params,
    );
  } else {
    await tx.query(
      `UPDATE site_offers SET offering_org_id = $2, admin_unit_code = $3, name = $4, offer_kind = $5,
         purpose = $6, area_m2 = $7, max_structure_height_m = $8, building_height_m = $9, conditions = $10,
         contact_name = $11, contact_phone = $12, contact_email = $13, available_from = $14::date,
         available_until = $15::date, status = $16, geom = ${geometrySql('$17')}, updated_by = $18,
         version = version + 1, updated_at = now()
       WHERE id = $1`,
      params,
    );
  }
  const stored = await findOffer(tx, id);
  if (!stored) throw new Error(`site offer ${id} vanished after write`);
  return stored;
}

/** The writable part of a stored offer (what a PATCH merges into). */
export function writableOf(offer: SiteOfferFeature): SiteOfferWritable {
  const { version: _v, createdAt: _c, updatedAt: _u, offeringOrgName: _n, ...writable } = offer.properties;
  return writable;
}
