/**
 * drizzle over the application's database (packages/db/src/orm.ts), on PGlite and on server
 * PostGIS: what each column type reads back as, geometry written from GeoJSON and read with
 * geoJson(), arrays and JSON, and `orm(tx)` inside the database's own transaction.
 */
import { type Database, geoJson, orm } from '@hatang/db';
import { civilWorks, jobs, tenancies, towers, users } from '@hatang/db/schema';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../support/fixtures.js';
import { testDatabase } from '../support/test-database.js';

let db: Database;
let owner: string;

beforeAll(async () => {
  db = await testDatabase();
  owner = await createOrganisation(db);
});

const line = {
  type: 'LineString' as const,
  coordinates: [
    [106.68, 20.86],
    [106.69, 20.87],
  ],
};

describe('orm(sql)', () => {
  it('writes a geometry from GeoJSON and reads it back with geoJson, dates as YYYY-MM-DD and times as ISO', async () => {
    const id = crypto.randomUUID();
    const before = Date.now();
    await orm(db)
      .insert(civilWorks)
      .values({
        id,
        code: `CW-${id.slice(0, 8)}`,
        ownerOrgId: owner,
        status: 'planned',
        name: 'Cải tạo đường Lạch Tray',
        sector: 'road',
        startsOn: '2027-03-01',
        endsOn: '2027-06-30',
        geom: line,
      });
    const [row] = await orm(db)
      .select({
        geom: geoJson(civilWorks.geom),
        startsOn: civilWorks.startsOn,
        endsOn: civilWorks.endsOn,
        createdAt: civilWorks.createdAt,
        version: civilWorks.version,
      })
      .from(civilWorks)
      .where(eq(civilWorks.id, id));
    expect(row?.geom).toEqual(line);
    expect(row?.startsOn).toBe('2027-03-01');
    expect(row?.endsOn).toBe('2027-06-30');
    expect(row?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(row?.createdAt ?? '')).toBeGreaterThanOrEqual(before - 60_000);
    expect(row?.version).toBe(1);
    const [length] = await db.query<{ m: number }>(
      'SELECT ST_Length(geom::geography) AS m FROM civil_works WHERE id = $1',
      [id],
    );
    expect(length?.m).toBeGreaterThan(1400);
  });

  it('refuses to pass a stored geometry off as GeoJSON', async () => {
    const towerId = crypto.randomUUID();
    await db.query(
      `INSERT INTO towers (id, code, owner_org_id, status, tower_class, structure, placement, height_m, antenna_slots_total, tenants_max, geom)
       VALUES ($1, $2, $3, 'existing', 'A2b', 'monopole', 'ground', 40, 12, 3, ST_SetSRID(ST_MakePoint(106.7, 20.8), 4326))`,
      [towerId, `CT-${towerId.slice(0, 8)}`, owner],
    );
    await expect(
      orm(db).select({ geom: towers.geom }).from(towers).where(eq(towers.id, towerId)),
    ).rejects.toThrow('geoJson(column)');
    await orm(db)
      .insert(tenancies)
      .values({
        id: crypto.randomUUID(),
        towerId,
        operatorOrgId: owner,
        technologies: ['4G', '5G'],
        antennaCount: 3,
        mountHeightM: 30,
        since: '2025-01-01',
      });
    const [tenancy] = await orm(db)
      .select({ technologies: tenancies.technologies, since: tenancies.since })
      .from(tenancies)
      .where(eq(tenancies.towerId, towerId));
    expect(tenancy).toEqual({ technologies: ['4G', '5G'], since: '2025-01-01' });
  });

  it('stores a jsonb value as the JSON object itself, so SQL can read its fields (not a JSON string of it)', async () => {
    const [user] = await orm(db)
      .insert(users)
      .values({
        id: crypto.randomUUID(),
        email: `orm-json-${crypto.randomUUID()}@example.vn`,
        displayName: 'Người thử JSON',
        orgId: owner,
        roles: ['planner'],
        passwordHash: 'x',
      })
      .returning({ id: users.id });
    if (!user) throw new Error('no user');
    const id = crypto.randomUUID();
    await orm(db)
      .insert(jobs)
      .values({
        id,
        kind: 'coverage',
        ownerUserId: user.id,
        request: { radiusM: 750, tags: ['5G'] },
        requestKey: 'orm-json',
      });
    const [stored] = await db.query<{ type: string; radius: string; tag: string }>(
      `SELECT jsonb_typeof(request) AS type, request->>'radiusM' AS radius, request->'tags'->>0 AS tag FROM jobs WHERE id = $1`,
      [id],
    );
    expect(stored).toEqual({ type: 'object', radius: '750', tag: '5G' });
    await orm(db).delete(jobs).where(eq(jobs.id, id));
  });

  it("runs on the database's own transaction: orm(tx) sees its writes, and a throw rolls them back", async () => {
    const [user] = await orm(db).select({ id: users.id }).from(users).limit(1);
    const ownerUserId =
      user?.id ??
      (
        await db.query<{ id: string }>(
          `INSERT INTO users (id, email, display_name, org_id, roles, password_hash)
           VALUES (gen_random_uuid(), $1, 'Người thử', $2, ARRAY['planner'], 'x') RETURNING id::text`,
          [`orm-${crypto.randomUUID()}@example.vn`, owner],
        )
      )[0]?.id;
    if (!ownerUserId) throw new Error('no user');
    const id = crypto.randomUUID();
    await expect(
      db.transaction(async (tx) => {
        await orm(tx)
          .insert(jobs)
          .values({ id, kind: 'coverage', ownerUserId, request: { radiusM: 500 }, requestKey: 'orm-test' });
        const [seen] = await orm(tx).select({ request: jobs.request }).from(jobs).where(eq(jobs.id, id));
        expect(seen?.request).toEqual({ radiusM: 500 });
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await orm(db).select({ id: jobs.id }).from(jobs).where(eq(jobs.id, id))).toEqual([]);
  });
});
