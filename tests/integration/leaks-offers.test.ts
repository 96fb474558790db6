/**
 * Issue 15, item 4: a commune's inspectors publish site offers only inside their commune's
 * boundary (403 naming the commune the place lies in, as violations do); planners and admins
 * anywhere. Nothing is written on a refusal.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { privatePatch, type Rivals, rivals } from './leaks-support.js';
import { offerFeature } from './sites-support.js';

type Offer = { id: string; properties: { adminUnitCode: string | null; version: number } };
type Refusal = { error: { code: string; message: string } };

let r: Rivals;
let inspector: Session;
let homeless: Session;
let home: string;
let next: string;
const at = privatePatch();
const tag = crypto.randomUUID().slice(0, 6);

/**
 * A made-up unit (code 96xxx, not a real commune's) as a 0.02° square around `centre`; retries
 * until its code is free, since every test file of a worker shares one database. Returns the code.
 */
async function unit(name: string, centre: [number, number]): Promise<string> {
  const db = await testDatabase();
  const [x, y] = centre;
  for (;;) {
    const code = `96${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
    const rows = await db.query<{ code: string }>(
      `INSERT INTO admin_units (code, name, unit_type, former_district, area_km2, population, label_point, geom)
       VALUES ($1, $2, 'commune', 'Test', 4, 0, ST_SetSRID(ST_MakePoint($3, $4), 4326),
         ST_Multi(ST_MakeEnvelope($3 - 0.01, $4 - 0.01, $3 + 0.01, $4 + 0.01, 4326)))
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [code, name, x, y],
    );
    if (rows[0]) return rows[0].code;
  }
}

beforeAll(async () => {
  r = await rivals();
  const db = await testDatabase();
  home = await unit(`Xã Nhà ${tag}`, at(0));
  next = await unit(`Xã Bên ${tag}`, at(0.02));
  const commune = await createOrganisation(db, 'commune');
  await db.query('UPDATE organisations SET admin_unit_code = $2 WHERE id = $1', [commune, home]);
  inspector = await sessionFor(r.app, db, commune, ['inspector']);
  homeless = await sessionFor(r.app, db, await createOrganisation(db, 'commune'), ['inspector']);
});

const publish = (as: Session, feature: unknown) =>
  call<Offer & Refusal>(r.app, 'POST', '/api/v1/site-offers', { as, json: feature });

describe('site offers inside the commune', () => {
  it("publishes an inspector's offer inside their commune, filed under it", async () => {
    const ok = await publish(inspector, offerFeature(at(0.001)));
    expect(ok.status).toBe(201);
    expect(ok.body.properties.adminUnitCode).toBe(home);
  });

  it('refuses an offer in the next commune, naming it, and writes nothing', async () => {
    const name = `Đất ngoài xã ${tag}`;
    const refused = await publish(inspector, offerFeature(at(0.02), { name }));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(`Xã Bên ${tag} (${next})`);
    expect(refused.body.error.message).toContain(home);
    // Filed under its own commune while lying in the next one: refused too.
    const disguised = await publish(inspector, offerFeature(at(0.02), { name, adminUnitCode: home }));
    expect(disguised.status).toBe(403);
    const other = await publish(inspector, offerFeature(at(0.001), { name, adminUnitCode: next }));
    expect(other.status).toBe(403);
    const db = await testDatabase();
    expect(await db.query('SELECT 1 FROM site_offers WHERE name = $1', [name])).toHaveLength(0);
  });

  it('refuses a roof that straddles the boundary, and an inspector of no commune', async () => {
    const [x, y] = at(0.0099);
    const straddling = {
      ...offerFeature([x, y], { offerKind: 'building_roof', buildingHeightM: 12 }),
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + 0.0005, y],
            [x + 0.0005, y + 0.0003],
            [x, y + 0.0003],
            [x, y],
          ],
        ],
      },
    };
    const refused = await publish(inspector, straddling);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('partly outside');
    expect((await publish(homeless, offerFeature(at(0.001)))).status).toBe(403);
  });

  it("refuses moving an inspector's offer out of the commune; a planner places it anywhere", async () => {
    const ok = await publish(inspector, offerFeature(at(0.002)));
    const moved = await call<Refusal>(r.app, 'PATCH', `/api/v1/site-offers/${ok.body.id}`, {
      as: inspector,
      json: { geometry: { type: 'Point', coordinates: at(0.021) } },
      headers: { 'if-match': '1' },
    });
    expect(moved.status).toBe(403);
    expect(moved.body.error.message).toContain(next);
    const byPlanner = await call<Offer>(r.app, 'PATCH', `/api/v1/site-offers/${ok.body.id}`, {
      as: r.staff.planner,
      json: { geometry: { type: 'Point', coordinates: at(0.021) } },
      headers: { 'if-match': '1' },
    });
    expect(byPlanner.status).toBe(200);
    expect(byPlanner.body.properties.adminUnitCode).toBe(next);
  });
});
