/**
 * The synthetic street network. Local grids in urban cores: every ward gets a rotated grid
 * (150–250 m spacing by its density) whose blocks are kept only where people live and the block
 * stays on land; communes and special zones get a small grid around their centre. Primary roads
 * join nearby unit centres with gently bent polylines, kept only where the whole line is on land.
 * Every fifth grid line of a core is a named secondary street.
 */
import type { AdminUnit } from './admin-units.js';
import { CsvTable, ewktLineString, type TableCsv } from './csv.js';
import {
  distanceM,
  lerp,
  M_PER_DEG_LAT,
  M_PER_DEG_LNG,
  type Point,
  polylineLengthM,
  round6,
} from './geometry.js';
import type { Land } from './land.js';
import { STREET_NAMES } from './names.js';
import { type PopulationGrid, peopleAt } from './population.js';
import { hashString, type Rng } from './random.js';

export type StreetClass = 'primary' | 'secondary' | 'local';

export interface Street {
  id: string;
  name: string;
  streetClass: StreetClass;
  points: Point[];
  lengthM: number;
  /** Unit whose grid the street belongs to (−1 for primary roads between units). */
  unit: number;
  /** Part of a ward's (urban) grid. */
  urban: boolean;
}

interface Core {
  unit: AdminUnit;
  centre: Point;
  spacing: number;
  /** Half-size of the grid in metres (Infinity: the unit's whole bbox). */
  radius: number;
  /** Minimum people in the 100 m cell under a block's midpoint. */
  minPeople: number;
}

const MAX_BLOCKS_PER_STREET = 14;

function coresFor(units: readonly AdminUnit[]): Core[] {
  return units.map((unit) => {
    const density = unit.population / unit.areaKm2;
    if (unit.unitType === 'ward') {
      const spacing = density > 10_000 ? 150 : density > 3_000 ? 200 : 250;
      return { unit, centre: [unit.label[0], unit.label[1]], spacing, radius: Infinity, minPeople: 22 };
    }
    return { unit, centre: [unit.label[0], unit.label[1]], spacing: 250, radius: 900, minPeople: 12 };
  });
}

/** Deterministic ±`amp` metre jitter for lattice node (i, k) of core `u`. */
function jitter(u: number, i: number, k: number, amp: number): [number, number] {
  const h = hashString(`${i},${k}`, u * 7919);
  return [(((h & 0xffff) / 0xffff) * 2 - 1) * amp, (((h >>> 16) / 0xffff) * 2 - 1) * amp];
}

function gridStreets(core: Core, rng: Rng, land: Land, grid: PopulationGrid, out: Street[]): void {
  const { unit, centre, spacing } = core;
  const angle = rng.range(-0.35, 0.35);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const node = (i: number, k: number): Point => {
    const [jx, jy] = jitter(unit.index, i, k, spacing * 0.08);
    const a = i * spacing + jx;
    const b = k * spacing + jy;
    const x = a * cos - b * sin;
    const y = a * sin + b * cos;
    return round6([centre[0] + x / M_PER_DEG_LNG, centre[1] + y / M_PER_DEG_LAT]);
  };
  // Lattice index ranges covering the area of interest in the rotated frame.
  let corners: [number, number][];
  if (Number.isFinite(core.radius)) {
    const r = core.radius;
    corners = [
      [-r, -r],
      [r, r],
    ];
  } else {
    const x0 = (unit.bbox[0] - centre[0]) * M_PER_DEG_LNG;
    const x1 = (unit.bbox[2] - centre[0]) * M_PER_DEG_LNG;
    const y0 = (unit.bbox[1] - centre[1]) * M_PER_DEG_LAT;
    const y1 = (unit.bbox[3] - centre[1]) * M_PER_DEG_LAT;
    corners = [
      [x0 * cos + y0 * sin, -x0 * sin + y0 * cos],
      [x1 * cos + y0 * sin, -x1 * sin + y0 * cos],
      [x0 * cos + y1 * sin, -x0 * sin + y1 * cos],
      [x1 * cos + y1 * sin, -x1 * sin + y1 * cos],
    ];
  }
  const i0 = Math.floor(Math.min(...corners.map((c) => c[0])) / spacing);
  const i1 = Math.ceil(Math.max(...corners.map((c) => c[0])) / spacing);
  const k0 = Math.floor(Math.min(...corners.map((c) => c[1])) / spacing);
  const k1 = Math.ceil(Math.max(...corners.map((c) => c[1])) / spacing);
  const keep = (a: Point, b: Point): boolean => {
    const mid = lerp(a, b, 0.5);
    if (Number.isFinite(core.radius) && distanceM(mid, centre) > core.radius) return false;
    if (peopleAt(grid, mid[0], mid[1]) < core.minPeople) return false;
    if (land.unitAt(mid[0], mid[1]) !== unit.index) return false;
    return land.segmentOnLand(a, b, 20);
  };
  let numbered = 0;
  // Two families of lines: along i (k fixed) and along k (i fixed).
  for (const family of [0, 1]) {
    const [l0, l1, s0, s1] = family === 0 ? [k0, k1, i0, i1] : [i0, i1, k0, k1];
    for (let line = l0; line <= l1; line++) {
      const secondary = line % 5 === 0;
      let run: Point[] = [];
      const flush = (): void => {
        if (run.length >= 2) {
          numbered++;
          out.push({
            id: rng.uuid(),
            name: secondary ? rng.pick(STREET_NAMES) : `Đường ${numbered}`,
            streetClass: secondary ? 'secondary' : 'local',
            points: run,
            lengthM: polylineLengthM(run),
            unit: unit.index,
            urban: unit.unitType === 'ward',
          });
        }
        run = [];
      };
      for (let s = s0; s < s1; s++) {
        const a = family === 0 ? node(s, line) : node(line, s);
        const b = family === 0 ? node(s + 1, line) : node(line, s + 1);
        if (keep(a, b)) {
          if (run.length === 0) run.push(a);
          run.push(b);
          if (run.length > MAX_BLOCKS_PER_STREET) {
            flush();
            run.push(b);
          }
        } else flush();
      }
      flush();
      if (run.length === 1) run = [];
    }
  }
}

/** A gently bent polyline from a to b with vertices every ~300 m. */
function bentRoad(a: Point, b: Point, bend: number): Point[] {
  const length = distanceM(a, b);
  const steps = Math.max(2, Math.ceil(length / 300));
  const dx = (b[0] - a[0]) * M_PER_DEG_LNG;
  const dy = (b[1] - a[1]) * M_PER_DEG_LAT;
  const points: Point[] = [];
  for (let s = 0; s <= steps; s++) {
    const t = s / steps;
    const p = lerp(a, b, t);
    const off = 4 * t * (1 - t) * bend; // parabola: 0 at both ends, `bend` metres in the middle
    points.push(
      round6([p[0] + (-dy / length) * (off / M_PER_DEG_LNG), p[1] + (dx / length) * (off / M_PER_DEG_LAT)]),
    );
  }
  return points;
}

function primaryRoads(units: readonly AdminUnit[], rng: Rng, land: Land, out: Street[]): void {
  const done = new Set<string>();
  let number = 350;
  for (const u of units) {
    const near = units
      .filter((v) => v !== u)
      .map((v) => ({ v, d: distanceM(u.label, v.label) }))
      .filter((x) => x.d < 12_000)
      .sort((x, y) => x.d - y.d || x.v.index - y.v.index)
      .slice(0, 3);
    for (const { v, d } of near) {
      const key = u.index < v.index ? `${u.index}-${v.index}` : `${v.index}-${u.index}`;
      if (done.has(key)) continue;
      done.add(key);
      const a: Point = [u.label[0], u.label[1]];
      const b: Point = [v.label[0], v.label[1]];
      const bend = rng.range(-0.08, 0.08) * d;
      let points = bentRoad(a, b, bend);
      if (!land.lineOnLand(points, 25)) points = bentRoad(a, b, 0);
      if (!land.lineOnLand(points, 25)) continue;
      number++;
      out.push({
        id: rng.uuid(),
        name: `Đường tỉnh ${number} (demo)`,
        streetClass: 'primary',
        points,
        lengthM: polylineLengthM(points),
        unit: -1,
        urban: false,
      });
    }
  }
}

export function buildStreets(
  units: readonly AdminUnit[],
  land: Land,
  grid: PopulationGrid,
  rng: Rng,
): Street[] {
  const streets: Street[] = [];
  primaryRoads(units, rng, land, streets);
  for (const core of coresFor(units)) gridStreets(core, rng, land, grid, streets);
  return streets;
}

export function streetsCsv(streets: readonly Street[]): TableCsv {
  const table = new CsvTable('streets', ['id', 'name', 'street_class', 'geom']);
  for (const s of streets) table.add([s.id, s.name, s.streetClass, ewktLineString(s.points)]);
  return table.build();
}
