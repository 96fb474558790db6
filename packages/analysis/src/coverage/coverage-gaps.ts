import type { CoverageModel } from './coverage-model.js';
import { SERVICES, type Service } from './technology.js';
import { traceOutline } from './trace-outline.js';

export interface GapProperties {
  /** 1 = the most people. */
  rank: number;
  populationCount: number;
  cellCount: number;
  areaKm2: number;
  unitCode: string;
  /** Population-weighted centre `[lng, lat]`. */
  centre: [number, number];
  /** `[minLng, minLat, maxLng, maxLat]` of the cell squares. */
  bbox: [number, number, number, number];
}

export interface GapFeature {
  type: 'Feature';
  id: number;
  geometry: { type: 'MultiPolygon'; coordinates: [number, number][][][] };
  properties: GapProperties;
}

export interface CoverageGaps {
  type: 'FeatureCollection';
  features: GapFeature[];
  /** All gaps found (features holds the `limit` largest). */
  gapCount: number;
  /** People in all gaps. */
  populationCount: number;
}

export interface GapOptions {
  /** How many gaps to return as polygons, largest first (default 200). */
  limit?: number;
}

/**
 * Gap areas for `service`: connected groups of populated cells no counted operator covers.
 * Cells connect through their four edge neighbours on the lattice and only within one commune
 * (so every gap has one commune to act on, and rural gaps do not chain across a whole district).
 * Each gap becomes the union of its 100 m squares, traced along the grid (no polygon unions),
 * as a MultiPolygon with holes. Gaps are ranked by people, ties by cell count.
 */
export function coverageGaps(model: CoverageModel, service: Service, options: GapOptions = {}): CoverageGaps {
  const limit = options.limit ?? 200;
  const { grid } = model;
  const { n, cellRow, cellCol, unit, population } = grid;
  const s = SERVICES.indexOf(service);
  const label = new Int32Array(n).fill(-1);
  const order = new Int32Array(n);
  const starts: number[] = [];
  const people: number[] = [];
  let filled = 0;
  const isGap = (i: number) => population[i]! > 0 && !model.isCovered(s, i);
  for (let seed = 0; seed < n; seed++) {
    if (label[seed] !== -1 || !isGap(seed)) continue;
    const id = starts.length;
    starts.push(filled);
    let sum = 0;
    label[seed] = id;
    order[filled++] = seed;
    for (let head = starts[id]!; head < filled; head++) {
      const i = order[head]!;
      sum += population[i]!;
      const r = cellRow[i]!;
      const c = cellCol[i]!;
      if (r < 0) continue;
      for (let d = 0; d < 4; d++) {
        const rr = r + (d === 0 ? 1 : d === 1 ? -1 : 0);
        const cc = c + (d === 2 ? 1 : d === 3 ? -1 : 0);
        const j = grid.latticeAt(rr, cc);
        if (j < 0 || label[j] !== -1 || unit[j] !== unit[i] || !isGap(j)) continue;
        label[j] = id;
        order[filled++] = j;
      }
    }
    people.push(sum);
  }
  starts.push(filled);
  const ranked = people.map((_, id) => id);
  ranked.sort(
    (a, b) => people[b]! - people[a]! || starts[b + 1]! - starts[b]! - (starts[a + 1]! - starts[a]!),
  );
  const cellAreaKm2 = cellArea(model);
  const features = ranked.slice(0, limit).map((id, k): GapFeature => {
    const cells = order.subarray(starts[id]!, starts[id + 1]!);
    let wx = 0;
    let wy = 0;
    let w = 0;
    for (const i of cells) {
      const p = population[i]!;
      wx += grid.lng[i]! * p;
      wy += grid.lat[i]! * p;
      w += p;
    }
    const outline = traceOutline(grid, cells);
    const first = cells[0]!;
    return {
      type: 'Feature',
      id: k + 1,
      geometry: { type: 'MultiPolygon', coordinates: outline.coordinates },
      properties: {
        rank: k + 1,
        populationCount: people[id]!,
        cellCount: cells.length,
        areaKm2: Math.round(cells.length * cellAreaKm2 * 1000) / 1000,
        unitCode: grid.units[unit[first]!]!.code,
        centre: [round7(wx / w), round7(wy / w)],
        bbox: outline.bbox,
      },
    };
  });
  return {
    type: 'FeatureCollection',
    features,
    gapCount: people.length,
    populationCount: people.reduce((a, b) => a + b, 0),
  };
}

const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

function cellArea(model: CoverageModel): number {
  const { grid } = model;
  if (grid.n === 0) return 0;
  const i = Math.floor(grid.n / 2);
  return (grid.dLat * grid.kLat[i]! * grid.dLng * grid.kLng[i]!) / 1e6;
}
