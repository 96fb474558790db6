import {
  bboxParam,
  type Issue,
  parseSiteGeometry,
  type SiteGeometry,
  type SiteOfferFeature,
  siteOfferListQuery,
  siteOfferProperties,
  toIssues,
} from '@hatang/contracts';
import type { Database, Sql } from '@hatang/db';
import { type Context, Hono } from 'hono';
import { actorsVisibleTo, auditFeature, historyBody, listHistory, ownerOrgOf } from '../audit/audit-log.js';
import type { AppEnv } from '../context.js';
import { ApiError, notFound, validationFailed } from '../errors.js';
import { answerFeature, isUuid, readIfMatch, readJsonBody } from '../http/body.js';
import { asObject, userOf } from '../routes/plan-request.js';
import { assertMayWriteOffer, assertOfferInCommune } from './offer-access.js';
import { findOffer, listOffers, saveOffer, writableOf } from './offer-store.js';
import { unitOfGeometry } from './site-sql.js';

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
  const org = await tx.query('SELECT 1 FROM organisations WHERE id = $1', [offeringOrgId]);
  if (org.length === 0)
    throw validationFailed([{ path: ['properties', 'offeringOrgId'], message: 'no such organisation' }]);
  if (adminUnitCode === undefined || adminUnitCode === null) return unitOfGeometry(tx, geometry);
  const unit = await tx.query('SELECT 1 FROM admin_units WHERE code = $1', [adminUnitCode]);
  if (unit.length === 0)
    throw validationFailed([{ path: ['properties', 'adminUnitCode'], message: 'no such admin unit' }]);
  return adminUnitCode;
}

function conflict(current: SiteOfferFeature, expected: number): ApiError {
  return new ApiError(
    409,
    'VERSION_CONFLICT',
    `This site offer is at version ${current.properties.version}, not ${expected}: someone changed it since you read it`,
    undefined,
    current,
  );
}

/**
 * `/site-offers`: public land plots and building roofs communes offer for towers and cabinets
 * (Plan 317). Every signed-in role reads; a commune's inspectors write their commune's offers,
 * planners and admins any. Offers stay addressable by id whatever their status.
 */
export function siteOfferRoutes(db: Database) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const query = siteOfferListQuery.safeParse(c.req.query());
    if (!query.success) throw validationFailed(toIssues(query.error));
    const bbox = query.data.bbox === undefined ? undefined : bboxParam.safeParse(query.data.bbox);
    if (bbox && !bbox.success) throw validationFailed(toIssues(bbox.error, ['bbox']));
    const status = query.data.status === 'all' ? undefined : query.data.status;
    const features = await listOffers(db, {
      bbox: bbox?.data,
      status,
      commune: query.data.commune,
      purpose: query.data.purpose,
    });
    return c.json({ type: 'FeatureCollection', features });
  });

  app.get('/:id', async (c) => {
    const offer = await findOffer(db, c.req.param('id'));
    if (!offer) throw notFound('Site offer');
    return answerFeature(c, offer);
  });

  app.get('/:id/history', async (c) => {
    const id = c.req.param('id');
    const rows = isUuid(id) ? await listHistory(db, 'site-offers', id) : [];
    if (rows.length === 0) throw notFound('Site offer');
    return c.json(historyBody(rows, actorsVisibleTo(c.get('principal'), ownerOrgOf('offeringOrgId'))));
  });

  app.post('/', async (c) => {
    const body = asObject(await readJsonBody(c), 'a GeoJSON Feature');
    if (body.type !== 'Feature') throw validationFailed([{ path: ['type'], message: 'must be "Feature"' }]);
    const offer = validateOffer(body.geometry, body.properties ?? {});
    const principal = c.get('principal');
    const offeringOrgId = offer.properties.offeringOrgId ?? principal?.orgId ?? '';
    assertMayWriteOffer(principal, offeringOrgId);
    const created = await db.transaction(async (tx) => {
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
    return answerFeature(c, created, `/api/v1/site-offers/${created.id}`);
  });

  /** Applies `change` to the current offer under If-Match, audited. */
  const update = async (
    c: Context<AppEnv>,
    change: (current: SiteOfferFeature) => {
      geometry: unknown;
      properties: Record<string, unknown>;
      /** Derive the unit from the (new) geometry instead of keeping the stored one. */
      rederiveUnit: boolean;
    },
  ) => {
    const id = c.req.param('id') ?? '';
    const expected = readIfMatch(c);
    const updated = await db.transaction(async (tx) => {
      const current = await findOffer(tx, id, true);
      if (!current) throw notFound('Site offer');
      assertMayWriteOffer(c.get('principal'), current.properties.offeringOrgId);
      if (current.properties.version !== expected) throw conflict(current, expected);
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
    return answerFeature(c, updated);
  };

  app.patch('/:id', async (c) => {
    const body = asObject(await readJsonBody(c), 'an object with "geometry" and/or "properties"');
    const patch = body.properties === undefined ? {} : asObject(body.properties, 'an object of properties');
    // A moved offer gets the unit of its new place unless the patch names one.
    return update(c, (current) => ({
      geometry: body.geometry ?? current.geometry,
      properties: { ...writableOf(current), ...patch },
      rederiveUnit: body.geometry !== undefined && !('adminUnitCode' in patch),
    }));
  });

  app.post('/:id/withdraw', (c) =>
    update(c, (current) => ({
      geometry: current.geometry,
      properties: { ...writableOf(current), status: 'withdrawn' },
      rederiveUnit: false,
    })),
  );

  app.delete('/:id', async (c) => {
    const id = c.req.param('id');
    await db.transaction(async (tx) => {
      const current = await findOffer(tx, id, true);
      if (!current) throw notFound('Site offer');
      assertMayWriteOffer(c.get('principal'), current.properties.offeringOrgId);
      await tx.query('DELETE FROM site_offers WHERE id = $1', [id]);
      await auditFeature(tx, c, 'site-offers', current, null);
    });
    return c.body(null, 204);
  });

  return app;
}
