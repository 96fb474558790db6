/**
 * Helpers for the violation tests, and the authorisation matrix's requests for the violation routes.
 */
import type { App } from '../../apps/api/src/app.js';
import { farAway, sampleFeature } from '../support/fixtures.js';
import { testDatabase } from '../support/test-database.js';
import type { MatrixAttempt, MatrixContext } from './matrix-context.js';
import { solidPng } from './violations-png.js';

export { solidPng };

type Headers = { headers: Record<string, string> };

/** A multipart body with one file part `file` (and the purpose `photo`). */
export function photoForm(bytes: Uint8Array, name = 'photo.png', type = 'image/png'): FormData {
  const form = new FormData();
  form.set('file', new File([bytes.slice()], name, { type }));
  form.set('purpose', 'photo');
  return form;
}

/** A violation report's body at `at` ([lng, lat]); `extra` overrides fields. */
export function violationBody(at: [number, number], extra: Record<string, unknown> = {}) {
  return {
    kind: 'open_or_damaged_manhole',
    description: 'Nắp hố ga bị vỡ, nguy hiểm cho người đi bộ',
    geometry: { type: 'Point', coordinates: at },
    ...extra,
  };
}

/** Sends JSON as `who` and returns the parsed body; throws on a non-2xx answer (for fixtures). */
export async function send<T>(
  app: App,
  who: Headers,
  method: string,
  path: string,
  json?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await app.request(path, {
    method,
    headers: { ...who.headers, 'content-type': 'application/json', ...headers },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  if (response.status >= 300)
    throw new Error(`fixture ${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

type Created = { id: string; properties: { version: number } };

/** A manhole owned by `owner`, made by the admin, far from the demo data; returns its id. */
export async function ownedManhole(app: App, admin: Headers, owner: string, code: string): Promise<string> {
  const feature = sampleFeature('manholes', owner, code, farAway(2500 + Math.floor(Math.random() * 50)));
  return (await send<{ id: string }>(app, admin, 'POST', '/api/v1/manholes', feature)).id;
}

const matrixManholes = new Map<string, Promise<string>>();
const unitPoints = new Map<string, Promise<[number, number]>>();

/** A point inside the admin unit `code` ([lng, lat]), where its commune's inspector may record. */
function insideUnit(code: string): Promise<[number, number]> {
  if (!unitPoints.has(code))
    unitPoints.set(
      code,
      testDatabase().then(async (db) => {
        const rows = await db.query<{ lng: number; lat: number }>(
          `SELECT ST_X(p) AS lng, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM admin_units WHERE code = $1) s`,
          [code],
        );
        const row = rows[0];
        if (!row) throw new Error(`violations-support: no admin unit ${code}`);
        return [Number(Number(row.lng).toFixed(6)), Number(Number(row.lat).toFixed(6))];
      }),
    );
  return unitPoints.get(code)!;
}

/**
 * For the authorisation matrix: a request that succeeds (2xx) for anyone the policy allows, for
 * every violation route; `undefined` for other routes.
 *
 * Every record route acts on a fresh report the admin files inside the matrix's ward (so the
 * commune's inspector may act on it), linked to a manhole of operator A (so A's editors and
 * viewers, who are notified of it, may read it), and brought to the state the route needs.
 */
export async function violationRouteAttempt(
  app: App,
  key: string,
  admin: Headers,
  context: MatrixContext,
): Promise<MatrixAttempt | undefined> {
  const [method = '', pattern = ''] = key.split(' ');
  if (!pattern.startsWith('/api/v1/violations')) return undefined;
  const operatorA = context.orgs.operatorA;
  if (!matrixManholes.has(operatorA))
    matrixManholes.set(
      operatorA,
      ownedManhole(app, admin, operatorA, `matrix-violation-${crypto.randomUUID().slice(0, 8)}`),
    );
  const manhole = await matrixManholes.get(operatorA)!;
  const at = await insideUnit(context.unitCode);
  const body = violationBody(at, { asset: { resource: 'manholes', id: manhole } });
  const fresh = () => send<Created>(app, admin, 'POST', '/api/v1/violations', body);
  const path = (id: string, suffix = '') => `/api/v1/violations/${id}${suffix}`;
  const ifMatch = (v: { properties: { version: number } }) => ({ 'if-match': String(v.properties.version) });
  switch (key) {
    case 'GET /api/v1/violations':
      return { method, path: `${pattern}?adminUnitCode=${context.unitCode}&limit=5` };
    case 'POST /api/v1/violations':
      return { method, path: pattern, json: body };
    case 'GET /api/v1/violations/:id':
    case 'GET /api/v1/violations/:id/history':
    case 'GET /api/v1/violations/:id/attachments': {
      const v = await fresh();
      return { method, path: path(v.id, pattern.slice('/api/v1/violations/:id'.length)) };
    }
    case 'PATCH /api/v1/violations/:id': {
      const v = await fresh();
      return { method, path: path(v.id), json: { description: 'Đã kiểm tra lại' }, headers: ifMatch(v) };
    }
    case 'POST /api/v1/violations/:id/notify':
    case 'POST /api/v1/violations/:id/escalate': {
      const v = await fresh();
      const action = pattern.slice(pattern.lastIndexOf('/'));
      return { method, path: path(v.id, action), json: { note: 'Matrix' }, headers: ifMatch(v) };
    }
    case 'POST /api/v1/violations/:id/resolve': {
      const v = await fresh();
      const notified = await send<Created>(app, admin, 'POST', path(v.id, '/notify'), {}, ifMatch(v));
      return { method, path: path(v.id, '/resolve'), json: { note: 'Đã sửa' }, headers: ifMatch(notified) };
    }
    case 'POST /api/v1/violations/:id/attachments': {
      const v = await fresh();
      return { method, path: path(v.id, '/attachments'), form: photoForm(solidPng()) };
    }
    case 'GET /api/v1/violations/:id/attachments/:attachmentId': {
      const v = await fresh();
      const response = await app.request(path(v.id, '/attachments'), {
        method: 'POST',
        headers: admin.headers,
        body: photoForm(solidPng()),
      });
      if (response.status !== 201)
        throw new Error(`fixture photo: ${response.status} ${await response.text()}`);
      const photo = (await response.json()) as { id: string };
      return { method, path: path(v.id, `/attachments/${photo.id}`) };
    }
    default:
      throw new Error(`violations-support: no attempt for ${key}`);
  }
}
