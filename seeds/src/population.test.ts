import { beforeAll, describe, expect, it } from 'vitest';
import { type AdminUnit, loadAdminUnits } from './admin-units.js';
import { distanceM } from './geometry.js';
import { Land } from './land.js';
import { buildPopulationGrid, CELL_DLAT, CELL_DLNG, cellAt, type PopulationGrid } from './population.js';
import { loadWorldPop } from './raster.js';

let units: AdminUnit[];
let grid: PopulationGrid;

beforeAll(async () => {
  units = loadAdminUnits();
  grid = buildPopulationGrid(units, new Land(units), await loadWorldPop());
});

describe('population grid', () => {
  it('uses ~100 m cells', () => {
    expect(distanceM([106.7, 20.85], [106.7 + CELL_DLNG, 20.85])).toBeGreaterThan(97);
    expect(distanceM([106.7, 20.85], [106.7 + CELL_DLNG, 20.85])).toBeLessThan(103);
    expect(distanceM([106.7, 20.85], [106.7, 20.85 + CELL_DLAT])).toBeGreaterThan(97);
    expect(distanceM([106.7, 20.85], [106.7, 20.85 + CELL_DLAT])).toBeLessThan(103);
  });

  it('has ~300k cells and sums exactly to every unit’s published population', () => {
    expect(grid.count).toBeGreaterThan(250_000);
    expect(grid.count).toBeLessThan(350_000);
    let total = 0;
    for (const u of units) {
      let sum = 0;
      for (let i = grid.unitStart[u.index]!; i < grid.unitStart[u.index + 1]!; i++)
        sum += grid.population[i]!;
      expect(sum, u.code).toBe(u.population);
      expect(grid.unitStart[u.index + 1]! - grid.unitStart[u.index]!, u.code).toBeGreaterThan(0);
      total += sum;
    }
    expect(total).toBe(4_692_669);
  });

  it('is denser in the old city centre than in the rice fields, and smooth between neighbours', () => {
    const centre = cellAt(grid, 106.683, 20.855);
    const rural = cellAt(grid, 106.5, 20.66);
    expect(centre).toBeGreaterThanOrEqual(0);
    expect(rural).toBeGreaterThanOrEqual(0);
    expect(grid.population[centre]!).toBeGreaterThan(5 * grid.population[rural]!);
    const next = cellAt(grid, 106.683 + CELL_DLNG, 20.855);
    expect(grid.population[next]).not.toBe(grid.population[centre]);
    expect(Math.abs(grid.population[next]! - grid.population[centre]!)).toBeLessThan(
      grid.population[centre]! * 0.5,
    );
  });

  it('finds each cell back from its own centre', () => {
    for (let i = 0; i < grid.count; i += 997) {
      const own = cellAt(grid, grid.lng[i]!, grid.lat[i]!);
      if (own >= 0) expect(own).toBe(i);
    }
  });
});
