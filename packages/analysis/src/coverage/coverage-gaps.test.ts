import { describe, expect, it } from 'vitest';
import { coverageGaps } from './coverage-gaps.js';
import { CoverageModel } from './coverage-model.js';
import { latticeGrid, ORIGIN } from './test-grid.js';

const units = [
  { code: 'W1', unitType: 'ward' as const },
  { code: 'C2', unitType: 'commune' as const },
];
// A 10 m 4G radius covers exactly the cell under the tower.
const radiusOverrides = { '4G': { urban: 10, suburban: 10, rural: 10 } };
const towerAt = (id: string, lng: number, lat: number) => ({
  id,
  lng,
  lat,
  unitCode: 'W1',
  heightM: 30,
  tenantsMax: 1,
  tenancies: [{ operatorId: 'op', technologies: ['4G'], mountHeightM: 30 }],
});
const [x0, y0] = ORIGIN;
const h = 0.0005; // half a cell (cells 0.001° apart)

describe('coverage gaps', () => {
  it('turns a 3 × 3 block with its centre covered into one square with a square hole', () => {
    const model = new CoverageModel(latticeGrid(3, 3, units), { operators: ['op'], radiusOverrides });
    model.addTowers([towerAt('t', x0 + 0.001, y0 + 0.001)]);
    const gaps = coverageGaps(model, '4G');
    expect(gaps.gapCount).toBe(1);
    expect(gaps.populationCount).toBe(8);
    const [gap] = gaps.features;
    expect(gap!.properties).toMatchObject({ rank: 1, populationCount: 8, cellCount: 8, unitCode: 'W1' });
    const polygons = gap!.geometry.coordinates;
    expect(polygons).toHaveLength(1);
    const [outer, hole] = polygons[0]!;
    const r = (v: number) => Math.round(v * 1e7) / 1e7;
    // Outer: the block's corners, counter-clockwise, closed.
    expect(new Set(outer!.map(([x, y]) => `${r(x - x0)},${r(y - y0)}`))).toEqual(
      new Set([
        `${-h},${-h}`,
        `${r(0.002 + h)},${-h}`,
        `${r(0.002 + h)},${r(0.002 + h)}`,
        `${-h},${r(0.002 + h)}`,
      ]),
    );
    expect(outer).toHaveLength(5);
    expect(outer![0]).toEqual(outer![4]);
    // Hole: the centre cell's square.
    expect(new Set(hole!.map(([x, y]) => `${r(x - x0)},${r(y - y0)}`))).toEqual(
      new Set([
        `${h},${h}`,
        `${r(0.001 + h)},${h}`,
        `${r(0.001 + h)},${r(0.001 + h)}`,
        `${h},${r(0.001 + h)}`,
      ]),
    );
    expect(gap!.properties.bbox.map((v, i) => r(v - (i % 2 ? y0 : x0)))).toEqual([-h, -h, 0.0025, 0.0025]);
  });

  it('does not join gaps across a commune boundary, and ranks them by people', () => {
    // One row of four cells: two in W1 (1 person each), two in C2 (5 each).
    const grid = latticeGrid(
      1,
      4,
      units,
      (_, c) => (c < 2 ? 1 : 5),
      (_, c) => (c < 2 ? 0 : 1),
    );
    const gaps = coverageGaps(new CoverageModel(grid, { operators: ['op'] }), '4G');
    expect(gaps.features.map((f) => [f.properties.unitCode, f.properties.populationCount])).toEqual([
      ['C2', 10],
      ['W1', 2],
    ]);
  });

  it('keeps diagonal neighbours apart and skips cells without people', () => {
    // 2 × 2: people on the diagonal only.
    const grid = latticeGrid(2, 2, units, (r, c) => (r === c ? 3 : 0));
    const gaps = coverageGaps(new CoverageModel(grid, { operators: ['op'] }), '4G');
    expect(gaps.gapCount).toBe(2);
    expect(gaps.features.every((f) => f.properties.cellCount === 1)).toBe(true);
  });

  it('traces a U shape as one ring of eight corners', () => {
    // 3 × 3 with the top-centre cell covered and the centre without people... as a U: cells
    // (0,0) (0,1) (0,2) (1,0) (1,2) (2,0) (2,2); (1,1) and (2,1) covered.
    const model = new CoverageModel(latticeGrid(3, 3, units), { operators: ['op'], radiusOverrides });
    model.addTowers([towerAt('a', x0 + 0.001, y0 + 0.001), towerAt('b', x0 + 0.001, y0 + 0.002)]);
    const [gap] = coverageGaps(model, '4G').features;
    expect(gap!.properties.cellCount).toBe(7);
    expect(gap!.geometry.coordinates).toHaveLength(1);
    expect(gap!.geometry.coordinates[0]).toHaveLength(1);
    expect(gap!.geometry.coordinates[0]![0]).toHaveLength(9);
  });
});

describe('gap outlines on random blobs', () => {
  it('gives simple rings whose area adds up to the cells, with every hole inside its outer', () => {
    let seed = 3;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 40; round++) {
      const people = Array.from({ length: 100 }, () => (random() < 0.6 ? 1 : 0));
      const grid = latticeGrid(10, 10, units, (r, c) => people[r * 10 + c]!);
      const gaps = coverageGaps(new CoverageModel(grid, { operators: ['op'] }), '4G', { limit: 1000 });
      for (const gap of gaps.features) {
        let area = 0;
        for (const polygon of gap.geometry.coordinates) {
          polygon.forEach((ring, k) => {
            const corners = ring.slice(0, -1).map(([x, y]) => `${x},${y}`);
            expect(new Set(corners).size, 'a ring passes a corner twice').toBe(corners.length);
            const a = shoelace(ring) / (0.001 * 0.001);
            expect(k === 0 ? a > 0 : a < 0, 'outer counter-clockwise, holes clockwise').toBe(true);
            area += a;
          });
        }
        expect(Math.round(area)).toBe(gap.properties.cellCount);
      }
    }
  });
});

function shoelace(ring: [number, number][]): number {
  let sum = 0;
  for (let i = 1; i < ring.length; i++) sum += ring[i - 1]![0] * ring[i]![1] - ring[i]![0] * ring[i - 1]![1];
  return sum / 2;
}
