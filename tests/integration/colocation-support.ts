/**
 * Helpers for the colocation tests, and the authorisation matrix's requests for the colocation routes.
 */
import type { Role } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import type { App } from '../../apps/api/src/app.js';
import { farAway } from '../support/fixtures.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import type { MatrixAttempt, MatrixContext } from './matrix-context.js';

let serial = 0;
const code = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}-${serial++}`;

/** A standing ground tower of `owner` at `at` ([lng, lat]); returns its id. */
export async function insertTower(
  sql: Sql,
  owner: string,
  at: [number, number],
  facts: { heightM?: number; antennaSlotsTotal?: number; tenantsMax?: number } = {},
): Promise<string> {
  const id = crypto.randomUUID();
  await sql.query(
    `INSERT INTO towers (id, code, owner_org_id, status, tower_class, structure, placement, height_m,
       antenna_slots_total, tenants_max, geom)
     VALUES ($1, $2, $3, 'existing', 'A2b', 'monopole', 'ground', $4, $5, $6, ST_SetSRID(ST_MakePoint($7, $8), 4326))`,
    [
      id,
      code('CT'),
      owner,
      facts.heightM ?? 40,
      facts.antennaSlotsTotal ?? 12,
      facts.tenantsMax ?? 3,
      at[0],
      at[1],
    ],
  );
  return id;
}

/** A tenancy of `operator` on a tower. */
export async function insertTenancy(sql: Sql, towerId: string, operator: string, antennaCount: number) {
  await sql.query(
    `INSERT INTO tenancies (id, tower_id, operator_org_id, technologies, antenna_count, mount_height_m, since)
     VALUES ($1, $2, $3, ARRAY['4G'], $4, 20, '2024-01-01')`,
    [crypto.randomUUID(), towerId, operator, antennaCount],
  );
}

export async function insertPole(
  sql: Sql,
  owner: string,
  at: [number, number],
  used: number,
  max: number,
): Promise<string> {
  const id = crypto.randomUUID();
  await sql.query(
    `INSERT INTO poles (id, code, owner_org_id, status, material, owner_sector, height_m, attachments_used,
       attachments_max, geom)
     VALUES ($1, $2, $3, 'existing', 'concrete', 'telecom', 8.5, $4, $5, ST_SetSRID(ST_MakePoint($6, $7), 4326))`,
    [id, code('CP'), owner, used, max, at[0], at[1]],
  );
  return id;
}

/** A duct segment from `at` about 110 m to the north-east; returns its id. */
export async function insertDuct(
  sql: Sql,
  owner: string,
  at: [number, number],
  used: number,
  total: number,
): Promise<string> {
  const id = crypto.randomUUID();
  await sql.query(
    `INSERT INTO ducts (id, code, owner_org_id, status, tubes_total, tubes_used, diameter_mm, depth_m, geom)
     VALUES ($1, $2, $3, 'existing', $4, $5, 110, 0.8,
       ST_SetSRID(ST_MakeLine(ST_MakePoint($6, $7), ST_MakePoint($6 + 0.001, $7 + 0.0005)), 4326))`,
    [id, code('CD'), owner, total, used, at[0], at[1]],
  );
  return id;
}

/** The body of a tower request. */
export const towerRequest = (id: string, extra: Record<string, unknown> = {}) => ({
  target: { kind: 'tower', id, technology: '4G', antennaCount: 3, mountHeightM: 30, ...extra },
  justification: 'Phủ sóng 1 240 người dân mới / covers 1 240 people',
  desiredStartDate: '2027-01-15',
});

export interface RequestBody {
  id: string;
  version: number;
  status: string;
}

/** Files a request as `session` and returns it (throws unless 201). */
export async function fileRequest(app: App, session: Session, body: unknown): Promise<RequestBody> {
  const response = await app.request('/api/v1/colocation-requests', {
    method: 'POST',
    headers: { ...session.headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`file request: ${response.status} ${await response.text()}`);
  return (await response.json()) as RequestBody;
}

/** Takes a step (`accept`, `reject`, …) as `session` with the request's version. */
export function stepRequest(
  app: App,
  session: Session,
  r: { id: string; version: number },
  action: string,
  json: unknown = {},
) {
  return app.request(`/api/v1/colocation-requests/${r.id}/${action}`, {
    method: 'POST',
    headers: { ...session.headers, 'content-type': 'application/json', 'if-match': `"${r.version}"` },
    body: JSON.stringify(json),
  });
}

/** A body each step accepts. */
export const STEP_BODIES: Record<string, unknown> = {
  'request-info': { text: 'Xin bản vẽ bố trí ăng-ten / antenna layout please' },
  accept: { note: 'OK', rentVndPerYear: 70_400_000 },
  'accept-with-conditions': { conditions: ['Lắp trong 90 ngày / install within 90 days'] },
  reject: { reasonCode: 'structural_limit', text: 'Cột đã hết tải / the tower is at its load limit' },
  withdraw: { text: 'Không cần nữa / no longer needed' },
  respond: { text: 'Đã gửi bản vẽ / layout attached' },
};

const sessionCache = new WeakMap<App, Map<string, Session>>();
/** One extra session per app, organisation and role (e.g. operator B's editor for the matrix). */
export async function cachedSession(app: App, orgId: string, role: Role): Promise<Session> {
  const cache = sessionCache.get(app) ?? new Map<string, Session>();
  sessionCache.set(app, cache);
  const key = `${orgId}:${role}`;
  const found = cache.get(key);
  if (found) return found;
  const session = await sessionFor(app, await testDatabase(), orgId, [role]);
  cache.set(key, session);
  return session;
}

let matrixSpot = 0;
const matrixAt = (): [number, number] => farAway(3100 + (matrixSpot++ % 200) * 0.1);

/**
 * For the authorisation matrix: a request that succeeds (2xx) for anyone the policy allows, for
 * every colocation route; `undefined` for other routes.
 *
 * Operators of the matrix belong to operator A. Requester-side steps (withdraw, respond) and
 * reads go to a request operator A's editor files on a fresh operator B tower; owner-side steps
 * (answers) go to a request operator B's editor (a session made here) files on a fresh operator
 * A tower, so operator A's editor answers as the owner. Admins may act for either party.
 * Notifications: the subject gets one by a request filed to its own organisation's tower.
 */
export async function colocationRouteAttempt(
  app: App,
  key: string,
  _admin: { headers: Record<string, string> },
  context: MatrixContext,
): Promise<MatrixAttempt | undefined> {
  const [method = '', pattern = ''] = key.split(' ');
  if (!/^\/api\/v1\/(colocation-requests|colocation-occupancies|notifications)/.test(pattern))
    return undefined;
  const db = await testDatabase();
  const { orgs } = context;
  const editorA = await cachedSession(app, orgs.operatorA, 'operator_editor');
  const editorB = await cachedSession(app, orgs.operatorB, 'operator_editor');
  /** A request by A on a B tower (A is the requester). */
  const outgoing = async () =>
    fileRequest(app, editorA, towerRequest(await insertTower(db, orgs.operatorB, matrixAt())));
  /** A request by B on an A tower (A is the owner). */
  const incoming = async () =>
    fileRequest(app, editorB, towerRequest(await insertTower(db, orgs.operatorA, matrixAt())));
  const path = (id: string, suffix = '') => `/api/v1/colocation-requests/${id}${suffix}`;
  const ifMatch = (r: { version: number }) => ({ 'if-match': `"${r.version}"` });
  const action = pattern.slice(pattern.lastIndexOf('/') + 1);

  switch (key) {
    case 'GET /api/v1/colocation-requests':
      return { method, path: `${pattern}?box=all&limit=5` };
    case 'POST /api/v1/colocation-requests':
      return { method, path: pattern, json: towerRequest(await insertTower(db, orgs.operatorB, matrixAt())) };
    case 'GET /api/v1/colocation-requests/oversight':
    case 'GET /api/v1/colocation-requests/oversight/map':
      return { method, path: pattern };
    case 'GET /api/v1/colocation-requests/:id':
    case 'GET /api/v1/colocation-requests/:id/messages':
    case 'GET /api/v1/colocation-requests/:id/attachments':
    case 'GET /api/v1/colocation-requests/:id/rent-suggestion':
      return { method, path: pattern.replace(':id', (await outgoing()).id) };
    case 'POST /api/v1/colocation-requests/:id/request-info':
    case 'POST /api/v1/colocation-requests/:id/accept':
    case 'POST /api/v1/colocation-requests/:id/accept-with-conditions':
    case 'POST /api/v1/colocation-requests/:id/reject': {
      const r = await incoming();
      return { method, path: path(r.id, `/${action}`), json: STEP_BODIES[action], headers: ifMatch(r) };
    }
    case 'POST /api/v1/colocation-requests/:id/withdraw': {
      const r = await outgoing();
      return { method, path: path(r.id, '/withdraw'), json: STEP_BODIES.withdraw, headers: ifMatch(r) };
    }
    case 'POST /api/v1/colocation-requests/:id/respond': {
      const asked = await incomingInfoRequested(app, editorA, editorB, db, orgs.operatorB);
      return { method, path: path(asked.id, '/respond'), json: STEP_BODIES.respond, headers: ifMatch(asked) };
    }
    case 'POST /api/v1/colocation-requests/:id/messages':
      return { method, path: path((await outgoing()).id, '/messages'), json: { text: 'Xin chào / hello' } };
    case 'POST /api/v1/colocation-requests/:id/attachments': {
      const form = new FormData();
      form.set('file', new File([PNG_BYTES], 'layout.png', { type: 'image/png' }));
      return { method, path: path((await outgoing()).id, '/attachments'), form };
    }
    case 'GET /api/v1/colocation-requests/:id/attachments/:attachmentId': {
      const r = await outgoing();
      const id = await uploadPng(app, editorA, r.id);
      return { method, path: path(r.id, `/attachments/${id}`) };
    }
    case 'GET /api/v1/colocation-occupancies':
      return { method, path: `${pattern}?assetKind=tower&limit=5` };
    case 'GET /api/v1/notifications':
      return { method, path: `${pattern}?limit=5` };
    case 'POST /api/v1/notifications/read-all':
      return { method, path: pattern };
    case 'POST /api/v1/notifications/:id/read': {
      const own = context.sessions.get(context.subject);
      const id = own ? await notificationFor(db, own.user.id) : crypto.randomUUID();
      return { method, path: pattern.replace(':id', id) };
    }
    default:
      throw new Error(`colocation-support: no attempt for ${key}`);
  }
}

/** A request operator A filed on a B tower, on which B asked for information (A responds). */
async function incomingInfoRequested(app: App, editorA: Session, editorB: Session, db: Sql, ownerB: string) {
  const r = await fileRequest(app, editorA, towerRequest(await insertTower(db, ownerB, matrixAt())));
  const asked = await stepRequest(app, editorB, r, 'request-info', STEP_BODIES['request-info']);
  if (asked.status !== 200) throw new Error(`request-info: ${asked.status} ${await asked.text()}`);
  return (await asked.json()) as RequestBody;
}

/** A notification of the user, made directly (the matrix only needs one to mark read). */
async function notificationFor(db: Sql, userId: string): Promise<string> {
  const id = crypto.randomUUID();
  await db.query(
    `INSERT INTO notifications (id, user_id, kind, subject_kind, subject_id, title)
     VALUES ($1, $2, 'colocation_update', 'colocation_request', $3, '{"vi":"Thử","en":"Test"}'::jsonb)`,
    [id, userId, crypto.randomUUID()],
  );
  return id;
}

/** The smallest PNG: the signature and an IHDR chunk head are enough for the type check. */
export const PNG_BYTES = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
  0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89,
]);

/** Uploads a PNG to a request; returns the attachment id. */
export async function uploadPng(app: App, session: Session, requestId: string): Promise<string> {
  const form = new FormData();
  form.set('file', new File([PNG_BYTES], 'layout.png', { type: 'image/png' }));
  const response = await app.request(`/api/v1/colocation-requests/${requestId}/attachments`, {
    method: 'POST',
    headers: session.headers,
    body: form,
  });
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}
