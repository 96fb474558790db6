import { readFileSync } from 'node:fs';
import { writeArrayBuffer } from 'geotiff';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  readPopulationRaster,
  replacePopulation,
} from '../../apps/api/src/features/imports/population-raster.js';
import { createOrganisation, createUnitWithCells, farAway } from '../support/fixtures.js';
import { geoTiff, NODATA } from '../support/rasters.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import { type ImportsApp, importsTestApp } from './imports-app.js';

let app: ImportsApp;
let planner: Session;
let db: Awaited<ReturnType<typeof testDatabase>>;

beforeAll(async () => {
  db = await testDatabase();
  app = importsTestApp(db);
  planner = await sessionFor(app, db, await createOrganisation(db, 'city_department'), ['planner']);
});

async function postRaster(bytes: Uint8Array, session = planner) {
  const form = new FormData();
  form.set('file', new File([bytes.slice()], 'worldpop.tif'));
  const response = await app.request('/api/v1/imports/population', {
    method: 'POST',
    headers: session.headers,
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('population raster import', () => {
  it("replaces a unit's cells with the grid's pixels inside it, keeping the unit total", async () => {
    const centre = farAway(9700);
    const unit = await createUnitWithCells(db, centre);
    // 4×4 pixels of 0.005° over the unit's 0.02° square: nodata, zero, fractions, whole numbers.
    const values = [NODATA, 0, 0.4, 0.4, 0.4, 12.6, 7, 0, 100, 100.5, NODATA, 3, 1, 1, 1, 0.2];
    const bytes = geoTiff(values, 4, centre[0] - 0.01, centre[1] + 0.01, 0.005);
    const raster = await readPopulationRaster(bytes);
    expect(raster).toMatchObject({ width: 4, height: 4, nodata: NODATA, dx: 0.005, dy: -0.005 });

    const { status, body } = await postRaster(bytes);
    expect(status).toBe(200);
    const expected = Math.round(values.filter((v) => v > 0).reduce((s, v) => s + v, 0));
    expect(body).toMatchObject({ populationCount: expected, units: 1, pixelsOutside: 0 });
    const cells = await db.query<{ n: number; people: number; size: number }>(
      'SELECT count(*)::int AS n, sum(population)::int AS people, min(cell_size_m) AS size FROM population_cells WHERE admin_unit_code = $1',
      [unit],
    );
    // The fixture's nine 100-people cells are gone; only the grid's cells with at least one person remain.
    expect(cells[0]?.people).toBe(expected);
    expect(cells[0]?.n).toBe(body.cells);
    expect(cells[0]?.size).toBeGreaterThan(500);
  });

  it('refuses a projected raster and a file that is not a GeoTIFF, changing nothing', async () => {
    const notTiff = await postRaster(new TextEncoder().encode('not a tiff'));
    expect(notTiff.status).toBe(400);
    expect(JSON.stringify(notTiff.body)).toMatch(/not a readable GeoTIFF/);
    const projected = writeArrayBuffer(new Float32Array([1, 2, 3, 4]), {
      width: 2,
      height: 2,
      ModelPixelScale: [100, 100, 0],
      ModelTiepoint: [0, 0, 0, 590000, 2300000, 0],
      ProjectedCSTypeGeoKey: 32648,
      GTModelTypeGeoKey: 1,
    });
    const refused = await postRaster(new Uint8Array(projected));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/WGS 84/);
  });

  it('lets only city departments replace the grid', async () => {
    const editor = await sessionFor(app, db, await createOrganisation(db), ['operator_editor']);
    expect((await postRaster(new Uint8Array(4), editor)).status).toBe(403);
  });

  it('aggregates the real WorldPop 2020 1 km grid into the 114 units of Hai Phong', async () => {
    const raster = await readPopulationRaster(
      new Uint8Array(readFileSync('data/hai-phong-population-1km-worldpop2020.tif')),
    );
    const units = JSON.parse(readFileSync('data/hai-phong-admin-units.geojson', 'utf8')) as {
      features: {
        properties: { code: string; name: string; type: string; areaKm2: number };
        geometry: unknown;
      }[];
    };
    const rollback = new Error('rollback');
    await db
      .transaction(async (tx) => {
        for (const unit of units.features) {
          const p = unit.properties;
          await tx.query(
            `INSERT INTO admin_units (code, name, unit_type, former_district, area_km2, population, label_point, geom)
             SELECT $1, $2, $3, 'WorldPop test', $4, 0, ST_PointOnSurface(g), g
             FROM (SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($5), 4326)), 3)) AS g) x
             ON CONFLICT (code) DO NOTHING`,
            [p.code, p.name, p.type, p.areaKm2, JSON.stringify(unit.geometry)],
          );
        }
        const result = await replacePopulation(tx, raster);
        const [stored] = await tx.query<{ people: number; units: number }>(
          "SELECT sum(population)::int AS people, count(DISTINCT admin_unit_code)::int AS units FROM population_cells WHERE admin_unit_code !~ '^9'",
        );
        console.log('WorldPop 2020 1 km grid → population_cells', result);
        expect(result.units).toBe(114);
        expect(stored).toEqual({ people: result.populationCount, units: 114 });
        // Hai Phong and the former Hai Duong province: about 2.1 + 1.9 million people (WorldPop 2020 is UN-adjusted lower).
        expect(result.populationCount).toBeGreaterThan(2_500_000);
        expect(result.populationCount).toBeLessThan(5_000_000);
        expect(result.cellSizeM).toBeGreaterThan(850);
        expect(result.cellSizeM).toBeLessThan(950);
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
  });
});
