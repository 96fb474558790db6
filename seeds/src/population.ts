/**
 * The 100 m population grid. Cell centres sit on a regular lat/lng lattice of 0.0009° latitude
 * (≈ 99.6 m) × 0.00096° longitude (≈ 99.8 m at 20.85° N); `cell_size_m` is 100. A centre belongs
 * to the unit whose polygon contains it. Each unit's published population is split over its
 * cells in proportion to the bilinearly interpolated WorldPop 2020 density (largest remainder,
 * so the unit sums are exact). A unit too small to hold a centre gets one cell at its label
 * point; a unit whose cells all have zero density gets its population spread evenly.
 */
import type { AdminUnit } from './admin-units.js';
import { apportion } from './apportion.js';
import { CsvTable, coord, type TableCsv } from './csv.js';
import type { Land } from './land.js';
import { bilinearDensity, type PopulationRaster } from './raster.js';

export const CELL_DLAT = 0.0009;
export const CELL_DLNG = 0.00096;
export const CELL_SIZE_M = 100;
const GRID_LNG0 = 105.8;
const GRID_LAT0 = 19.9;

export interface PopulationGrid {
  count: number;
  lng: Float64Array;
  lat: Float64Array;
  population: Int32Array;
  /** Unit index of each cell. */
  unit: Int16Array;
  /** Cells of unit u are [unitStart[u], unitStart[u + 1]). */
  unitStart: Int32Array;
  /** Lattice (row × columns + column) → cell index, −1 where no cell. */
  lattice: Int32Array;
  columns: number;
  rows: number;
}

/** The cell whose 100 m square contains (lng, lat), or −1. */
export function cellAt(grid: PopulationGrid, lng: number, lat: number): number {
  const c = Math.round((lng - GRID_LNG0) / CELL_DLNG - 0.5);
  const r = Math.round((lat - GRID_LAT0) / CELL_DLAT - 0.5);
  if (c < 0 || r < 0 || c >= grid.columns || r >= grid.rows) return -1;
  return grid.lattice[r * grid.columns + c]!;
}

/** People in the cell at (lng, lat); 0 outside the grid. */
export function peopleAt(grid: PopulationGrid, lng: number, lat: number): number {
  const cell = cellAt(grid, lng, lat);
  return cell < 0 ? 0 : grid.population[cell]!;
}

const r6 = (v: number): number => Math.round(v * 1e6) / 1e6;

/** Grid centres inside each unit, grouped by unit (in unit order), then row, then column. */
function cellsByUnit(
  units: readonly AdminUnit[],
  land: Land,
): { perUnit: { lng: number[]; lat: number[]; key: number[] }[]; columns: number; rows: number } {
  const perUnit = units.map(() => ({ lng: [] as number[], lat: [] as number[], key: [] as number[] }));
  let maxC = 0;
  let maxR = 0;
  for (const u of units) {
    maxC = Math.max(maxC, Math.ceil((u.bbox[2] - GRID_LNG0) / CELL_DLNG) + 1);
    maxR = Math.max(maxR, Math.ceil((u.bbox[3] - GRID_LAT0) / CELL_DLAT) + 1);
  }
  const visited = new Uint8Array(maxC * maxR);
  for (const u of units) {
    const c0 = Math.floor((u.bbox[0] - GRID_LNG0) / CELL_DLNG);
    const c1 = Math.ceil((u.bbox[2] - GRID_LNG0) / CELL_DLNG);
    const r0 = Math.floor((u.bbox[1] - GRID_LAT0) / CELL_DLAT);
    const r1 = Math.ceil((u.bbox[3] - GRID_LAT0) / CELL_DLAT);
    for (let r = r0; r <= r1; r++) {
      const lat = r6(GRID_LAT0 + (r + 0.5) * CELL_DLAT);
      for (let c = c0; c <= c1; c++) {
        const key = r * maxC + c;
        if (visited[key] === 1) continue;
        visited[key] = 1;
        const lng = r6(GRID_LNG0 + (c + 0.5) * CELL_DLNG);
        const owner = land.unitAt(lng, lat);
        if (owner < 0) continue;
        perUnit[owner]!.lng.push(lng);
        perUnit[owner]!.lat.push(lat);
        perUnit[owner]!.key.push(key);
      }
    }
  }
  return { perUnit, columns: maxC, rows: maxR };
}

export function buildPopulationGrid(
  units: readonly AdminUnit[],
  land: Land,
  raster: PopulationRaster,
): PopulationGrid {
  const { perUnit, columns, rows } = cellsByUnit(units, land);
  for (const u of units) {
    const cells = perUnit[u.index]!;
    if (cells.lng.length === 0) {
      cells.lng.push(r6(u.label[0]));
      cells.lat.push(r6(u.label[1]));
      cells.key.push(-1);
    }
  }
  const count = perUnit.reduce((n, c) => n + c.lng.length, 0);
  const grid: PopulationGrid = {
    count,
    lng: new Float64Array(count),
    lat: new Float64Array(count),
    population: new Int32Array(count),
    unit: new Int16Array(count),
    unitStart: new Int32Array(units.length + 1),
    lattice: new Int32Array(columns * rows).fill(-1),
    columns,
    rows,
  };
  let k = 0;
  for (const u of units) {
    const cells = perUnit[u.index]!;
    grid.unitStart[u.index] = k;
    const weights = new Float64Array(cells.lng.length);
    for (let i = 0; i < cells.lng.length; i++) {
      weights[i] = bilinearDensity(raster, cells.lng[i]!, cells.lat[i]!);
    }
    const people = apportion(u.population, weights);
    for (let i = 0; i < cells.lng.length; i++, k++) {
      grid.lng[k] = cells.lng[i]!;
      grid.lat[k] = cells.lat[i]!;
      grid.population[k] = people[i]!;
      grid.unit[k] = u.index;
      if (cells.key[i]! >= 0) grid.lattice[cells.key[i]!] = k;
    }
  }
  grid.unitStart[units.length] = k;
  return grid;
}

export function populationCsv(grid: PopulationGrid, units: readonly AdminUnit[]): TableCsv {
  const table = new CsvTable('population_cells', [
    'id',
    'admin_unit_code',
    'population',
    'cell_size_m',
    'geom',
  ]);
  for (let i = 0; i < grid.count; i++) {
    const code = units[grid.unit[i]!]!.code;
    table.addRaw(
      `${i + 1},${code},${grid.population[i]},${CELL_SIZE_M},SRID=4326;POINT(${coord(grid.lng[i]!)} ${coord(grid.lat[i]!)})`,
    );
  }
  return table.build();
}

/**
 * Samples cells with probability proportional to population^exponent (or uniformly with
 * exponent 0): a cumulative table and binary search.
 */
export class CellSampler {
  private readonly cumulative: Float64Array;

  constructor(
    private readonly grid: PopulationGrid,
    exponent: number,
    filter?: (cell: number) => boolean,
  ) {
    this.cumulative = new Float64Array(grid.count);
    let acc = 0;
    for (let i = 0; i < grid.count; i++) {
      if (!filter || filter(i)) acc += exponent === 0 ? 1 : grid.population[i]! ** exponent;
      this.cumulative[i] = acc;
    }
  }

  /** A cell index for a uniform draw `r` in [0, 1). */
  sample(r: number): number {
    const target = r * this.cumulative[this.grid.count - 1]!;
    let lo = 0;
    let hi = this.grid.count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
