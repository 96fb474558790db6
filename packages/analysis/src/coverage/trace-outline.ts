import type { CellGrid } from './cell-grid.js';

export interface Outline {
  /** GeoJSON MultiPolygon coordinates, `[lng, lat]`, outer rings counter-clockwise. */
  coordinates: [number, number][][][];
  bbox: [number, number, number, number];
}

// Directions on the lattice of cell corners: right (+col), up (+row), left, down.
const DC = [1, 0, -1, 0];
const DR = [0, 1, 0, -1];

/**
 * The union of the cells' lattice squares as a MultiPolygon, traced along the grid: every cell
 * side without a neighbour in the set is a boundary edge, oriented with the set on its left, and
 * the edges chain into rings (at a corner where two sets of edges meet, the left turn is taken so
 * rings never cross). Counter-clockwise rings are outers, clockwise ones holes, each hole going
 * to the smallest outer around it. Straight runs collapse to their ends. Cells off the lattice
 * become their own square. O(cells).
 */
export function traceOutline(grid: CellGrid, cells: ArrayLike<number>): Outline {
  const members = new Set<number>();
  const loose: number[] = [];
  const W = grid.cols + 1;
  for (let k = 0; k < cells.length; k++) {
    const i = cells[k]!;
    if (grid.cellRow[i]! < 0) loose.push(i);
    else members.add(grid.cellRow[i]! * grid.cols + grid.cellCol[i]!);
  }
  const has = (r: number, c: number) =>
    r >= 0 && c >= 0 && r < grid.rows && c < grid.cols && members.has(r * grid.cols + c);
  // Outgoing edges per corner (corner key = row·W + col, corner (r, c) is the cell's lower left).
  const out = new Map<number, number[]>();
  const addEdge = (r: number, c: number, d: number) => {
    const key = r * W + c;
    const list = out.get(key);
    if (list) list.push(d);
    else out.set(key, [d]);
  };
  for (const key of members) {
    const r = Math.floor(key / grid.cols);
    const c = key % grid.cols;
    if (!has(r - 1, c)) addEdge(r, c, 0);
    if (!has(r, c + 1)) addEdge(r, c + 1, 1);
    if (!has(r + 1, c)) addEdge(r + 1, c + 1, 2);
    if (!has(r, c - 1)) addEdge(r + 1, c, 3);
  }
  const rings: [number, number][][] = [];
  for (const [startKey, list] of out) {
    while (list.length > 0) {
      const ring: [number, number][] = [];
      let key = startKey;
      let d = list.pop()!;
      const startDir = d;
      let r = Math.floor(key / W);
      let c = key % W;
      ring.push([r, c]);
      for (;;) {
        r += DR[d]!;
        c += DC[d]!;
        key = r * W + c;
        const next = out.get(key) ?? [];
        const atStart = key === startKey;
        // Prefer a left turn, then straight on, then right; back at the start, the unused start
        // edge competes too, and choosing it closes the ring.
        let nd = -1;
        for (const turn of [1, 0, 3]) {
          const want = (d + turn) % 4;
          if (atStart && want === startDir) break;
          if (next.includes(want)) {
            nd = want;
            break;
          }
        }
        if (nd < 0) break;
        next.splice(next.indexOf(nd), 1);
        if (nd !== d) ring.push([r, c]);
        d = nd;
      }
      for (const simple of splitAtRepeats(ring)) if (simple.length >= 4) rings.push(simple);
    }
  }
  const toLngLat = ([r, c]: [number, number]): [number, number] => [
    round7(grid.lng0 + (c - 0.5) * grid.dLng),
    round7(grid.lat0 + (r - 0.5) * grid.dLat),
  ];
  const outers: { ring: [number, number][]; area: number; holes: [number, number][][] }[] = [];
  const holes: [number, number][][] = [];
  for (const ring of rings) {
    const area = signedArea(ring);
    if (area > 0) outers.push({ ring, area, holes: [] });
    else holes.push(ring);
  }
  for (const hole of holes) {
    // A point just inside the set, left of the hole's first edge, lies in the outer that owns it.
    const [r0, c0] = hole[0]!;
    const [r1, c1] = hole[1]!;
    const dr = Math.sign(r1 - r0);
    const dc = Math.sign(c1 - c0);
    const probe: [number, number] = [r0 + dr * 0.5 + dc * 0.25, c0 + dc * 0.5 - dr * 0.25];
    let owner: (typeof outers)[number] | undefined;
    for (const o of outers) {
      if ((!owner || o.area < owner.area) && contains(o.ring, probe)) owner = o;
    }
    owner?.holes.push(hole);
  }
  const coordinates: [number, number][][][] = outers.map((o) => [
    close(o.ring.map(toLngLat)),
    ...o.holes.map((h) => close(h.map(toLngLat))),
  ]);
  for (const i of loose) {
    const [x, y, hx, hy] = [grid.lng[i]!, grid.lat[i]!, grid.dLng / 2, grid.dLat / 2];
    coordinates.push([
      close([
        [round7(x - hx), round7(y - hy)],
        [round7(x + hx), round7(y - hy)],
        [round7(x + hx), round7(y + hy)],
        [round7(x - hx), round7(y + hy)],
      ]),
    ]);
  }
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (const polygon of coordinates) {
    for (const [x, y] of polygon[0]!) {
      if (x < minLng) minLng = x;
      if (x > maxLng) maxLng = x;
      if (y < minLat) minLat = y;
      if (y > maxLat) maxLat = y;
    }
  }
  return { coordinates, bbox: [minLng, minLat, maxLng, maxLat] };
}

const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

/**
 * Splits a ring that passes a corner twice (two cells of the set touching diagonally) into
 * simple rings: OGC forbids a ring touching itself, but allows an outer and a hole, or two
 * polygons, to touch at a point.
 */
function splitAtRepeats(ring: [number, number][]): [number, number][][] {
  const out: [number, number][][] = [];
  const stack: [number, number][] = [];
  const at = new Map<string, number>();
  for (const v of ring) {
    const key = `${v[0]},${v[1]}`;
    const j = at.get(key);
    if (j === undefined) {
      at.set(key, stack.length);
      stack.push(v);
      continue;
    }
    const loop = stack.splice(j);
    for (const w of loop) at.delete(`${w[0]},${w[1]}`);
    out.push(loop);
    at.set(key, stack.length);
    stack.push(v);
  }
  out.push(stack);
  return out;
}
const close = (ring: [number, number][]) => [...ring, ring[0]!];

/** Twice the signed area in lattice units ([row, col] as [y, x]): > 0 counter-clockwise. */
function signedArea(ring: readonly [number, number][]): number {
  let sum = 0;
  for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
    const [ya, xa] = ring[a]!;
    const [yb, xb] = ring[b]!;
    sum += xb * ya - xa * yb;
  }
  return sum;
}

function contains(ring: readonly [number, number][], [y, x]: [number, number]): boolean {
  let inside = false;
  for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
    const [ya, xa] = ring[a]!;
    const [yb, xb] = ring[b]!;
    if (ya > y !== yb > y && x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) inside = !inside;
  }
  return inside;
}
