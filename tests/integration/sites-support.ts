/**
 * Helpers for the site offer and key site tests, and the authorisation matrix's requests for
 * their routes.
 */
import type { App } from '../../apps/api/src/app.js';
import { testDatabase } from '../support/test-database.js';
import type { PlanAttempt } from './plans-support.js';

/** A point offer in the Gulf of Guinea, far from the demo data (like fixtures.ts's `farAway`). */
export function offerFeature(at: [number, number], properties: Record<string, unknown> = {}) {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: at },
    properties: {
      name: 'Đất công UBND xã',
      offerKind: 'land_plot',
      purpose: 'tower',
      areaM2: 150,
      maxStructureHeightM: 45,
      contactName: 'Nguyễn Văn A',
      contactPhone: '0225 3840 123',
      ...properties,
    },
  };
}

export function keySiteFeature(at: [number, number], properties: Record<string, unknown> = {}) {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: at },
    properties: { category: 'school', name: 'Trường THCS thử', ...properties },
  };
}

/** Marks the matrix's offers of this run, so its attempt maker finds the one just created. */
const MATRIX_OFFER = `Matrix offer ${crypto.randomUUID().slice(0, 8)}`;
const MATRIX_AT: [number, number] = [0.731, 0.731];
/** Inside the matrix's ward (square lng/lat 20–20.1): its commune inspector publishes only there. */
const WARD_AT: [number, number] = [20.0731, 20.0731];

const fixtures = new WeakMap<App, Promise<{ offerId: string; keySiteId: string }>>();

/**
 * For the authorisation matrix: a request that succeeds (2xx) for anyone the policy allows, for
 * every sites route; `undefined` for other routes.
 *
 * Offer writes: an inspector may change only its own commune's offers, and the matrix passes
 * neither the subject nor its organisation. The policy table lists create before change,
 * withdraw and delete, and the matrix tries the routes in that order for one subject at a time,
 * so each write goes to the offer the same subject created a moment before with
 * `POST /site-offers` (its own organisation's). Subjects that may not create get an offer of
 * someone else's, which the policy refuses them anyway.
 */
export async function siteRouteAttempt(
  app: App,
  key: string,
  admin: { headers: Record<string, string> },
): Promise<PlanAttempt | undefined> {
  const [method = '', pattern = ''] = key.split(' ');
  if (!/^\/api\/v1\/(site-offers|key-sites)\b/.test(pattern)) return undefined;
  const post = async (path: string, json: unknown): Promise<{ id: string }> => {
    const response = await app.request(path, {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
    if (response.status >= 300)
      throw new Error(`fixture ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string };
  };
  let made = fixtures.get(app);
  if (!made) {
    made = (async () => ({
      offerId: (await post('/api/v1/site-offers', offerFeature(MATRIX_AT, { name: 'Matrix fixture offer' })))
        .id,
      keySiteId: (await post('/api/v1/key-sites', keySiteFeature(MATRIX_AT))).id,
    }))();
    fixtures.set(app, made);
  }
  const f = await made;
  const latestMatrixOffer = async () => {
    const db = await testDatabase();
    const rows = await db.query<{ id: string; version: number }>(
      'SELECT id::text AS id, version FROM site_offers WHERE name = $1 ORDER BY created_at DESC, id LIMIT 1',
      [MATRIX_OFFER],
    );
    return rows[0] ?? { id: f.offerId, version: 1 };
  };
  const freshKeySite = () => post('/api/v1/key-sites', keySiteFeature(MATRIX_AT));

  switch (key) {
    case 'POST /api/v1/site-offers':
      return { method, path: pattern, json: offerFeature(WARD_AT, { name: MATRIX_OFFER }) };
    case 'PATCH /api/v1/site-offers/:id': {
      const offer = await latestMatrixOffer();
      return {
        method,
        path: `/api/v1/site-offers/${offer.id}`,
        json: { properties: { areaM2: 200 } },
        headers: { 'if-match': String(offer.version) },
      };
    }
    case 'POST /api/v1/site-offers/:id/withdraw': {
      const offer = await latestMatrixOffer();
      return {
        method,
        path: `/api/v1/site-offers/${offer.id}/withdraw`,
        headers: { 'if-match': String(offer.version) },
      };
    }
    case 'DELETE /api/v1/site-offers/:id':
      return { method, path: `/api/v1/site-offers/${(await latestMatrixOffer()).id}` };
    case 'POST /api/v1/key-sites':
      return { method, path: pattern, json: keySiteFeature(MATRIX_AT) };
    case 'POST /api/v1/key-sites/import':
      return {
        method,
        path: pattern,
        json: {
          format: 'csv',
          content: `name,category,lng,lat\nTrường ma trận,school,${MATRIX_AT[0]},${MATRIX_AT[1]}\n`,
        },
      };
    case 'GET /api/v1/key-sites/status':
      return { method, path: `${pattern}?category=school&commune=99999` };
    case 'PATCH /api/v1/key-sites/:id':
      return {
        method,
        path: `/api/v1/key-sites/${(await freshKeySite()).id}`,
        json: { properties: { name: 'Đổi tên' } },
        headers: { 'if-match': '1' },
      };
    case 'DELETE /api/v1/key-sites/:id':
      return { method, path: `/api/v1/key-sites/${(await freshKeySite()).id}` };
    default:
      return {
        method,
        path: pattern
          .replace('/site-offers/:id', `/site-offers/${f.offerId}`)
          .replace('/key-sites/:id', `/key-sites/${f.keySiteId}`)
          .replace(/\/site-offers$/, '/site-offers?bbox=0.7,0.7,0.8,0.8')
          .replace(/\/key-sites$/, '/key-sites?bbox=0.7,0.7,0.8,0.8'),
      };
  }
}
