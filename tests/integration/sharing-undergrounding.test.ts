/** Overhead cable cleanup candidates through the real app and database. */
import type { Database } from '@hatang/db';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../apps/api/src/app.js';
import { createOrganisation } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { plansApp } from './plans-support.js';
import {
  freshRegion,
  insertCableRoute,
  insertCivilWork,
  insertDuct,
  insertStreet,
  offset,
} from './sharing-support.js';

interface Candidates {
  type: string;
  features: {
    properties: {
      rank: number;
      cableRouteId: string;
      lengthM: number;
      streetClass: string | null;
      spareDuctIds: string[];
      civilWorkIds: string[];
    };
  }[];
}

let db: Database;
let app: App;
let inspector: Session;
let bbox: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  db = await testDatabase();
  app = plansApp(db);
  const operator = await createOrganisation(db, 'operator');
  const roads = await createOrganisation(db, 'other_sector');
  inspector = await sessionFor(app, db, await createOrganisation(db, 'commune'), ['inspector']);
  const c = freshRegion();
  const at = (e: number, n = 0) => offset(c, e, n);
  ids.spare = await insertDuct(db, operator, [at(0), at(300)], { total: 4, used: 1 });
  ids.full = await insertDuct(db, operator, [at(0, 200), at(300, 200)], { total: 4, used: 4 });
  await insertCivilWork(db, roads, [at(0, 400), at(400, 400)], {
    startsOn: '2027-01-01',
    endsOn: '2027-06-30',
  });
  await insertStreet(db, [at(-50, 402), at(500, 402)], 'primary');
  ids.besideDuct = await insertCableRoute(db, operator, [at(0, 6), at(300, 6)], 'aerial');
  ids.besideFull = await insertCableRoute(db, operator, [at(0, 206), at(300, 206)], 'aerial');
  ids.besideWorks = await insertCableRoute(db, operator, [at(0, 403), at(400, 403)], 'aerial');
  ids.underground = await insertCableRoute(db, operator, [at(0, 3), at(300, 3)], 'underground');
  const sw = offset(c, -100, -100);
  const ne = offset(c, 600, 600);
  bbox = [sw[0], sw[1], ne[0], ne[1]].join(',');
});

describe('GET /api/v1/sharing/undergrounding-candidates', () => {
  it('lists aerial cables beside a spare duct or a planned work, main streets first; not beside a full duct', async () => {
    const response = await call<Candidates>(
      app,
      'GET',
      `/api/v1/sharing/undergrounding-candidates?bbox=${bbox}`,
      {
        as: inspector,
      },
    );
    expect(response.status).toBe(200);
    const found = response.body.features.map((f) => f.properties);
    expect(found.map((f) => f.cableRouteId)).toEqual([ids.besideWorks, ids.besideDuct]);
    expect(found[0]).toMatchObject({ rank: 1, streetClass: 'primary', spareDuctIds: [] });
    expect(found[0]?.civilWorkIds).toHaveLength(1);
    expect(found[0]?.lengthM).toBeCloseTo(400, -1);
    expect(found[1]).toMatchObject({ rank: 2, spareDuctIds: [ids.spare], civilWorkIds: [] });
  });

  it('takes the distance as a parameter: at 4 m the cable 6 m from the duct is out', async () => {
    const response = await call<Candidates>(
      app,
      'GET',
      `/api/v1/sharing/undergrounding-candidates?bbox=${bbox}&distanceM=4`,
      { as: inspector },
    );
    expect(response.body.features.map((f) => f.properties.cableRouteId)).toEqual([ids.besideWorks]);
  });

  it('checks its parameters', async () => {
    const response = await call(app, 'GET', '/api/v1/sharing/undergrounding-candidates?distanceM=0&limit=x', {
      as: inspector,
    });
    expect(response.status).toBe(400);
  });
});
