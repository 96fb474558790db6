/** Small hand-made grids for the tests (not exported from the package). */
import { type AdminUnitInput, CellGrid } from './cell-grid.js';
import { metresPerDegreeLat, metresPerDegreeLng } from './local-metric.js';

export const ORIGIN: [number, number] = [106.5, 21.0];

/** `[lng, lat]` `eastM` metres east and `northM` north of `from` (local metric). */
export function offsetM(from: readonly [number, number], eastM: number, northM: number): [number, number] {
  const lat = from[1] + northM / metresPerDegreeLat(from[1] + northM / 2 / 111_000);
  return [from[0] + eastM / metresPerDegreeLng((from[1] + lat) / 2), lat];
}

export interface TestCell {
  at: [number, number];
  people: number;
  unit: number;
}

export function gridOf(cells: TestCell[], units: AdminUnitInput[], spacing?: { dLng: number; dLat: number }) {
  return new CellGrid(
    {
      lng: cells.map((c) => c.at[0]),
      lat: cells.map((c) => c.at[1]),
      population: cells.map((c) => c.people),
      unitIndex: cells.map((c) => c.unit),
      ...(spacing ? { spacing } : {}),
    },
    units,
  );
}

/** A rows × cols block of lattice cells (0.001° apart) from ORIGIN; `people(r, c)` and `unit(r, c)`. */
export function latticeGrid(
  rows: number,
  cols: number,
  units: AdminUnitInput[],
  people: (r: number, c: number) => number = () => 1,
  unit: (r: number, c: number) => number = () => 0,
) {
  const cells: TestCell[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++)
      cells.push({
        at: [ORIGIN[0] + c * 0.001, ORIGIN[1] + r * 0.001],
        people: people(r, c),
        unit: unit(r, c),
      });
  return gridOf(cells, units, { dLng: 0.001, dLat: 0.001 });
}
