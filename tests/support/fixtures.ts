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

/** A valid feature for each asset resource, at `at` ([lng, lat]). */
export function sampleFeature(path: string, ownerOrgId: string, code: string, at: [number, number]) {
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
  const byPath: Record<string, { geometry: unknown; properties: Record<string, unknown> }> = {
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
  };
  const sample = byPath[path];
  if (!sample) throw new Error(`no sample for ${path}`);
  return { type: 'Feature', ...sample };
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
  const code = `9${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
  const [x, y] = centre;
  await sql.query(
    `INSERT INTO admin_units (code, name, unit_type, former_district, area_km2, population, label_point, geom)
     VALUES ($1, $4, 'commune', 'Test', 4, 900, ST_SetSRID(ST_MakePoint($2, $3), 4326),
       ST_Multi(ST_MakeEnvelope($2 - 0.01, $3 - 0.01, $2 + 0.01, $3 + 0.01, 4326)))
     ON CONFLICT (code) DO NOTHING`,
    [code, x, y, name],
  );
  const base = Math.floor(Math.random() * 1e12);
  for (let i = 0; i < 9; i++) {
    await sql.query(
      `INSERT INTO population_cells (id, admin_unit_code, population, geom)
       VALUES ($1, $2, 100, ST_SetSRID(ST_MakePoint($3, $4), 4326))`,
      [base + i, code, x + ((i % 3) - 1) * 0.001, y + (Math.floor(i / 3) - 1) * 0.001],
    );
  }
  return code;
}
