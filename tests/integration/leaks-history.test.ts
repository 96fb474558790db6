/**
 * Issue 15, item 4: history served to the public, viewers and other organisations tells what
 * changed and when, not who (no staff names, user ids, e-mails, organisation ids or request ids);
 * city staff and the record's owner organisation see the actors. Asset, site offer, key site
 * history alike.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, sampleFeature } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { expectAll, expectNone, privatePatch, type Rivals, rivals } from './leaks-support.js';
import { keySiteFeature, offerFeature } from './sites-support.js';

type History = {
  items: { version: number; action: string; at: string; actor: unknown; actorHidden?: boolean }[];
};

let r: Rivals;
let viewer: Session;
let cityOrg: string;
const at = privatePatch();

beforeAll(async () => {
  r = await rivals();
  const db = await testDatabase();
  viewer = await sessionFor(r.app, db, await createOrganisation(db, 'public'), ['viewer']);
  const rows = await db.query<{ org: string }>('SELECT org_id::text AS org FROM users WHERE id = $1', [
    r.staff.planner.user.id,
  ]);
  cityOrg = rows[0]?.org ?? '';
});

/** The actors' traces: user ids, names, e-mails and the staff organisation. */
const actorNeedles = (...who: Session[]) => [
  ...who.flatMap((s) => [s.user.id, s.user.email, `Test ${s.user.roles.join(', ')}`]),
  cityOrg,
];

describe('history actors', () => {
  it('hides who changed an asset from the public, viewers and rivals; staff and its owner see them', async () => {
    const code = `LEAK-H-${crypto.randomUUID().slice(0, 8)}`;
    const created = await call<{ id: string }>(r.app, 'POST', '/api/v1/towers', {
      as: r.a,
      json: sampleFeature('towers', r.aOrg, code, at(0)),
    });
    expect(created.status).toBe(201);
    const edited = await call(r.app, 'PATCH', `/api/v1/towers/${created.body.id}`, {
      as: r.staff.planner,
      json: { properties: { heightM: 45 } },
      headers: { 'if-match': '1' },
    });
    expect(edited.status).toBe(200);
    const path = `/api/v1/towers/${created.body.id}/history`;
    const needles = actorNeedles(r.a, r.staff.planner);

    for (const [who, label] of [
      [undefined, 'anonymous'],
      [viewer, 'a viewer'],
      [r.b, 'a rival operator'],
    ] as const) {
      const history = await call<History>(r.app, 'GET', path, { as: who });
      expect(history.status, label).toBe(200);
      // The what and when stay.
      expect(history.body.items.map((i) => [i.action, i.version])).toEqual([
        ['update', 2],
        ['create', 1],
      ]);
      expect(history.body.items.every((i) => i.actor === null && i.actorHidden && i.at)).toBe(true);
      expectNone(history.body, [...needles, 'requestId'], `the history for ${label}`);
    }
    for (const [who, label] of [
      [r.aViewer, 'the owner organisation'],
      [r.staff.reviewer, 'a reviewer'],
      [r.staff.admin, 'an admin'],
    ] as const) {
      const history = await call<History>(r.app, 'GET', path, { as: who });
      expectAll(
        history.body,
        [r.a.user.id, r.staff.planner.user.id, 'Test planner', cityOrg],
        `the history for ${label}`,
      );
    }
  });

  it('hides who changed a site offer from operators, and a key site from everyone but staff', async () => {
    const db = await testDatabase();
    const communeOrg = await createOrganisation(db, 'commune');
    const inspector = await sessionFor(r.app, db, communeOrg, ['inspector']);
    // The planner publishes for the commune (a commune of its own: no unit needed for staff).
    const offer = await call<{ id: string }>(r.app, 'POST', '/api/v1/site-offers', {
      as: r.staff.planner,
      json: offerFeature(at(0.001), { offeringOrgId: communeOrg }),
    });
    expect(offer.status).toBe(201);
    const offerPath = `/api/v1/site-offers/${offer.body.id}/history`;
    const hidden = await call<History>(r.app, 'GET', offerPath, { as: r.b });
    expect(hidden.status).toBe(200);
    expect(hidden.body.items[0]?.actorHidden).toBe(true);
    expectNone(hidden.body, actorNeedles(r.staff.planner), 'the offer history for an operator');
    expectAll(
      (await call(r.app, 'GET', offerPath, { as: inspector })).body,
      [r.staff.planner.user.id],
      'the offer history for the offering commune',
    );

    const keySite = await call<{ id: string }>(r.app, 'POST', '/api/v1/key-sites', {
      as: r.staff.planner,
      json: keySiteFeature(at(0.002)),
    });
    expect(keySite.status).toBe(201);
    const keyPath = `/api/v1/key-sites/${keySite.body.id}/history`;
    expectNone(
      (await call(r.app, 'GET', keyPath, { as: r.a })).body,
      actorNeedles(r.staff.planner),
      'key site',
    );
    expectAll((await call(r.app, 'GET', keyPath, { as: r.staff.reviewer })).body, [r.staff.planner.user.id]);
  });

  it('names no staff member on a published plan version: others see what and when, staff who', async () => {
    const planner = r.staff.planner;
    const plan = await call<{ id: string }>(r.app, 'POST', '/api/v1/plans', {
      as: planner,
      json: { name: `Leak plan ${crypto.randomUUID().slice(0, 8)}` },
    });
    const base = await call<{ id: string }>(r.app, 'POST', `/api/v1/plans/${plan.body.id}/baseline`, {
      as: planner,
      json: { name: 'Hiện trạng' },
    });
    const draft = await call<{ id: string; version: number }>(
      r.app,
      'POST',
      `/api/v1/plan-versions/${base.body.id}/fork`,
      { as: planner, json: { name: 'Phương án' } },
    );
    const approved = await call(r.app, 'POST', `/api/v1/plan-versions/${draft.body.id}/approve`, {
      as: r.staff.admin,
      headers: { 'if-match': String(draft.body.version) },
    });
    expect(approved.status).toBe(200);
    const needles = [planner.user.id, r.staff.admin.user.id];
    for (const [who, label] of [
      [r.a, 'an operator'],
      [viewer, 'a viewer'],
    ] as const) {
      const read = await call<{ createdBy: unknown; approvedBy: unknown }>(
        r.app,
        'GET',
        `/api/v1/plan-versions/${draft.body.id}`,
        { as: who },
      );
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ createdBy: null, approvedBy: null });
      expectNone(read.body, needles, `the version as ${label} reads it`);
      const plans = await call(r.app, 'GET', '/api/v1/plans', { as: who });
      expectNone(plans.body, needles, `the plan list as ${label} reads it`);
    }
    const staff = await call<{ createdBy: unknown; approvedBy: unknown }>(
      r.app,
      'GET',
      `/api/v1/plan-versions/${draft.body.id}`,
      { as: planner },
    );
    expect(staff.body).toMatchObject({ createdBy: planner.user.id, approvedBy: r.staff.admin.user.id });
  });
});
