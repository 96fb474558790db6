/**
 * Fixtures for the sharing tests (towers, tenancies, ducts, poles, streets, civil works written
 * straight into the real database, far from the demo data), and the authorisation matrix's
 * concrete requests for the sharing routes.
 */
import type { Sql } from '@hatang/db';
import type { App } from '../../apps/api/src/app.js';
import { offset } from '../../packages/analysis/src/sharing/test-helpers.js';
import { createOrganisation, insertTestUnit, squareWkt } from '../support/fixtures.js';
import { testDatabase } from '../support/test-database.js';
import type { MatrixContext } from './matrix-context.js';
import type { PlanAttempt } from './plans-support.js';

export { offset };
export type LngLat = [number, number];

let regionSerial = 0;

/**
 * A region of its own for one test: somewhere in the South Atlantic, away from Hai Phong and from
 * the other tests' fixtures near (0.5°, 0.5°), and a different cell of a 0.1° grid on every call.
 */
export function freshRegion(): LngLat {
  const k = regionSerial++;
  return [-20 - (k % 100) * 0.1, -20 - (Math.floor(k / 100) % 100) * 0.1];
}

const wkt = (p: LngLat) => `${p[0]} ${p[1]}`;
const lineWkt = (line: readonly LngLat[]) => `LINESTRING(${line.map(wkt).join(', ')})`;

/** A unit (code 9xxxx) of `unitType` as a 0.05° square centred on `centre`; returns its code. */
export function createUnit(sql: Sql, centre: LngLat, unitType: 'ward' | 'commune'): Promise<string> {
  return insertTestUnit(sql, {
    geomWkt: squareWkt(centre, 0.025),
    labelPoint: centre,
    name: 'Phường Thử',
    unitType,
    areaKm2: 30,
    population: 1000,
  });
}

export interface TowerFixture {
  ownerOrgId: string;
  at: LngLat;
  heightM?: number;
  tenantsMax?: number;
  /** Operators with equipment on it (3 antennas each). */
  tenants?: string[];
  status?: string;
}

let serial = 0;
const code = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${serial++}`;

export async function insertTower(sql: Sql, t: TowerFixture): Promise<string> {
  const id = crypto.randomUUID();
  await sql.query(
    `INSERT INTO towers (id, code, owner_org_id, status, tower_class, structure, placement, height_m,
       antenna_slots_total, tenants_max, geom)
     VALUES ($1, $2, $3, $4, 'A2b', 'monopole', 'ground', $5, 12, $6, ST_SetSRID(ST_MakePoint($7, $8), 4326))`,
    [
      id,
      code('T'),
      t.ownerOrgId,
      t.status ?? 'existing',
      t.heightM ?? 40,
      t.tenantsMax ?? 3,
      t.at[0],
      t.at[1],
    ],
  );
  for (const operator of t.tenants ?? []) {
    await sql.query(
      `INSERT INTO tenancies (id, tower_id, operator_org_id, technologies, antenna_count, mount_height_m, since)
       VALUES ($1, $2, $3, '{4G}', 3, 30, '2024-01-01')`,
      [crypto.randomUUID(), id, operator],
    );
  }
  return id;
}

export async function insertDuct(
  sql: Sql,
  owner: string,
  line: readonly LngLat[],
  tubes: { total: number; used: number },
  status = 'existing',
): Promise<string> {
  const id = crypto.randomUUID();
  await sql.query(
    `INSERT INTO ducts (id, code, owner_org_id, status, tubes_total, tubes_used, diameter_mm, depth_m, geom)
     VALUES ($1, $2, $3, $4, $5, $6, 110, 0.8, ST_GeomFromText($7, 4326))`,
    [id, code('D'), owner, status, tubes.total, tubes.used, lineWkt(line)],
  );
  return id;
}

export async function insertPole(
  sql: Sql,
  owner: string,
  at: LngLat,
  attachments: { used: number; max: number },
): Promise<string> {
  const id = crypto.randomUUID();
  await sql.query(
    `INSERT INTO poles (id, code, owner_org_id, status, material, owner_sector, height_m, attachments_used,
       attachments_max, geom)
     VALUES ($1, $2, $3, 'existing', 'concrete', 'power', 9, $4, $5, ST_SetSRID(ST_MakePoint($6, $7), 4326))`,
    [id, code('P'), owner, attachments.used, attachments.max, at[0], at[1]],
  );
  return id;
}

export async function insertStreet(
  sql: Sql,
  line: readonly LngLat[],
  streetClass: 'primary' | 'secondary' | 'local' = 'local',
): Promise<string> {
  const id = crypto.randomUUID();
  await sql.query(
    'INSERT INTO streets (id, name, street_class, geom) VALUES ($1, $2, $3, ST_GeomFromText($4, 4326))',
    [id, 'Phố Thử', streetClass, lineWkt(line)],
  );
  return id;
}

export async function insertTrench(sql: Sql, owner: string, line: readonly LngLat[]): Promise<string> {
  const id = crypto.randomUUID();
  await sql.query(
    `INSERT INTO trenches_tunnels (id, code, owner_org_id, status, kind, width_m, depth_m, geom)
     VALUES ($1, $2, $3, 'existing', 'tunnel', 2.5, 3, ST_GeomFromText($4, 4326))`,
    [id, code('H'), owner, lineWkt(line)],
  );
  return id;
}

export async function insertCableRoute(
  sql: Sql,
  owner: string,
  line: readonly LngLat[],
  placement: 'aerial' | 'underground',
  status = 'existing',
): Promise<string> {
  const id = crypto.randomUUID();
  await sql.query(
    `INSERT INTO cable_routes (id, code, owner_org_id, status, cable_type, core_count, placement, geom)
     VALUES ($1, $2, $3, $4, 'fiber', 48, $5, ST_GeomFromText($6, 4326))`,
    [id, code('C'), owner, status, placement, lineWkt(line)],
  );
  return id;
}

export async function insertCivilWork(
  sql: Sql,
  owner: string,
  line: readonly LngLat[],
  window: { startsOn: string; endsOn: string },
  sector = 'road',
): Promise<string> {
  const id = crypto.randomUUID();
  await sql.query(
    `INSERT INTO civil_works (id, code, owner_org_id, status, name, sector, starts_on, ends_on, geom)
     VALUES ($1, $2, $3, 'planned', 'Cải tạo đường thử', $4, $5, $6, ST_GeomFromText($7, 4326))`,
    [id, code('CW'), owner, sector, window.startsOn, window.endsOn, lineWkt(line)],
  );
  return id;
}

/**
 * A fresh undergrounding candidate (an aerial cable 5 m beside a duct with spare tubes, in a
 * region of its own) as the add request wants it, found through the real candidates route.
 */
export async function freshCampaignCandidate(
  app: App,
  admin: { headers: Record<string, string> },
  owner?: string,
): Promise<{ cableRouteId: string; coordinates: LngLat[]; plannedYear: number }> {
  const db = await testDatabase();
  const org = owner ?? (await createOrganisation(db, 'operator'));
  const c = freshRegion();
  const at = (e: number, n = 0) => offset(c, e, n);
  await insertDuct(db, org, [at(0), at(200)], { total: 4, used: 1 });
  const cableRouteId = await insertCableRoute(db, org, [at(0, 5), at(200, 5)], 'aerial');
  const [w, s] = at(-50, -50);
  const [e, n] = at(250, 50);
  const response = await app.request(
    `/api/v1/sharing/undergrounding-candidates?bbox=${[w, s, e, n].join(',')}`,
    { headers: admin.headers },
  );
  const body = (await response.json()) as {
    features: { geometry: { coordinates: LngLat[] }; properties: { cableRouteId: string } }[];
  };
  const found = body.features.find((f) => f.properties.cableRouteId === cableRouteId);
  if (!found) throw new Error(`fixture: no undergrounding candidate (${response.status})`);
  return { cableRouteId, coordinates: found.geometry.coordinates, plannedYear: 2030 };
}

/** A fresh stretch in the campaign (added by the admin); returns its id (version 1). */
export async function freshCampaignSegment(
  app: App,
  admin: { headers: Record<string, string> },
  owner?: string,
): Promise<string> {
  const segment = await freshCampaignCandidate(app, admin, owner);
  const response = await app.request('/api/v1/sharing/campaign/segments', {
    method: 'POST',
    headers: { ...admin.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ segments: [segment] }),
  });
  if (response.status !== 201)
    throw new Error(`fixture campaign: ${response.status} ${await response.text()}`);
  const created = (await response.json()) as { features: { id: string }[] };
  return created.features[0]?.id ?? '';
}

/**
 * For the authorisation matrix: a request that succeeds (2xx) for anyone the policy allows, for
 * every sharing route; `undefined` for other routes. The finders read only and need no fixtures;
 * the campaign's writes get a fresh candidate or stretch each.
 */
export async function sharingRouteAttempt(
  app: App,
  key: string,
  admin: { headers: Record<string, string> },
  context?: MatrixContext,
): Promise<PlanAttempt | undefined> {
  const [method = '', path = ''] = key.split(' ');
  const here: LngLat = [-25.5, -25.5];
  switch (key) {
    case 'POST /api/v1/sharing/towers/nearby':
      return { method, path, json: { point: here, requiredHeightM: 30, technology: '4G' } };
    case 'GET /api/v1/sharing/towers/report':
      return { method, path };
    case 'GET /api/v1/sharing/spare-capacity':
      return { method, path: `${path}?bbox=-25.6,-25.6,-25.5,-25.5` };
    case 'POST /api/v1/routes/plan':
      return {
        method,
        path,
        json: {
          points: [here, [-25.499, -25.5]],
          cableType: 'fiber',
        },
      };
    case 'GET /api/v1/sharing/dig-once':
      return { method, path };
    case 'GET /api/v1/sharing/undergrounding-candidates':
      return { method, path: `${path}?bbox=-25.6,-25.6,-25.5,-25.5` };
    case 'GET /api/v1/sharing/campaign/segments':
      return { method, path: `${path}?year=2030&status=planned` };
    case 'GET /api/v1/sharing/campaign/summary':
      return { method, path };
    case 'POST /api/v1/sharing/campaign/segments':
      return { method, path, json: { segments: [await freshCampaignCandidate(app, admin, context?.owner)] } };
    case 'PATCH /api/v1/sharing/campaign/segments/:id': {
      const id = await freshCampaignSegment(app, admin, context?.owner);
      return {
        method,
        path: path.replace(':id', id),
        json: { status: 'in_progress' },
        headers: { 'if-match': '1' },
      };
    }
    case 'DELETE /api/v1/sharing/campaign/segments/:id':
      return { method, path: path.replace(':id', await freshCampaignSegment(app, admin, context?.owner)) };
    default:
      return undefined;
  }
}
