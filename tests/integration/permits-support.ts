/**
 * Helpers for the permit tests, and the authorisation matrix's requests for the permit routes.
 */
import { toVn2000 } from '@hatang/geo';
import type { App } from '../../apps/api/src/app.js';
import { testDatabase } from '../support/test-database.js';
import type { MatrixAttempt, MatrixContext } from './matrix-context.js';

/** A tower application's body at `at` ([lng, lat]); `details` overrides the tower's facts. */
export function towerApplication(at: [number, number], details: Record<string, unknown> = {}, extra = {}) {
  return {
    kind: 'tower',
    title: 'Trạm BTS thử nghiệm',
    geometry: { type: 'Point', coordinates: at },
    details: {
      towerClass: 'A2a',
      heightM: 30,
      structure: 'monopole',
      mounting: 'on_ground',
      eirpW: 1000,
      nearestBuildingM: 50,
      ...details,
    },
    ...extra,
  };
}

/** Marks the matrix's applications of this run, so its attempt maker finds the one just created. */
const MATRIX_TITLE = `Matrix permit ${crypto.randomUUID().slice(0, 8)}`;
const MATRIX_AT: [number, number] = [0.741, 0.741];
/** Inside the matrix's ward (square lng/lat 20–20.1), for the routes its inspector may use. */
const WARD_AT: [number, number] = [20.0531, 20.0517];
const path = (id: string, suffix = '') => `/api/v1/permit-applications/${id}${suffix}`;

/**
 * For the authorisation matrix: a request that succeeds (2xx) for anyone the policy allows, for
 * every permit route; `undefined` for other routes.
 *
 * The matrix passes neither the subject nor its organisation, and an operator acts only on its
 * own organisation's applications. The policy table lists create before read, change, submit
 * and withdraw, and the matrix tries routes in that order for one subject at a time, so those
 * go to the application the same subject filed a moment before (operator viewers read the one
 * their organisation's editor just filed). The reviewer's steps go to a fresh application the
 * admin files and submits, which reviewers and admins may act on.
 */
export async function permitRouteAttempt(
  app: App,
  key: string,
  admin: { headers: Record<string, string> },
  context?: MatrixContext,
): Promise<MatrixAttempt | undefined> {
  const [method = '', pattern = ''] = key.split(' ');
  if (pattern.startsWith('/api/v1/permit-check-config')) {
    if (method !== 'PUT') return { method, path: pattern };
    // The current parameters again, unchanged (so no other test sees a difference): a new version.
    const current = await app.request('/api/v1/permit-check-config', { headers: admin.headers });
    const body = (await current.json()) as { version: number; params: unknown };
    return {
      method,
      path: pattern,
      json: { params: body.params, note: 'authorisation matrix' },
      headers: { 'if-match': String(body.version) },
    };
  }
  if (!pattern.startsWith('/api/v1/permit-applications')) return undefined;
  const latest = async () => {
    const db = await testDatabase();
    const rows = await db.query<{ id: string; version: number }>(
      'SELECT id::text AS id, version FROM permit_applications WHERE title = $1 ORDER BY created_at DESC, id LIMIT 1',
      [MATRIX_TITLE],
    );
    if (rows[0]) return rows[0];
    // Subjects that run before anyone filed one (anonymous) get an admin's draft; the policy refuses them anyway.
    const response = await app.request('/api/v1/permit-applications', {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify(towerApplication(MATRIX_AT, {}, { title: MATRIX_TITLE })),
    });
    if (response.status !== 201) throw new Error(`fixture: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string; version: number };
  };
  const submitted = async () => {
    const created = await filed(
      app,
      admin.headers,
      towerApplication(MATRIX_AT, {}, { title: 'Matrix review' }),
    );
    return created;
  };
  /**
   * An application every reader may read: filed and submitted by operator A's editor (operator
   * viewers are of the same organisation) inside the matrix's ward (so its commune inspector
   * reads it); `decide`: then approved by the admin, so its decision document exists.
   */
  const inWard = async (decide = false) => {
    const editor = context?.sessions.get('operator_editor') ?? admin;
    const a = await filed(
      app,
      editor.headers,
      towerApplication(WARD_AT, {}, { title: 'Matrix ward permit' }),
    );
    if (!decide) return a;
    const response = await app.request(path(a.id, '/decision'), {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'application/json', 'if-match': String(a.version) },
      body: JSON.stringify({ outcome: 'approved' }),
    });
    if (response.status !== 200)
      throw new Error(`fixture decision: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string; version: number };
  };
  switch (key) {
    case 'GET /api/v1/permit-applications':
      return { method, path: `${pattern}?status=submitted&limit=5` };
    case 'POST /api/v1/permit-applications':
      return { method, path: pattern, json: towerApplication(MATRIX_AT, {}, { title: MATRIX_TITLE }) };
    case 'GET /api/v1/permit-applications/:id':
      return { method, path: path((await inWard()).id) };
    case 'GET /api/v1/permit-applications/:id/decision.pdf':
      return { method, path: path((await inWard(true)).id, '/decision.pdf') };
    case 'POST /api/v1/permit-applications/:id/attachments': {
      // A draft of operator A's (the editor's own organisation), which reviewers and admins may add to as well.
      const editor = context?.sessions.get('operator_editor') ?? admin;
      const draft = await send(app, editor.headers, '/api/v1/permit-applications', {
        method: 'POST',
        json: towerApplication(WARD_AT, {}, { title: 'Matrix attachment draft' }),
      });
      return { method, path: path(draft.id, '/attachments'), form: drawingForm() };
    }
    case 'GET /api/v1/permit-applications/:id/attachments':
      return { method, path: path((await inWard()).id, '/attachments') };
    case 'GET /api/v1/permit-applications/:id/attachments/:attachmentId': {
      const a = await inWard();
      const response = await app.request(path(a.id, '/attachments'), {
        method: 'POST',
        headers: admin.headers,
        body: drawingForm(),
      });
      if (response.status !== 201)
        throw new Error(`fixture attachment: ${response.status} ${await response.text()}`);
      const info = (await response.json()) as { id: string };
      return { method, path: path(a.id, `/attachments/${info.id}`) };
    }
    case 'GET /api/v1/permit-applications/:id/works.dxf':
      return { method, path: path((await inWard()).id, '/works.dxf') };
    case 'GET /api/v1/permit-applications/:id/attachments/:attachmentId/drawing.geojson': {
      const a = await inWard();
      const response = await app.request(path(a.id, '/attachments'), {
        method: 'POST',
        headers: admin.headers,
        body: drawingForm(dxfBytes([106.68, 20.85]), 'mặt bằng.dxf'),
      });
      if (response.status !== 201)
        throw new Error(`fixture DXF attachment: ${response.status} ${await response.text()}`);
      const info = (await response.json()) as { id: string };
      return { method, path: path(a.id, `/attachments/${info.id}/drawing.geojson`) };
    }
    case 'GET /api/v1/permit-applications/:id/comments':
      return { method, path: path((await inWard()).id, '/comments') };
    case 'POST /api/v1/permit-applications/:id/comments':
      return {
        method,
        path: path((await inWard()).id, '/comments'),
        json: { text: 'Đề nghị bổ sung ảnh hiện trạng' },
      };
    case 'PATCH /api/v1/permit-applications/:id': {
      const a = await latest();
      return {
        method,
        path: path(a.id),
        json: { justification: 'Không có trạm dùng chung gần đó' },
        headers: ifMatch(a),
      };
    }
    case 'POST /api/v1/permit-applications/:id/checks':
      return { method, path: path((await latest()).id, '/checks') };
    case 'POST /api/v1/permit-applications/:id/submit':
    case 'POST /api/v1/permit-applications/:id/withdraw': {
      const a = await latest();
      return { method, path: path(a.id, pattern.slice(pattern.lastIndexOf('/'))), headers: ifMatch(a) };
    }
    case 'POST /api/v1/permit-applications/:id/request-info': {
      const a = await submitted();
      return {
        method,
        path: path(a.id, '/request-info'),
        json: { reason: 'Bổ sung bản vẽ' },
        headers: ifMatch(a),
      };
    }
    case 'POST /api/v1/permit-applications/:id/decision': {
      const a = await submitted();
      return {
        method,
        path: path(a.id, '/decision'),
        json: { outcome: 'approved_with_conditions', conditions: ['Sơn màu ngụy trang'] },
        headers: ifMatch(a),
      };
    }
    default:
      throw new Error(`permits-support: no attempt for ${key}`);
  }
}

const ifMatch = (a: { version: number }) => ({ 'if-match': String(a.version) });

/** The first bytes of a PNG: what the attachment store recognises a PNG by. */
export const PNG_BYTES = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

/** A multipart upload of a small drawing (PNG). */
export function drawingForm(
  bytes: Uint8Array = PNG_BYTES,
  name = 'bản vẽ mặt bằng.png',
  purpose = 'drawing',
) {
  const form = new FormData();
  form.set('file', new File([bytes.slice().buffer as ArrayBuffer], name));
  form.set('purpose', purpose);
  return form;
}

/** Files and submits an application as `headers`' user; returns its id and version after submitting. */
export async function filed(
  app: App,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ id: string; version: number }> {
  const draft = await send(app, headers, '/api/v1/permit-applications', { method: 'POST', json: body });
  return send(app, headers, `/api/v1/permit-applications/${draft.id}/submit`, {
    method: 'POST',
    version: draft.version,
  });
}

/** A JSON request as `headers`' user that must succeed; returns the answer's id and version. */
export async function send(
  app: App,
  headers: Record<string, string>,
  path: string,
  init: { method: string; json?: unknown; version?: number },
): Promise<{ id: string; version: number }> {
  const response = await app.request(path, {
    method: init.method,
    headers: {
      ...headers,
      'content-type': 'application/json',
      ...(init.version ? { 'if-match': String(init.version) } : {}),
    },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  if (response.status >= 300) throw new Error(`fixture ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; version: number };
}

/**
 * A small ASCII DXF written by hand (as a surveyor's CAD program would, AutoCAD R12 style): near
 * `at` ([lng, lat]) in VN-2000 TM-3 Hải Phòng metres, a LINE 20 m east on layer RANH_GIOI, a closed
 * LWPOLYLINE 10 m square on layer MONG_COT and a TEXT; `extra` is put in the ENTITIES section as is.
 */
export function dxfText(at: [number, number], extra = ''): string {
  const { x, y } = toVn2000(at);
  const f = (v: number) => v.toFixed(3);
  return [
    '999',
    'Ban ve mat bang tram',
    '0',
    'SECTION',
    '2',
    'HEADER',
    '9',
    '$ACADVER',
    '1',
    'AC1009',
    '9',
    '$INSUNITS',
    '70',
    '6',
    '0',
    'ENDSEC',
    '0',
    'SECTION',
    '2',
    'ENTITIES',
    '0',
    'LINE',
    '8',
    'RANH_GIOI',
    '10',
    f(x),
    '20',
    f(y),
    '30',
    '0',
    '11',
    f(x + 20),
    '21',
    f(y),
    '31',
    '0',
    '0',
    'LWPOLYLINE',
    '8',
    'MONG_COT',
    '90',
    '4',
    '70',
    '1',
    '10',
    f(x),
    '20',
    f(y + 5),
    '10',
    f(x + 10),
    '20',
    f(y + 5),
    '10',
    f(x + 10),
    '20',
    f(y + 15),
    '10',
    f(x),
    '20',
    f(y + 15),
    '0',
    'TEXT',
    '8',
    'GHI_CHU',
    '10',
    f(x),
    '20',
    f(y),
    '30',
    '0',
    '40',
    '2',
    '1',
    'Mong cot',
    ...(extra ? [extra] : []),
    '0',
    'ENDSEC',
    '0',
    'EOF',
    '',
  ].join('\n');
}

export const dxfBytes = (at: [number, number], extra = '') => new TextEncoder().encode(dxfText(at, extra));
