/**
 * Population raster import: a GeoTIFF grid of people per pixel in WGS 84 (e.g. WorldPop 100 m or
 * 1 km, float, with nodata) becomes population_cells — one cell per pixel whose centre lies in
 * one of the city's units, with integer counts rounded per unit by largest remainder so each
 * unit's total stays the raster's sum. The cells of every unit the raster's extent touches are
 * replaced in one transaction (a whole-city raster replaces the whole grid; a partial one leaves
 * the other units alone).
 */
import { createTempTable, type Database, orm, type Sql } from '@hatang/db';
import { adminUnits, geometryPoint, populationCells } from '@hatang/db/schema';
import { copyLine, defaultParseLimits, LimitError, type ParseLimits } from '@hatang/geo/formats';
import { eq, getTableName, inArray, isNotNull, sql } from 'drizzle-orm';
import { bigint, doublePrecision, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { fromArrayBuffer } from 'geotiff';
import { ApiError } from '../../errors.js';

export interface PopulationImportResult {
  cells: number;
  populationCount: number;
  /** Pixels with people whose centre is outside every unit (outside the city). */
  pixelsOutside: number;
  cellSizeM: number;
  units: number;
}

const invalid = (message: string) =>
  new ApiError(400, 'VALIDATION_FAILED', message, [{ path: ['file'], message }]);

export interface PopulationRaster {
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  width: number;
  height: number;
  nodata: number | null;
  /** People per pixel, row-major from the top-left. */
  values: ArrayLike<number>;
}

/**
 * Reads band 1 of a WGS 84 GeoTIFF; a 400 for anything else, a LimitError when width × height is
 * over `maxRasterCells` (checked from the header, before any pixel is read). Runs in a parse worker.
 */
export async function readPopulationRaster(
  bytes: Uint8Array,
  limits: ParseLimits = defaultParseLimits,
): Promise<PopulationRaster> {
  let image: Awaited<ReturnType<Awaited<ReturnType<typeof fromArrayBuffer>>['getImage']>>;
  try {
    image = await (await fromArrayBuffer(bytes.slice().buffer)).getImage();
  } catch (error) {
    throw invalid(`The file is not a readable GeoTIFF (${(error as Error).message})`);
  }
  const keys = image.getGeoKeys() ?? {};
  const geographic = keys.GeographicTypeGeoKey;
  if (keys.ProjectedCSTypeGeoKey !== undefined || (geographic !== undefined && geographic !== 4326)) {
    throw invalid('The population grid must be in WGS 84 (EPSG:4326), like WorldPop: reproject it first');
  }
  const cells = image.getWidth() * image.getHeight();
  if (cells > limits.maxRasterCells)
    throw new LimitError(
      'maxRasterCells',
      limits.maxRasterCells,
      `The grid is ${image.getWidth()} × ${image.getHeight()} = ${cells} cells, more than ${limits.maxRasterCells} (maxRasterCells = ${limits.maxRasterCells}); nothing was imported`,
    );
  const [x0 = 0, y0 = 0] = image.getOrigin();
  const [dx = 0, dy = 0] = image.getResolution();
  const values = (await image.readRasters({ samples: [0], interleave: true })) as ArrayLike<number>;
  return {
    x0,
    y0,
    dx,
    dy,
    width: image.getWidth(),
    height: image.getHeight(),
    nodata: image.getGDALNoData(),
    values,
  };
}

/**
 * A stable cell id from the pixel centre (1e-5° ≈ 1 m steps), so cells of different imports and
 * other sources never collide.
 */
const cellId = (lng: number, lat: number) =>
  Math.round((lat + 90) * 1e5) * 1e8 + Math.round((lng + 180) * 1e5);

/** The raster's pixels with people inside the units' extent: id, people (fractional) and centre. */
const populationPixels = pgTable('population_pixels', {
  id: bigint({ mode: 'number' }).notNull(),
  population: doublePrecision().notNull(),
  geom: geometryPoint().notNull(),
});

/** The pixels inside a unit with their whole people per unit, as the cells to write. */
const populationCounts = pgTable('population_counts', {
  id: bigint({ mode: 'number' }).notNull(),
  code: text().notNull(),
  population: integer().notNull(),
  cellSizeM: doublePrecision('cell_size_m').notNull(),
});

/** Replaces the cells of every unit the raster covers (in the caller's transaction). */
export async function replacePopulation(tx: Sql, raster: PopulationRaster): Promise<PopulationImportResult> {
  const { x0, y0, dx, dy, width, height, nodata, values } = raster;
  const [minX, maxX] = [Math.min(x0, x0 + width * dx), Math.max(x0, x0 + width * dx)];
  const [minY, maxY] = [Math.min(y0, y0 + height * dy), Math.max(y0, y0 + height * dy)];
  const touched = sql`${adminUnits.geom} && ST_MakeEnvelope(${minX}, ${minY}, ${maxX}, ${maxY}, 4326)`;
  const units = orm(tx)
    .select({ e: sql`ST_Extent(${adminUnits.geom})::geometry`.as('e') })
    .from(adminUnits)
    .where(touched)
    .as('x');
  // No unit touched: the extent is NULL, and no row comes back.
  const [extent] = await orm(tx)
    .select({
      minx: sql`ST_XMin(${units.e})`.mapWith(Number),
      miny: sql`ST_YMin(${units.e})`.mapWith(Number),
      maxx: sql`ST_XMax(${units.e})`.mapWith(Number),
      maxy: sql`ST_YMax(${units.e})`.mapWith(Number),
    })
    .from(units)
    .where(isNotNull(units.e));
  if (!extent) throw invalid("The grid covers none of the city's administrative units");

  let csv = '';
  let pixels = 0;
  for (let row = 0; row < height; row++) {
    const lat = y0 + (row + 0.5) * dy;
    if (lat < extent.miny || lat > extent.maxy) continue;
    for (let col = 0; col < width; col++) {
      const lng = x0 + (col + 0.5) * dx;
      if (lng < extent.minx || lng > extent.maxx) continue;
      const v = values[row * width + col] ?? Number.NaN;
      if (!Number.isFinite(v) || v <= 0 || (nodata !== null && v === nodata)) continue;
      csv += copyLine([cellId(lng, lat), v, `SRID=4326;POINT(${lng} ${lat})`]);
      pixels++;
    }
  }
  const midLat = ((y0 + (height / 2) * dy) * Math.PI) / 180;
  const cellSizeM = Math.round(Math.sqrt(Math.abs(dx * 111_320 * Math.cos(midLat) * dy * 110_574)) * 10) / 10;

  await createTempTable(tx, populationPixels);
  const pixel = populationPixels;
  if (csv)
    await tx.copyCsv(getTableName(pixel), [pixel.id.name, pixel.population.name, pixel.geom.name], csv);
  // A pixel on the border of two units goes to the first by code.
  const inside = await orm(tx)
    .selectDistinctOn([pixel.id], {
      id: sql`${pixel.id}::text`.mapWith(String),
      population: pixel.population,
      code: adminUnits.code,
    })
    .from(pixel)
    .innerJoin(
      adminUnits,
      sql`${adminUnits.geom} && ${pixel.geom} AND ST_Covers(${adminUnits.geom}, ${pixel.geom})`,
    )
    .orderBy(pixel.id, adminUnits.code);
  // Largest remainder per unit: floor every cell, then give the unit's missing people to the
  // cells with the largest fractions.
  const byUnit = new Map<string, { id: string; population: number }[]>();
  for (const cell of inside) {
    const list = byUnit.get(cell.code) ?? [];
    list.push(cell);
    byUnit.set(cell.code, list);
  }
  let out = '';
  let cells = 0;
  let total = 0;
  for (const [code, list] of byUnit) {
    const target = Math.round(list.reduce((s, c) => s + c.population, 0));
    const counts = list.map((c) => Math.floor(c.population));
    let missing = target - counts.reduce((s, n) => s + n, 0);
    const order = list
      .map((c, i) => [c.population - Math.floor(c.population), i] as const)
      .sort((a, b) => b[0] - a[0]);
    for (const [, i] of order) {
      if (missing <= 0) break;
      counts[i] = (counts[i] ?? 0) + 1;
      missing--;
    }
    list.forEach((cell, i) => {
      const n = counts[i] ?? 0;
      if (n <= 0) return;
      out += copyLine([cell.id, code, n, cellSizeM]);
      cells++;
      total += n;
    });
  }
  await orm(tx)
    .delete(populationCells)
    .where(
      inArray(
        populationCells.adminUnitCode,
        orm(tx).select({ code: adminUnits.code }).from(adminUnits).where(touched),
      ),
    );
  if (out) {
    const counts = populationCounts;
    await createTempTable(tx, counts);
    await tx.copyCsv(
      getTableName(counts),
      [counts.id.name, counts.code.name, counts.population.name, counts.cellSizeM.name],
      out,
    );
    await orm(tx)
      .insert(populationCells)
      .select(
        orm(tx)
          .select({
            id: counts.id,
            adminUnitCode: counts.code,
            population: counts.population,
            cellSizeM: counts.cellSizeM,
            geom: pixel.geom,
          })
          .from(counts)
          .innerJoin(pixel, eq(pixel.id, counts.id)),
      );
  }
  return {
    cells,
    populationCount: total,
    pixelsOutside: pixels - inside.length,
    cellSizeM,
    units: byUnit.size,
  };
}

/** Replaces the covered units' cells with a raster read in a parse worker, in one transaction. */
export async function importPopulationRaster(
  db: Database,
  raster: PopulationRaster,
): Promise<PopulationImportResult> {
  return db.transaction((tx) => replacePopulation(tx, raster));
}
