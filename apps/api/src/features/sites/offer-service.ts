/**
 * Publishing, changing and deleting site offers: every problem of the geometry and the
 * properties at once, who may write which offer (offer-access.ts), the commune derived from the
 * place, each write audited in its transaction.
 */
import {
  type Issue,
  parseSiteGeometry,
  type SiteGeometry,
  type SiteOfferFeature,
  siteOfferProperties,
  toIssues,
} from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import type { Context } from 'hono';
import { auditFeature } from '../../audit/audit-log.js';
import type { AppEnv } from '../../context.js';
import { notFound, validationFailed } from '../../errors.js';
import { userOf } from '../../http/request-input.js';
import { assertMayWriteOffer, assertOfferInCommune } from './offer-access.js';
import { deleteOffer, findOffer, saveOffer } from './offer-repository.js';
import { adminUnitExists, organisationExists, unitOfGeometry } from './place-repository.js';
import { staleVersion } from './site-requests.js';

/** Geometry and properties of an offer, every problem at once. */
function validateOffer(geometry: unknown, properties: unknown) {
  const issues: Issue[] = [];
  const geom = parseSiteGeometry(geometry);
  issues.push(...geom.issues);
  const props = siteOfferProperties.safeParse(properties);
  if (!props.success) issues.push(...toIssues(props.error, ['properties']));
  if (!geom.geometry || !props.success) throw validationFailed(issues);
  return { geometry: geom.geometry, properties: props.data };
}

/** The offering organisation must exist; the unit is the one given, else the geometry's. */
async function resolveOwnerAndUnit(
  tx: Sql,
  geometry: SiteGeometry,
  offeringOrgId: string,
  adminUnitCode: string | null | undefined,
): Promise<string | null> {
  if (!(await organisationExists(tx, offeringOrgId)))
    throw validationFailed([{ path: ['properties', 'offeringOrgId'], message: 'no such organisation' }]);
  if (adminUnitCode === undefined || adminUnitCode === null) return unitOfGeometry(tx, geometry);
  if (!(await adminUnitExists(tx, adminUnitCode)))
    throw validationFailed([{ path: ['properties', 'adminUnitCode'], message: 'no such admin unit' }]);
  return adminUnitCode;
}

/** Publishes an offer for the caller's organisation unless it names one. */
export async function createOffer(
  c: Context<AppEnv>,
  body: { geometry: unknown; properties: unknown },
): Promise<SiteOfferFeature> {
  const offer = validateOffer(body.geometry, body.properties);
  const principal = c.get('principal');
  const offeringOrgId = offer.properties.offeringOrgId ?? principal?.orgId ?? '';
  assertMayWriteOffer(principal, offeringOrgId);
  return c.var.services.db.transaction(async (tx) => {
    const adminUnitCode = await resolveOwnerAndUnit(
      tx,
      offer.geometry,
      offeringOrgId,
      await assertOfferInCommune(tx, principal, offer.geometry, offer.properties.adminUnitCode),
    );
    const stored = await saveOffer(
      tx,
      crypto.randomUUID(),
      offer.geometry,
      { ...offer.properties, offeringOrgId, adminUnitCode },
      userOf(c),
      true,
    );
    await auditFeature(tx, c, 'site-offers', null, stored);
    return stored;
  });
}

/** What a change makes of the current offer. */
export type OfferChange = (current: SiteOfferFeature) => {
  geometry: unknown;
  properties: Record<string, unknown>;
  /** Derive the unit from the (new) geometry instead of keeping the stored one. */
  rederiveUnit: boolean;
};

/** Applies `change` to offer `id` if it is at version `expected` (If-Match), audited. */
export async function updateOffer(
  c: Context<AppEnv>,
  id: string,
  expected: number,
  change: OfferChange,
): Promise<SiteOfferFeature> {
  return c.var.services.db.transaction(async (tx) => {
    const current = await findOffer(tx, id, true);
    if (!current) throw notFound('Site offer');
    assertMayWriteOffer(c.get('principal'), current.properties.offeringOrgId);
    if (current.properties.version !== expected) throw staleVersion('site offer', current, expected);
    const next = change(current);
    const offer = validateOffer(next.geometry, next.properties);
    const offeringOrgId = offer.properties.offeringOrgId ?? current.properties.offeringOrgId;
    // An inspector cannot hand an offer to another organisation.
    assertMayWriteOffer(c.get('principal'), offeringOrgId);
    const adminUnitCode = await resolveOwnerAndUnit(
      tx,
      offer.geometry,
      offeringOrgId,
      await assertOfferInCommune(
        tx,
        c.get('principal'),
        offer.geometry,
        next.rederiveUnit ? null : offer.properties.adminUnitCode,
      ),
    );
    const after = await saveOffer(
      tx,
      id,
      offer.geometry,
      { ...offer.properties, offeringOrgId, adminUnitCode },
      userOf(c),
      false,
    );
    await auditFeature(tx, c, 'site-offers', current, after);
    return after;
  });
}

export async function removeOffer(c: Context<AppEnv>, id: string): Promise<void> {
  await c.var.services.db.transaction(async (tx) => {
    const current = await findOffer(tx, id, true);
    if (!current) throw notFound('Site offer');
    assertMayWriteOffer(c.get('principal'), current.properties.offeringOrgId);
    await deleteOffer(tx, id);
    await auditFeature(tx, c, 'site-offers', current, null);
  });
}
