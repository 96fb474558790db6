/**
 * Population raster import: a GeoTIFF grid of people per pixel in WGS 84 (e.g. WorldPop 100 m or
 * 1 km, float, with nodata) becomes population_cells — one cell per pixel whose centre lies in
 * one of the city's units, with integer counts rounded per unit by largest remainder so each
 * unit's total stays the raster's sum. The cells of every unit the raster's extent touches are
 * replaced in one transaction (a whole-city raster replaces the whole grid; a partial one leaves
 * the other units alone).
 */
import type { Database, Sql } from '@hatang/db';
import { copyLine, defaultParseLimits, LimitError, type ParseLimits } from '@hatang/geo/formats';
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

/** Replaces the cells of every unit the raster covers (in the caller's transaction). */
export async function replacePopulation(tx: Sql, raster: PopulationRaster): Promise<PopulationImportResult> {
  const { x0, y0, dx, dy, width, height, nodata, values } = raster;
  const [minX, maxX] = [Math.min(x0, x0 + width * dx), Math.max(x0, x0 + width * dx)];
  const [minY, maxY] = [Math.min(y0, y0 + height * dy), Math.max(y0, y0 + height * dy)];
  const [extent] = await tx.query<{ minx: number | null; miny: number; maxx: number; maxy: number }>(
    `SELECT ST_XMin(e) AS minx, ST_YMin(e) AS miny, ST_XMax(e) AS maxx, ST_YMax(e) AS maxy
     FROM (SELECT ST_Extent(geom)::geometry AS e FROM admin_units WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)) x`,
    [minX, minY, maxX, maxY],
  );
  if (!extent || extent.minx === null)
    throw invalid("The grid covers none of the city's administrative units");

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

  await tx.exec(
    'CREATE TEMP TABLE population_pixels (id bigint, population float8, geom geometry(Point, 4326)) ON COMMIT DROP',
  );
  if (csv) await tx.copyCsv('population_pixels', ['id', 'population', 'geom'], csv);
  const inside = await tx.query<{ id: string; population: number; code: string }>(
    `SELECT DISTINCT ON (p.id) p.id::text AS id, p.population, a.code
     FROM population_pixels p JOIN admin_units a ON a.geom && p.geom AND ST_Covers(a.geom, p.geom)
     ORDER BY p.id, a.code`,
  );
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
  await tx.query(
    `DELETE FROM population_cells WHERE admin_unit_code IN
       (SELECT code FROM admin_units WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326))`,
    [minX, minY, maxX, maxY],
  );
  if (out) {
    await tx.exec(
      'CREATE TEMP TABLE population_counts (id bigint, code text, population integer, cell_size_m float8) ON COMMIT DROP',
    );
    await tx.copyCsv('population_counts', ['id', 'code', 'population', 'cell_size_m'], out);
    await tx.exec(
      `INSERT INTO population_cells (id, admin_unit_code, population, cell_size_m, geom)
       SELECT c.id, c.code, c.population, c.cell_size_m, p.geom
       FROM population_counts c JOIN population_pixels p ON p.id = c.id`,
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
