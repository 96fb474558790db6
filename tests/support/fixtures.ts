import { type AssetPath, isAssetPath } from '@hatang/contracts';
import type { Sql } from '@hatang/db';

/** A fresh organisation for a test (unique code), returning its id. */
export async function createOrganisation(sql: Sql, kind = 'operator'): Promise<string> {
  const id = crypto.randomUUID();
  const code = `T-${id.slice(0, 8).toUpperCase()}`;
  await sql.query('INSERT INTO organisations (id, code, name, kind) VALUES ($1, $2, $3, $4)', [
    id,
    code,
    `Test organisation ${code}`,
    kind,
  ]);
  return id;
}

/** [lng, lat] near (0.5°, 0.5°) — in the Gulf of Guinea, far from any demo data in Hai Phong. */
export function farAway(offset: number): [number, number] {
  return [0.5 + offset * 0.001, 0.5 + offset * 0.001];
}

/** A sample feature as a test sends it. */
export interface SampleFeature {
  type: 'Feature';
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}

/** A valid feature for each asset resource, at `at` ([lng, lat]). */
export function sampleFeature(
  path: string,
  ownerOrgId: string,
  code: string,
  at: [number, number],
): SampleFeature {
  // Coordinates the API stores exactly (it writes GeoJSON with 7 decimals).
  const round = (n: number) => Number(n.toFixed(6));
  const [lng, lat] = [round(at[0]), round(at[1])];
  const point = { type: 'Point', coordinates: [lng, lat] };
  const line = {
    type: 'LineString',
    coordinates: [
      [lng, lat],
      [round(lng + 0.001), round(lat + 0.0005)],
    ],
  };
  const head = { code, ownerOrgId, status: 'existing' };
  // Every asset kind has a sample (a kind added to the contracts without one does not compile).
  const byPath = {
    towers: {
      geometry: point,
      properties: {
        ...head,
        towerClass: 'A2b',
        structure: 'monopole',
        placement: 'ground',
        heightM: 42,
        antennaSlotsTotal: 12,
        tenantsMax: 3,
      },
    },
    poles: {
      geometry: point,
      properties: {
        ...head,
        material: 'concrete',
        ownerSector: 'telecom',
        heightM: 8.5,
        attachmentsUsed: 2,
        attachmentsMax: 6,
      },
    },
    manholes: { geometry: point, properties: { ...head, manholeType: 'manhole', covers: 2, depthM: 1.2 } },
    ducts: {
      geometry: line,
      properties: { ...head, tubesTotal: 6, tubesUsed: 2, diameterMm: 110, depthM: 0.8 },
    },
    'trenches-tunnels': {
      geometry: line,
      properties: { ...head, kind: 'tunnel', widthM: 2.5, depthM: 3, sharedWith: ['power', 'water'] },
    },
    'cable-routes': {
      geometry: line,
      properties: { ...head, cableType: 'fiber', coreCount: 48, placement: 'underground' },
    },
    'submarine-cables': {
      geometry: line,
      properties: { ...head, name: 'Test cable', fiberPairs: 8, corridorWidthM: 1000 },
    },
    'landing-stations': {
      geometry: point,
      properties: { ...head, name: 'Test landing', protectionRadiusM: 500 },
    },
    'wifi-points': {
      geometry: point,
      properties: { ...head, name: 'Nhà văn hóa thôn Đông', siteType: 'cultural_house', bandwidthMbps: 300 },
    },
    'data-centres': {
      geometry: point,
      properties: {
        ...head,
        name: 'Test data centre',
        tier: 'III',
        greenCertification: 'lotus',
        powerMw: 5,
        pue: 1.4,
      },
    },
    'street-devices': {
      geometry: point,
      properties: { ...head, deviceType: 'surveillance_camera', mountHeightM: 6, viewRangeM: 80 },
    },
    'in-building-systems': {
      geometry: point,
      properties: {
        ...head,
        buildingName: 'Chung cư thử nghiệm',
        buildingType: 'apartment',
        floors: 25,
        sharedSystem: true,
        fibreRiser: true,
        complianceStatus: 'compliant',
      },
    },
    'civil-works': {
      geometry: line,
      properties: {
        ...head,
        name: 'Road widening',
        sector: 'road',
        startsOn: '2027-03-01',
        endsOn: '2028-06-30',
      },
    },
  } satisfies Record<AssetPath, { geometry: unknown; properties: Record<string, unknown> }>;
  const sample = isAssetPath(path) ? byPath[path] : undefined;
  if (!sample) throw new Error(`no sample for ${path}`);
  return { type: 'Feature', ...sample };
}

/** Unit kinds a test can create. */
export type TestUnitType = 'ward' | 'commune' | 'special_zone';

export interface TestUnit {
  /** The unit's outline as WKT (POLYGON or MULTIPOLYGON), EPSG:4326. */
  geomWkt: string;
  /** [lng, lat] */
  labelPoint: [number, number];
  name?: string;
  unitType?: TestUnitType;
  areaKm2?: number;
  population?: number;
}

// Made-up units take the codes 90000–99999 (the demo data's checks leave out `^9`). Each vitest
// worker walks them in order from its own start, so a run is reproducible; a code already taken
// (another worker on a shared server database, an earlier test) is skipped, never shared.
const WORKER = Number(process.env.VITEST_POOL_ID ?? '1');
let unitSerial = 0;

/**
 * Inserts a made-up admin unit under a code no other unit has (9xxxx), and returns that code.
 * Throws rather than reuse an existing unit, so a fixture never silently lands in another's.
 */
export async function insertTestUnit(sql: Sql, unit: TestUnit): Promise<string> {
  for (let tries = 0; tries < 10_000; tries++) {
    const code = String(90_000 + ((WORKER * 2_503 + unitSerial++) % 10_000));
    const rows = await sql.query<{ code: string }>(
      `INSERT INTO admin_units (code, name, unit_type, former_district, area_km2, population, label_point, geom)
       VALUES ($1, $2, $3, 'Test', $4, $5, ST_SetSRID(ST_MakePoint($6, $7), 4326),
         ST_Multi(ST_GeomFromText($8, 4326)))
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [
        code,
        unit.name ?? `Thử ${code}`,
        unit.unitType ?? 'commune',
        unit.areaKm2 ?? 4,
        unit.population ?? 0,
        unit.labelPoint[0],
        unit.labelPoint[1],
        unit.geomWkt,
      ],
    );
    if (rows.length) return code;
  }
  throw new Error('every made-up unit code (9xxxx) is taken');
}

/** The WKT of the square of half-side `halfDeg` degrees centred on `centre` ([lng, lat]). */
export function squareWkt(centre: [number, number], halfDeg: number): string {
  const [x, y] = centre;
  const [x0, y0, x1, y1] = [x - halfDeg, y - halfDeg, x + halfDeg, y + halfDeg];
  return `POLYGON((${x0} ${y0}, ${x1} ${y0}, ${x1} ${y1}, ${x0} ${y1}, ${x0} ${y0}))`;
}

/**
 * The id of a test unit's `index`-th population cell (0 ≤ index < 1 000 000): unique because the
 * unit's code is, so cells of different fixtures never clash.
 */
export function testCellId(unitCode: string, index: number): number {
  return Number(unitCode) * 1_000_000 + index;
}

/**
 * A made-up commune (code 9xxxx, not a real one) as a 0.02° square centred on `centre`, with a
 * 3×3 block of 100 m population cells of 100 people each at its centre. Returns the unit code.
 */
export async function createUnitWithCells(
  sql: Sql,
  centre: [number, number],
  name = 'Xã Thử',
): Promise<string> {
  const [x, y] = centre;
  const code = await insertTestUnit(sql, {
    geomWkt: squareWkt(centre, 0.01),
    labelPoint: centre,
    name,
    population: 900,
  });
  for (let i = 0; i < 9; i++) {
    await sql.query(
      `INSERT INTO population_cells (id, admin_unit_code, population, geom)
       VALUES ($1, $2, 100, ST_SetSRID(ST_MakePoint($3, $4), 4326))`,
      [testCellId(code, i), code, x + ((i % 3) - 1) * 0.001, y + (Math.floor(i / 3) - 1) * 0.001],
    );
  }
  return code;
}
