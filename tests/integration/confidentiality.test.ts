/**
 * Confidentiality tiers: an operator sees its own assets in full and competitors' at the sharing
 * tier; the public sees public fields; planners see all. Checked on every list and detail
 * endpoint and on history, by key and by value (a secret value must not appear anywhere).
 */
import { assetResources } from '@hatang/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../apps/api/src/app.js';
import { createOrganisation, farAway, sampleFeature } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor, TEST_SCRYPT_N } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

type Feature = { id: string; properties: Record<string, unknown> };

let app: App;
let operatorA: string;
let editorA: Session;
let editorB: Session;
let viewerB: Session;
let planner: Session;
let publicViewer: Session;
let towerId: string;
const where = farAway(3000);
const bbox = [where[0] - 0.01, where[1] - 0.01, where[0] + 0.01, where[1] + 0.01].join(',');
/** Values only the owner may see: they must never appear in a competitor's or the public's response. */
const SECRET_BACKUP_HOURS = 7.123456;
const SECRET_MOUNT_HEIGHT = 31.337;

beforeAll(async () => {
  const db = await testDatabase();
  app = createApp({ db, auth: { scryptN: TEST_SCRYPT_N } });
  operatorA = await createOrganisation(db, 'operator');
  const operatorB = await createOrganisation(db, 'operator');
  editorA = await sessionFor(app, db, operatorA, ['operator_editor']);
  editorB = await sessionFor(app, db, operatorB, ['operator_editor']);
  viewerB = await sessionFor(app, db, operatorB, ['operator_viewer']);
  planner = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
  publicViewer = await sessionFor(app, db, await createOrganisation(db, 'public'), ['viewer']);

  const tower = sampleFeature('towers', operatorA, `secret-${crypto.randomUUID().slice(0, 6)}`, where);
  const created = await call<Feature>(app, 'POST', '/api/v1/towers', {
    as: editorA,
    json: { ...tower, properties: { ...tower.properties, powerBackupHours: SECRET_BACKUP_HOURS } },
  });
  expect(created.status).toBe(201);
  towerId = created.body.id;
  await db.query(
    `INSERT INTO tenancies (id, tower_id, operator_org_id, technologies, antenna_count, mount_height_m, since)
     VALUES ($1, $2, $3, '{4G,5G}', 3, $4, '2024-05-01')`,
    [crypto.randomUUID(), towerId, operatorA, SECRET_MOUNT_HEIGHT],
  );
  // A second version so the history holds before and after.
  await call(app, 'PATCH', `/api/v1/towers/${towerId}`, {
    as: editorA,
    json: { properties: { heightM: 45 } },
    headers: { 'if-match': '1' },
  });
});

/** Every response about the tower that a viewer can get: list, detail and history. */
async function everything(session: Session | undefined): Promise<{ texts: string[]; features: Feature[] }> {
  const list = await call<{ features: Feature[] }>(app, 'GET', `/api/v1/towers?bbox=${bbox}`, {
    as: session,
  });
  const detail = await call<Feature>(app, 'GET', `/api/v1/towers/${towerId}`, { as: session });
  const history = await call<{ items: { before: Feature | null; after: Feature | null }[] }>(
    app,
    'GET',
    `/api/v1/towers/${towerId}/history`,
    { as: session },
  );
  expect([list.status, detail.status, history.status]).toEqual([200, 200, 200]);
  const features = [
    ...list.body.features.filter((f) => f.id === towerId),
    detail.body,
    ...history.body.items.flatMap((i) => [i.before, i.after]).filter((f): f is Feature => f !== null),
  ];
  expect(features.length).toBeGreaterThanOrEqual(4);
  return { texts: [list, detail, history].map((r) => JSON.stringify(r.body)), features };
}

describe('confidentiality tiers', () => {
  it('shows the owner its tower in full, tenants included', async () => {
    const { features } = await everything(editorA);
    const detail = features[1]!;
    expect(detail.properties.powerBackupHours).toBe(SECRET_BACKUP_HOURS);
    expect(detail.properties.tenancies).toEqual([
      expect.objectContaining({ mountHeightM: SECRET_MOUNT_HEIGHT }),
    ]);
  });

  it('shows planners everything', async () => {
    const { features } = await everything(planner);
    expect(features[1]!.properties.powerBackupHours).toBe(SECRET_BACKUP_HOURS);
  });

  it.each([
    ['a competing operator editor', () => editorB],
    ['a competing operator viewer', () => viewerB],
  ])('never shows %s the owner-only fields, but shows what co-location needs', async (_, session) => {
    const { texts, features } = await everything(session());
    for (const feature of features) {
      expect(feature.properties).not.toHaveProperty('tenancies');
      expect(feature.properties).not.toHaveProperty('powerBackupHours');
      expect(feature.properties).toHaveProperty('heightM');
      expect(feature.properties).toHaveProperty('antennaSlotsTotal');
    }
    expect(features[1]!.properties.tenantCount).toBe(1);
    for (const text of texts) {
      expect(text).not.toContain(String(SECRET_BACKUP_HOURS));
      expect(text).not.toContain(String(SECRET_MOUNT_HEIGHT));
    }
  });

  it.each([
    ['anonymous', () => undefined],
    ['the public viewer role', () => publicViewer],
  ])('shows %s only the public fields', async (_, session) => {
    const { texts, features } = await everything(session());
    for (const feature of features) {
      expect(Object.keys(feature.properties).sort()).toEqual(
        ['adminUnitCode', 'id', 'ownerOrgId', 'placement', 'status', 'structure', 'towerClass'].sort(),
      );
    }
    for (const text of texts) expect(text).not.toContain(String(SECRET_MOUNT_HEIGHT));
  });

  it('refuses to filter by a field the viewer cannot see', async () => {
    const probe = await call<{ error: { code: string } }>(app, 'GET', '/api/v1/towers?code=anything');
    expect(probe.status).toBe(400);
    const allowed = await call(app, 'GET', '/api/v1/towers?code=anything', { as: editorB });
    expect(allowed.status).toBe(200);
  });

  it('names the pole a device hangs on by its code to who may see the pole, never to the public', async () => {
    const at = farAway(3200);
    const poleCode = `pole-of-cam-${crypto.randomUUID().slice(0, 6)}`;
    const pole = await call<Feature>(app, 'POST', '/api/v1/poles', {
      as: editorA,
      json: sampleFeature('poles', operatorA, poleCode, at),
    });
    expect(pole.status).toBe(201);
    const camera = sampleFeature('street-devices', operatorA, `cam-${crypto.randomUUID().slice(0, 6)}`, at);
    const hung = await call<Feature>(app, 'POST', '/api/v1/street-devices', {
      as: editorA,
      json: { ...camera, properties: { ...camera.properties, poleId: pole.body.id } },
    });
    expect(hung.status, JSON.stringify(hung.body)).toBe(201);
    expect(hung.body.properties).toMatchObject({ poleId: pole.body.id, poleCode });
    const standalone = await call<Feature>(app, 'POST', '/api/v1/street-devices', {
      as: editorA,
      json: sampleFeature('street-devices', operatorA, `cam-${crypto.randomUUID().slice(0, 6)}`, at),
    });
    expect(standalone.body.properties).toMatchObject({ poleId: null, poleCode: null });
    const around = [at[0] - 0.001, at[1] - 0.001, at[0] + 0.001, at[1] + 0.001].join(',');
    const seenBy = async (session: Session | undefined) => {
      const detail = await call<Feature>(app, 'GET', `/api/v1/street-devices/${hung.body.id}`, {
        as: session,
      });
      const list = await call<{ features: Feature[] }>(app, 'GET', `/api/v1/street-devices?bbox=${around}`, {
        as: session,
      });
      expect([detail.status, list.status]).toEqual([200, 200]);
      return { detail: detail.body, text: JSON.stringify([detail.body, list.body]) };
    };
    for (const session of [editorA, planner, editorB, viewerB]) {
      const { detail } = await seenBy(session);
      expect(detail.properties).toMatchObject({ poleId: pole.body.id, poleCode });
    }
    for (const session of [undefined, publicViewer]) {
      const { detail, text } = await seenBy(session);
      expect(detail.properties).not.toHaveProperty('poleId');
      expect(detail.properties).not.toHaveProperty('poleCode');
      expect(text).not.toContain(poleCode);
      expect(text).not.toContain(pole.body.id);
    }
  });

  it.each(assetResources.map((r) => [r.path]))(
    'hides %s codes and versions from the public on list and detail',
    async (path) => {
      const created = await call<Feature>(app, 'POST', `/api/v1/${path}`, {
        as: planner,
        json: sampleFeature(path, operatorA, `pub-${path}-${crypto.randomUUID().slice(0, 6)}`, farAway(3100)),
      });
      expect(created.status).toBe(201);
      const around = [
        farAway(3100)[0] - 0.001,
        farAway(3100)[1] - 0.001,
        farAway(3100)[0] + 0.01,
        farAway(3100)[1] + 0.01,
      ];
      const list = await call<{ features: Feature[] }>(
        app,
        'GET',
        `/api/v1/${path}?bbox=${around.join(',')}`,
      );
      const detail = await call<Feature>(app, 'GET', `/api/v1/${path}/${created.body.id}`);
      const listed = list.body.features.find((f) => f.id === created.body.id);
      for (const feature of [listed, detail.body]) {
        expect(feature?.properties).toBeDefined();
        expect(feature?.properties).not.toHaveProperty('code');
        expect(feature?.properties).not.toHaveProperty('version');
        expect(feature?.properties.status).toBe('existing');
      }
      expect(detail.headers.get('etag')).toBeNull();
    },
  );
});
