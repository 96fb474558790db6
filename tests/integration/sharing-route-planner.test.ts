/** The route planner through the real app and database: reuse, capacity, straight trench, cache. */
import type { Database } from '@hatang/db';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../apps/api/src/app.js';
import { createOrganisation } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { plansApp } from './plans-support.js';
import { freshRegion, insertDuct, insertStreet, type LngLat, offset } from './sharing-support.js';

interface Plan {
  type: string;
  features: { geometry: { coordinates: LngLat[] }; properties: { kind: string; assetId: string | null } }[];
  lengthByKindM: Record<string, number>;
  owners: { ownerOrgId: string; ownerCode: string; ductIds: string[] }[];
  quantities: { newTrenchM: number; newManholes: number; rentedTubeM: number; cableM: number };
  graph: { rebuilt: boolean; patchedDucts: number };
}

let db: Database;
let app: App;
let owner: string;
let editor: Session;

/** A street A → B (1000 m east) and a 1600 m duct detour via 300 m north, middle duct with `free` tubes. */
async function detour(free: number) {
  const c = freshRegion();
  const at = (e: number, n = 0) => offset(c, e, n);
  await insertStreet(db, [at(0), at(500), at(1000)]);
  const up = await insertDuct(db, owner, [at(0), at(0, 300)], { total: 6, used: 2 });
  const across = await insertDuct(db, owner, [at(0, 300), at(1000, 300)], { total: 4, used: 4 - free });
  const down = await insertDuct(db, owner, [at(1000, 300), at(1000)], { total: 6, used: 5 });
  return { a: at(0), b: at(1000), at, ducts: [up, across, down] };
}

const plan = (json: unknown) => call<Plan>(app, 'POST', '/api/v1/routes/plan', { as: editor, json });

type Detour = Awaited<ReturnType<typeof detour>>;
let spare: Detour;
let full: Detour;
let costly: Detour;
let patchable: Detour;
let empty: LngLat;
let later: LngLat;

// Every fixture up front: a network change rebuilds the graph on the next request, which takes
// seconds when the shared test database also holds the demo network.
beforeAll(async () => {
  db = await testDatabase();
  app = plansApp(db);
  owner = await createOrganisation(db, 'operator');
  editor = await sessionFor(app, db, await createOrganisation(db, 'operator'), ['operator_editor']);
  spare = await detour(2);
  full = await detour(0);
  costly = await detour(2);
  patchable = await detour(2);
  empty = freshRegion();
  later = freshRegion();
});

// The route graph is one cache that these tests patch, rebuild and move ducts of (the moved duct no
// longer meets its neighbours): in a shuffled run (--sequence.shuffle) they keep their order and
// only the files are shuffled.
describe('POST /api/v1/routes/plan', { shuffle: false }, () => {
  it('runs through another operator’s spare ducts rather than a new trench, naming it as counterpart', async () => {
    const f = spare;
    const response = await plan({ points: [f.a, f.b], cableType: 'fiber' });
    expect(response.status).toBe(200);
    expect(response.body.type).toBe('FeatureCollection');
    expect(response.body.lengthByKindM.duct).toBeCloseTo(1600, -1);
    expect(response.body.lengthByKindM.new_trench).toBe(0);
    expect(response.body.features.map((l) => l.properties.assetId)).toEqual(f.ducts);
    expect(response.body.owners).toHaveLength(1);
    expect(response.body.owners[0]).toMatchObject({ ownerOrgId: owner, ductIds: f.ducts });
    expect(response.body.owners[0]?.ownerCode).toMatch(/^T-/);
    expect(response.body.quantities).toMatchObject({ newTrenchM: 0, newManholes: 0 });
    expect(response.body.quantities.rentedTubeM).toBeCloseTo(1600, -1);
  });

  it('does not route through a duct with no spare tube: it digs along the street instead', async () => {
    const f = full;
    const response = await plan({ points: [f.a, f.b], cableType: 'fiber' });
    expect(response.body.features.some((l) => l.properties.assetId === f.ducts[1])).toBe(false);
    expect(response.body.lengthByKindM.new_trench).toBeCloseTo(1000, -1);
    expect(response.body.quantities.newManholes).toBe(5);
  });

  it('follows the cost model: ducts at 13 per metre lose to 1000 m of trench at 20', async () => {
    const f = costly;
    const response = await plan({ points: [f.a, f.b], cableType: 'fiber', costs: { duct: 13 } });
    expect(response.body.lengthByKindM.duct).toBe(0);
    expect(response.body.lengthByKindM.new_trench).toBeCloseTo(1000, -1);
  });

  it('joins points far from any network by a straight trench', async () => {
    const c = empty;
    const response = await plan({ points: [c, offset(c, 300, 400)], cableType: 'copper' });
    expect(response.body.features.map((l) => l.properties.kind)).toEqual(['new_trench_straight']);
    expect(response.body.lengthByKindM.new_trench_straight).toBeCloseTo(500, -1);
    expect(response.body.quantities).toMatchObject({ newManholes: 3 });
  });

  it('takes a duct’s spare tubes into account on the next route, patching the graph instead of rebuilding', async () => {
    const f = patchable;
    const route = () => plan({ points: [f.a, f.b], cableType: 'fiber' });
    const assets = (r: Awaited<ReturnType<typeof route>>) => r.body.features.map((l) => l.properties.assetId);
    expect(assets(await route())).toEqual(f.ducts);
    // Its last tube rented (straight in SQL, as an import or another system would): the next
    // route digs along the street, from the same graph with the duct switched off.
    await db.query('UPDATE ducts SET tubes_used = tubes_total WHERE id = $1', [f.ducts[1]]);
    const full = await route();
    expect(full.body.graph).toMatchObject({ rebuilt: false, patchedDucts: 1 });
    expect(assets(full).includes(f.ducts[1] ?? '')).toBe(false);
    expect(full.body.lengthByKindM.new_trench).toBeCloseTo(1000, -1);
    // A tube freed again: back through the ducts, still without a rebuild.
    await db.query('UPDATE ducts SET tubes_used = 1 WHERE id = $1', [f.ducts[1]]);
    const freed = await route();
    expect(freed.body.graph).toMatchObject({ rebuilt: false, patchedDucts: 1 });
    expect(assets(freed)).toEqual(f.ducts);
    // A change that does not touch the spare state patches nothing and rebuilds nothing.
    await db.query('UPDATE ducts SET tubes_used = 2 WHERE id = $1', [f.ducts[1]]);
    expect((await route()).body.graph).toMatchObject({ rebuilt: false, patchedDucts: 0 });
  });

  it('rebuilds when a duct moves', async () => {
    const f = patchable;
    await db.query('UPDATE ducts SET geom = ST_Translate(geom, 0, 0.00001) WHERE id = $1', [f.ducts[2]]);
    const moved = await plan({ points: [f.a, f.b], cableType: 'fiber' });
    expect(moved.body.graph.rebuilt).toBe(true);
  });

  it('sees a duct added after the graph was built', async () => {
    const c = later;
    const at = (e: number) => offset(c, e);
    const before = await plan({ points: [at(0), at(800)], cableType: 'fiber' });
    expect(before.body.lengthByKindM.duct).toBe(0);
    const duct = await insertDuct(db, owner, [at(0), at(800)], { total: 4, used: 1 });
    const after = await plan({ points: [at(0), at(800)], cableType: 'fiber' });
    expect(after.body.graph.rebuilt).toBe(true);
    expect(after.body.features.map((l) => l.properties.assetId)).toEqual([duct]);
  });

  it('lists every problem of a bad request at once', async () => {
    const response = await call<{ error: { details: { path: (string | number)[] }[] } }>(
      app,
      'POST',
      '/api/v1/routes/plan',
      { as: editor, json: { points: [[1, 2]], cableType: 'laser', costs: { duct: -1 } } },
    );
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d) => d.path.join('.'))).toEqual(
      expect.arrayContaining(['points', 'cableType', 'costs.duct']),
    );
  });
});
