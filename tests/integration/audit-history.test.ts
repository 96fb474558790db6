import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, farAway, sampleFeature } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

type Feature = { id: string; properties: Record<string, unknown>; geometry: { coordinates: number[] } };
type HistoryItem = {
  version: number;
  action: string;
  at: string;
  actor: { userId: string; displayName: string; orgId: string } | null;
  requestId: string;
  before: Feature | null;
  after: Feature | null;
};

let app: App;
let editor: Session;
let operator: string;
const history = async (id: string) =>
  (await call<{ items: HistoryItem[] }>(app, 'GET', `/api/v1/poles/${id}/history`, { as: editor })).body
    .items;

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  operator = await createOrganisation(db, 'operator');
  editor = await sessionFor(app, db, operator, ['operator_editor']);
});

async function createPole(): Promise<{ id: string; requestId: string }> {
  const response = await call<Feature>(app, 'POST', '/api/v1/poles', {
    as: editor,
    json: sampleFeature('poles', operator, `audit-${crypto.randomUUID().slice(0, 8)}`, farAway(4000)),
  });
  expect(response.status).toBe(201);
  return { id: response.body.id, requestId: response.headers.get('x-request-id') ?? '' };
}

describe('audit history', () => {
  it('records who, when, the request id and before/after of every write, newest first', async () => {
    const { id, requestId } = await createPole();
    const moved = { type: 'Point', coordinates: [farAway(4001)[0], farAway(4001)[1]] };
    const update = await call<Feature>(app, 'PATCH', `/api/v1/poles/${id}`, {
      as: editor,
      json: { geometry: moved, properties: { attachmentsUsed: 5 } },
      headers: { 'if-match': '1' },
    });
    expect(update.status).toBe(200);
    expect((await call(app, 'DELETE', `/api/v1/poles/${id}`, { as: editor })).status).toBe(204);

    const items = await history(id);
    expect(items.map((i) => [i.action, i.version])).toEqual([
      ['delete', 2],
      ['update', 2],
      ['create', 1],
    ]);
    expect(items[2]).toMatchObject({
      requestId,
      actor: { userId: editor.user.id, orgId: operator },
      before: null,
    });
    expect(items[1]?.before?.properties.attachmentsUsed).toBe(2);
    expect(items[1]?.after?.properties.attachmentsUsed).toBe(5);
    expect(items[1]?.after?.geometry.coordinates).toEqual(moved.coordinates);
    expect(items[0]?.after).toBeNull();
    expect(Date.parse(items[0]!.at)).toBeGreaterThanOrEqual(Date.parse(items[2]!.at));
  });

  it('restores an old version as a new, audited write', async () => {
    const { id } = await createPole();
    await call(app, 'PATCH', `/api/v1/poles/${id}`, {
      as: editor,
      json: { properties: { heightM: 12, status: 'decommissioned' } },
      headers: { 'if-match': '1' },
    });
    const stale = await call(app, 'POST', `/api/v1/poles/${id}/restore`, {
      as: editor,
      json: { version: 1 },
      headers: { 'if-match': '1' },
    });
    expect(stale.status).toBe(409);
    const restored = await call<Feature>(app, 'POST', `/api/v1/poles/${id}/restore`, {
      as: editor,
      json: { version: 1 },
      headers: { 'if-match': '2' },
    });
    expect(restored.status).toBe(200);
    expect(restored.body.properties).toMatchObject({ heightM: 8.5, status: 'existing', version: 3 });
    const items = await history(id);
    expect(items[0]).toMatchObject({ action: 'restore', version: 3 });
    expect(items[0]?.before?.properties.heightM).toBe(12);
  });

  it('brings a deleted record back under its own id', async () => {
    const { id } = await createPole();
    await call(app, 'DELETE', `/api/v1/poles/${id}`, { as: editor });
    expect((await call(app, 'GET', `/api/v1/poles/${id}`, { as: editor })).status).toBe(404);
    const restored = await call<Feature>(app, 'POST', `/api/v1/poles/${id}/restore`, {
      as: editor,
      json: { version: 1 },
    });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id, properties: { version: 2 } });
    expect((await call(app, 'GET', `/api/v1/poles/${id}`, { as: editor })).status).toBe(200);
    expect((await history(id)).map((i) => i.action)).toEqual(['restore', 'delete', 'create']);
  });

  it('answers 404 for a version that never existed', async () => {
    const { id } = await createPole();
    const response = await call(app, 'POST', `/api/v1/poles/${id}/restore`, {
      as: editor,
      json: { version: 9 },
      headers: { 'if-match': '1' },
    });
    expect(response.status).toBe(404);
  });

  it('cannot be edited or deleted, through the API or in SQL', async () => {
    const { id } = await createPole();
    for (const method of ['PATCH', 'DELETE', 'PUT']) {
      const response = await call(app, method, `/api/v1/poles/${id}/history`, { as: editor, json: {} });
      expect(response.status).toBe(404);
    }
    const db = await testDatabase();
    await expect(
      db.query(`UPDATE audit_log SET actor_name = 'forged' WHERE record_id = $1`, [id]),
    ).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_log WHERE record_id = $1', [id])).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect(await history(id)).toHaveLength(1);
  });
});

describe('concurrent edits', () => {
  it('lets exactly one of two PATCHes of the same version win; the other gets 409 and nothing is lost', async () => {
    const { id } = await createPole();
    const patch = (attachmentsUsed: number) =>
      call<Feature & { error?: { code: string; current: Feature } }>(app, 'PATCH', `/api/v1/poles/${id}`, {
        as: editor,
        json: { properties: { attachmentsUsed } },
        headers: { 'if-match': '1' },
      });
    const results = await Promise.all([patch(3), patch(4)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!;
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.error?.code).toBe('VERSION_CONFLICT');
    expect(loser.body.error?.current.properties).toMatchObject({
      version: 2,
      attachmentsUsed: winner.body.properties.attachmentsUsed,
    });
    const items = await history(id);
    expect(items.map((i) => i.action)).toEqual(['update', 'create']);
  });
});
