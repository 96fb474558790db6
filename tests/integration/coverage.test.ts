/**
 * Coverage analysis through the API, checked against PostGIS: on random towers and cells the
 * engine's covered population per commune equals `ST_DWithin` on geography joined with the
 * admin units, on PGlite and on PostGIS. The data sits in the South Atlantic (around 30° W,
 * 40° S) under made-up unit codes 97xxx, so other test files' rows cannot reach it.
 */
import { localDistanceM } from '@hatang/analysis';
import { analysisEndpoints, type CoverageResult } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveAuthOptions } from '../../apps/api/src/auth/options.js';
import type { AppEnv } from '../../apps/api/src/context.js';
import { analysisRoutes } from '../../apps/api/src/features/analysis/analysis-routes.js';
import { AnalysisThread, onTowerChanged } from '../../apps/api/src/features/analysis/analysis-thread.js';
import { CoverageService } from '../../apps/api/src/features/analysis/coverage-service.js';
import { AdminUnitList } from '../../apps/api/src/features/context/admin-unit-list.js';
import { PublicAnswers } from '../../apps/api/src/features/public/public-service.js';
import { mountRoutes } from '../../apps/api/src/http/define-route.js';
import { onError, onNotFound } from '../../apps/api/src/middleware/error-handler.js';
import { createOrganisation, insertTestUnit, testCellId } from '../support/fixtures.js';
import { createUser } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';

let db: Database;
let app: Hono<AppEnv>;
// A made-up ward and special zone (9xxxx codes) side by side.
let WARD: string;
let ZONE: string;
const CENTRE: [number, number] = [-5, -40];
let opA: string;
let opB: string;
let ownerId: string;

/** A seeded random number generator (mulberry32), so a failure reproduces. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function app_(planner: { id: string; orgId: string }) {
  const hono = new Hono<AppEnv>();
  hono.use('*', requestId());
  hono.onError(onError);
  hono.notFound(onNotFound);
  // A planner: city staff may restrict an analysis to any operators and set any radius.
  hono.use('*', async (c, next) => {
    c.set('principal', {
      userId: planner.id,
      displayName: 'Test planner',
      orgId: planner.orgId,
      orgKind: 'city_department',
      adminUnitCode: null,
      roles: ['planner'],
      via: 'session',
      scopes: ['read', 'write'],
      credentialId: 'test',
    });
    await next();
  });
  const analysis = new AnalysisThread(db, 2048);
  const coverage = new CoverageService(db, analysis);
  hono.use('*', async (c, next) => {
    c.set('services', {
      db,
      auth: resolveAuthOptions(),
      adminUnits: new AdminUnitList(db),
      publicAnswers: new PublicAnswers(db, analysis),
      coverage,
      analysis,
      colocationResponseWorkingDays: 15,
    });
    await next();
  });
  mountRoutes(hono, analysisRoutes);
  return hono;
}

async function call(method: string, path: string, json?: unknown) {
  const response = await app.request(path, {
    method,
    headers: json === undefined ? {} : { 'content-type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Runs a job to its end; every answer on the way must be what the endpoints declare. */
async function runCoverage(request: Record<string, unknown>): Promise<CoverageResult> {
  const started = await call('POST', '/api/v1/analysis/coverage', request);
  expect(started.status).toBe(202);
  const { jobId } = analysisEndpoints.startCoverage.responses[202].schema.parse(started.body);
  for (let i = 0; i < 600; i++) {
    const { status, body } = await call('GET', `/api/v1/analysis/coverage/${jobId}`);
    expect(status).toBe(200);
    const job = analysisEndpoints.getCoverageJob.responses[200].schema.parse(body);
    expect(job.progress).toBeGreaterThanOrEqual(0);
    expect(job.progress).toBeLessThanOrEqual(1);
    if (job.status === 'failed') throw new Error('coverage job failed');
    if (job.status === 'done' && job.result) return job.result;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('coverage job did not finish');
}

const square = (lng: number, lat: number, d: number) =>
  `MULTIPOLYGON(((${lng} ${lat}, ${lng + d} ${lat}, ${lng + d} ${lat + d}, ${lng} ${lat + d}, ${lng} ${lat})))`;

beforeAll(async () => {
  db = await testDatabase();
  const city = await createOrganisation(db, 'city_department');
  app = app_({ id: (await createUser(db, city, ['planner'])).id, orgId: city });
  opA = await createOrganisation(db);
  opB = await createOrganisation(db);
  ownerId = await createOrganisation(db, 'tower_company');
  const [x, y] = CENTRE;
  // West half a ward (urban radii), east half a special zone (rural radii).
  const unit = (unitType: 'ward' | 'special_zone', west: number) =>
    insertTestUnit(db, {
      geomWkt: square(west, y - 0.05, 0.1),
      labelPoint: [west + 0.05, y],
      unitType,
      areaKm2: 100,
    });
  WARD = await unit('ward', x - 0.1);
  ZONE = await unit('special_zone', x);
  // 600 random cells on a 0.002° lattice within ±0.05° of the centre.
  const random = rng(20260);
  const cells: string[] = [];
  for (let i = 0; i < 600; i++) {
    const lng = x - 0.05 + Math.floor(random() * 50) * 0.002 + 0.001;
    const lat = y - 0.05 + Math.floor(random() * 50) * 0.002 + 0.001;
    const code = lng < x ? WARD : ZONE;
    cells.push(`${testCellId(code, i)},${code},${Math.floor(random() * 100)},SRID=4326;POINT(${lng} ${lat})`);
  }
  // Duplicate lattice positions are fine for the engine and the reference alike.
  await db.copyCsv(
    'population_cells',
    ['id', 'admin_unit_code', 'population', 'geom'],
    `${cells.join('\n')}\n`,
  );
  // 12 towers, random heights, one or two operators, random technologies.
  for (let t = 0; t < 12; t++) {
    const id = crypto.randomUUID();
    const lng = x - 0.05 + random() * 0.1;
    const lat = y - 0.05 + random() * 0.1;
    await db.query(
      `INSERT INTO towers (id, code, owner_org_id, status, tower_class, structure, placement, height_m, antenna_slots_total,
         tenants_max, admin_unit_code, geom)
       VALUES ($1, $2, $3, 'existing', 'A2b', 'monopole', 'ground', $4, 12, 3, $5, ST_SetSRID(ST_MakePoint($6, $7), 4326))`,
      [id, `COV-${t}`, ownerId, 60, lng < x ? WARD : ZONE, lng, lat],
    );
    const operators = random() < 0.4 ? [opA, opB] : [random() < 0.5 ? opA : opB];
    for (const operator of operators) {
      const techs = ['4G', ...(random() < 0.5 ? ['5G'] : []), ...(random() < 0.3 ? ['2G'] : [])];
      await db.query(
        `INSERT INTO tenancies (id, tower_id, operator_org_id, technologies, antenna_count, mount_height_m, since)
         VALUES ($1, $2, $3, $4::text[], 2, $5, '2024-01-01')`,
        [
          crypto.randomUUID(),
          id,
          operator,
          `{${techs.join(',')}}`,
          Math.round((5 + random() * 55) * 10) / 10,
        ],
      );
    }
  }
});

/** The PostGIS reference: people per commune within the modelled radius of a counted tenancy. */
async function referenceCovered(tech: string, urbanM: number, ruralM: number): Promise<Map<string, number>> {
  const rows = await db.query<{ code: string; covered: number }>(
    `SELECT a.code, coalesce(sum(c.population) FILTER (WHERE EXISTS (
         SELECT 1 FROM towers t JOIN tenancies n ON n.tower_id = t.id JOIN admin_units ta ON ta.code = t.admin_unit_code
         WHERE t.status = 'existing' AND n.operator_org_id = ANY($2::uuid[]) AND $3 = ANY(n.technologies)
           AND ST_DWithin(c.geom::geography, t.geom::geography,
             (CASE ta.unit_type WHEN 'ward' THEN $4::float8 ELSE $5::float8 END)
               * least(1.4, greatest(0.7, sqrt(n.mount_height_m / 30.0)))))), 0)::int AS covered
     FROM admin_units a JOIN population_cells c ON c.admin_unit_code = a.code
     WHERE a.code = ANY($1::text[]) GROUP BY a.code`,
    [`{${WARD},${ZONE}}`, `{${opA},${opB}}`, tech, urbanM, ruralM],
  );
  return new Map(rows.map((r) => [r.code, Number(r.covered)]));
}

describe('coverage analysis API', () => {
  it('matches the PostGIS ST_DWithin reference per commune for 4G and 5G', async () => {
    const result = await runCoverage({ technology: '4G', operators: [opA, opB] });
    const ours = new Map(result.summary.communes.map((c) => [c.code, c]));
    const ref4G = await referenceCovered('4G', 800, 3500);
    const ref5G = await referenceCovered('5G', 400, 2000);
    for (const code of [WARD, ZONE]) {
      expect(ours.get(code)?.coveredCount, `4G ${code}`).toBe(ref4G.get(code));
      expect(ours.get(code)?.any5GCount, `5G ${code}`).toBe(ref5G.get(code));
    }
    // Not trivially all or nothing.
    const total = ours.get(WARD)!.populationCount + ours.get(ZONE)!.populationCount;
    const covered = ref4G.get(WARD)! + ref4G.get(ZONE)!;
    expect(covered).toBeGreaterThan(0);
    expect(covered).toBeLessThan(total);
  });

  it('matches the reference with radius overrides, and its metric matches ST_Distance on geography', async () => {
    const overrides = { '4G': { urban: 1234, rural: 2345 } };
    const result = await runCoverage({ technology: '4G', operators: [opA, opB], radiusOverrides: overrides });
    const ref = await referenceCovered('4G', 1234, 2345);
    for (const c of result.summary.communes.filter((x) => x.code === WARD || x.code === ZONE))
      expect(c.coveredCount).toBe(ref.get(c.code));
    const pairs = await db.query<{ x1: number; y1: number; x2: number; y2: number; d: number }>(
      `SELECT ST_X(c.geom) AS x1, ST_Y(c.geom) AS y1, ST_X(t.geom) AS x2, ST_Y(t.geom) AS y2,
              ST_Distance(c.geom::geography, t.geom::geography) AS d
       FROM population_cells c, towers t
       WHERE c.admin_unit_code = $1 AND t.admin_unit_code = ANY($2::text[]) LIMIT 200`,
      [WARD, `{${WARD},${ZONE}}`],
    );
    for (const p of pairs) {
      expect(Math.abs(localDistanceM([p.x1, p.y1], [p.x2, p.y2]) - Number(p.d))).toBeLessThan(0.01);
    }
  });

  it('returns gaps as GeoJSON and candidate sites, and the cached job for the same data', async () => {
    const request = { technology: '5G', operators: [opA, opB], maxSites: 5 };
    const result = await runCoverage(request);
    expect(result.gaps.type).toBe('FeatureCollection');
    for (const gap of result.gaps.features.slice(0, 20)) {
      const [check] = await db.query<{ valid: boolean }>(
        'SELECT ST_IsValid(ST_GeomFromGeoJSON($1)) AS valid',
        [JSON.stringify((gap as unknown as { geometry: unknown }).geometry)],
      );
      expect(check?.valid).toBe(true);
    }
    expect(result.candidates.sites.length).toBeGreaterThan(0);
    const first = await call('POST', '/api/v1/analysis/coverage', request);
    const second = await call('POST', '/api/v1/analysis/coverage', request);
    expect(second.body.jobId).toBe(first.body.jobId);
  });

  it('follows a tower move through the hook and the next run', async () => {
    const request = { technology: '4G', operators: [opA, opB] };
    const before = await runCoverage(request);
    const towerRows = await db.query<{ id: string }>(
      "SELECT id::text FROM towers WHERE code = 'COV-0' AND owner_org_id = $1",
      [ownerId],
    );
    const id = towerRows[0]!.id;
    const stored = async () => {
      const rows = await db.query<{ feature: string }>(
        `SELECT json_build_object('id', t.id, 'geometry', ST_AsGeoJSON(t.geom)::json, 'properties', json_build_object(
           'status', t.status, 'heightM', t.height_m, 'tenantsMax', t.tenants_max, 'adminUnitCode', t.admin_unit_code,
           'tenancies', (SELECT json_agg(json_build_object('operatorOrgId', n.operator_org_id,
              'technologies', n.technologies, 'mountHeightM', n.mount_height_m)) FROM tenancies n WHERE n.tower_id = t.id)
         ))::text AS feature FROM towers t WHERE t.id = $1`,
        [id],
      );
      return JSON.parse(rows[0]!.feature) as unknown;
    };
    const old = await stored();
    // Move the tower 30 km away from every cell: its coverage disappears.
    await db.query(
      'UPDATE towers SET geom = ST_Translate(geom, 0, 0.3), updated_at = now(), version = version + 1 WHERE id = $1',
      [id],
    );
    onTowerChanged(db, old, await stored());
    const after = await runCoverage(request);
    const ref = await referenceCovered('4G', 800, 3500);
    for (const c of after.summary.communes.filter((x) => x.code === WARD || x.code === ZONE))
      expect(c.coveredCount).toBe(ref.get(c.code));
    const sum = (r: typeof before) =>
      r.summary.communes
        .filter((x) => x.code === WARD || x.code === ZONE)
        .reduce((a, c) => a + c.coveredCount, 0);
    expect(sum(after)).toBeLessThanOrEqual(sum(before));
  });

  it('rejects a bad request with every problem listed, and an unknown job with 404', async () => {
    const { status, body } = await call('POST', '/api/v1/analysis/coverage', {
      technology: '6G',
      operators: ['nope'],
      radiusOverrides: { '4G': { urban: -1 } },
    });
    expect(status).toBe(400);
    const error = body.error as { code: string; details: { path: (string | number)[] }[] };
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.map((d) => d.path.join('.')).sort()).toEqual([
      'operators.0',
      'radiusOverrides.4G.urban',
      'technology',
    ]);
    expect((await call('GET', `/api/v1/analysis/coverage/${crypto.randomUUID()}`)).status).toBe(404);
  });
});
