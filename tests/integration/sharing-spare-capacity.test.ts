/** The spare-capacity layer through the real app: ducts and pole spans by free tubes/attachments. */
import type { Database } from '@hatang/db';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../apps/api/src/app.js';
import { createOrganisation } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { plansApp } from './plans-support.js';
import { freshRegion, insertDuct, insertPole, type LngLat, offset } from './sharing-support.js';

interface Layer {
  type: string;
  features: { id: string; properties: Record<string, unknown> & { kind: string; spareClass: string } }[];
  paths: { kind: string; segmentIds: string[]; lengthM: number; minFree: number }[];
  truncated: boolean;
}

let db: Database;
let app: App;
let editor: Session;
let centre: LngLat;
let bbox: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  db = await testDatabase();
  app = plansApp(db);
  const owner = await createOrganisation(db, 'operator');
  const power = await createOrganisation(db, 'other_sector');
  editor = await sessionFor(app, db, await createOrganisation(db, 'operator'), ['operator_viewer']);
  centre = freshRegion();
  const at = (e: number, n = 0) => offset(centre, e, n);
  ids.d1 = await insertDuct(db, owner, [at(0), at(200)], { total: 6, used: 2 });
  ids.d2 = await insertDuct(db, owner, [at(200), at(400)], { total: 4, used: 3 });
  ids.full = await insertDuct(db, owner, [at(400), at(600)], { total: 4, used: 4 });
  ids.d4 = await insertDuct(db, owner, [at(600), at(800)], { total: 8, used: 1 });
  ids.planned = await insertDuct(db, owner, [at(0, 100), at(200, 100)], { total: 8, used: 0 }, 'planned');
  ids.p1 = await insertPole(db, power, at(0, 50), { used: 2, max: 8 });
  ids.p2 = await insertPole(db, power, at(50, 50), { used: 4, max: 8 });
  ids.p3 = await insertPole(db, power, at(100, 50), { used: 8, max: 8 });
  const sw = offset(centre, -100, -100);
  const ne = offset(centre, 900, 200);
  bbox = [sw[0], sw[1], ne[0], ne[1]].join(',');
});

describe('GET /api/v1/sharing/spare-capacity', () => {
  it('classes each existing duct by free tubes and each pole span by free attachments', async () => {
    const response = await call<Layer>(app, 'GET', `/api/v1/sharing/spare-capacity?bbox=${bbox}`, {
      as: editor,
    });
    expect(response.status).toBe(200);
    expect(response.body.type).toBe('FeatureCollection');
    const byId = new Map(response.body.features.map((f) => [f.id, f.properties]));
    expect(byId.get(ids.d1 as string)).toMatchObject({ kind: 'duct', tubesFree: 4, spareClass: 'medium' });
    expect(byId.get(ids.d2 as string)).toMatchObject({ tubesFree: 1, spareClass: 'low' });
    expect(byId.get(ids.full as string)).toMatchObject({ tubesFree: 0, spareClass: 'none' });
    expect(byId.get(ids.d4 as string)).toMatchObject({ tubesFree: 7, spareClass: 'high' });
    expect(byId.has(ids.planned as string)).toBe(false);
    const [a, b, c] = [ids.p1, ids.p2, ids.p3] as [string, string, string];
    const span12 = byId.get(a < b ? `${a}:${b}` : `${b}:${a}`);
    const span23 = byId.get(b < c ? `${b}:${c}` : `${c}:${b}`);
    expect(span12).toMatchObject({ kind: 'pole_span', attachmentsFree: 4, spareClass: 'medium' });
    expect(span23).toMatchObject({ kind: 'pole_span', attachmentsFree: 0, spareClass: 'none' });
  });

  it('joins ducts with room into a continuous spare path that stops at the full one', async () => {
    const response = await call<Layer>(app, 'GET', `/api/v1/sharing/spare-capacity?bbox=${bbox}&kinds=duct`, {
      as: editor,
    });
    expect(response.body.features.every((f) => f.properties.kind === 'duct')).toBe(true);
    const path = response.body.paths.find((p) => p.segmentIds.includes(ids.d1 as string));
    expect(path?.segmentIds.sort()).toEqual([ids.d1, ids.d2].sort());
    expect(path?.minFree).toBe(1);
    expect(path?.lengthM).toBeCloseTo(400, -1);
  });

  it('needs a bbox and known kinds', async () => {
    const missing = await call(app, 'GET', '/api/v1/sharing/spare-capacity', { as: editor });
    expect(missing.status).toBe(400);
    const kinds = await call(app, 'GET', `/api/v1/sharing/spare-capacity?bbox=${bbox}&kinds=cable`, {
      as: editor,
    });
    expect(kinds.status).toBe(400);
  });
});
