import { metresPerDegreeLat, metresPerDegreeLng } from './local-metric.js';
import type { Environment } from './technology.js';

export type AdminUnitType = 'ward' | 'commune' | 'special_zone';

export interface AdminUnitInput {
  code: string;
  unitType: AdminUnitType;
  name?: string;
}

/** Population cells as columns: centre `[lng, lat]` (WGS 84), people, index into `units`. */
export interface CellsInput {
  lng: ArrayLike<number>;
  lat: ArrayLike<number>;
  population: ArrayLike<number>;
  unitIndex: ArrayLike<number>;
  /** Lattice spacing in degrees; inferred from the centres when omitted. */
  spacing?: { dLng: number; dLat: number };
}

export interface EnvironmentOptions {
  /**
   * A commune (xã) whose cells hold at least this many people per km² is suburban, else rural.
   * Default 1,500/km²: the density of an "urban centre" in the EU/UN degree of urbanisation
   * (DEGURBA), which in the Red River delta separates town-like communes from villages among
   * fields (rural communes there still reach 800–1,200/km²). Wards (phường) are urban, special
   * zones (đặc khu: Cát Hải, Bạch Long Vĩ) rural whatever their density.
   */
  suburbanDensityPerKm2?: number;
}

export const DEFAULT_SUBURBAN_DENSITY_PER_KM2 = 1500;
const BUCKET_DEG = 0.005;

/**
 * The population grid with what coverage needs: per-cell metric scales, a bucket index for disc
 * queries (grid arithmetic, no pairwise loops), the lattice for adjacency, and the environment
 * of each admin unit.
 */
export class CellGrid {
  readonly n: number;
  readonly lng: Float64Array;
  readonly lat: Float64Array;
  readonly population: Int32Array;
  readonly unit: Uint16Array;
  /** Metres per degree of latitude / longitude at each cell. */
  readonly kLat: Float64Array;
  readonly kLng: Float64Array;
  readonly units: readonly AdminUnitInput[];
  readonly unitEnvironment: Environment[];
  readonly unitPopulation: Float64Array;
  readonly unitCellCount: Int32Array;
  readonly totalPopulation: number;
  // Lattice: cell (row, col) ↔ index; −1 for a centre off the lattice (a unit's lone label cell).
  readonly dLng: number;
  readonly dLat: number;
  readonly lng0: number;
  readonly lat0: number;
  readonly rows: number;
  readonly cols: number;
  readonly cellRow: Int32Array;
  readonly cellCol: Int32Array;
  // Bucket index (CSR): cells sorted by BUCKET_DEG square.
  private readonly bx: number;
  private readonly by: number;
  private readonly minLng: number;
  private readonly minLat: number;
  /** Bucket key (row · bx + column) of each cell in `bucketCells`, ascending. */
  private readonly bucketKeys: Float64Array;
  private readonly bucketCells: Int32Array;
  /** Dense lattice (rows × cols → cell) when compact, else a map. */
  private readonly latticeDense: Int32Array | undefined;
  private readonly latticeSparse: Map<number, number> | undefined;

  constructor(cells: CellsInput, units: readonly AdminUnitInput[], options: EnvironmentOptions = {}) {
    const n = cells.lng.length;
    this.n = n;
    this.units = units;
    this.lng = Float64Array.from(cells.lng);
    this.lat = Float64Array.from(cells.lat);
    this.population = Int32Array.from(cells.population);
    this.unit = Uint16Array.from(cells.unitIndex);
    this.kLat = new Float64Array(n);
    this.kLng = new Float64Array(n);
    this.unitPopulation = new Float64Array(units.length);
    this.unitCellCount = new Int32Array(units.length);
    let minLng = Infinity;
    let minLat = Infinity;
    let maxLng = -Infinity;
    let maxLat = -Infinity;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const lat = this.lat[i]!;
      const lng = this.lng[i]!;
      this.kLat[i] = metresPerDegreeLat(lat);
      this.kLng[i] = metresPerDegreeLng(lat);
      if (lng < minLng) minLng = lng;
      if (lng > maxLng) maxLng = lng;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
      const u = this.unit[i]!;
      if (u >= units.length) throw new RangeError(`cell ${i} refers to unit ${u} of ${units.length}`);
      this.unitPopulation[u]! += this.population[i]!;
      this.unitCellCount[u]! += 1;
      total += this.population[i]!;
    }
    if (n === 0) minLng = minLat = maxLng = maxLat = 0;
    this.totalPopulation = total;
    this.minLng = minLng;
    this.minLat = minLat;

    // Buckets: cells sorted by bucket key, so a row of buckets is one binary search away and
    // memory stays O(cells) however far apart the cells are.
    this.bx = Math.max(1, Math.floor((maxLng - minLng) / BUCKET_DEG) + 1);
    this.by = Math.max(1, Math.floor((maxLat - minLat) / BUCKET_DEG) + 1);
    const keyOf = new Float64Array(n);
    for (let i = 0; i < n; i++) keyOf[i] = this.bucket(this.lng[i]!, this.lat[i]!);
    this.bucketCells = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => keyOf[a]! - keyOf[b]!);
    this.bucketKeys = Float64Array.from(this.bucketCells, (i) => keyOf[i]!);

    // Lattice.
    const spacing = cells.spacing ?? { dLng: inferSpacing(this.lng), dLat: inferSpacing(this.lat) };
    this.dLng = spacing.dLng;
    this.dLat = spacing.dLat;
    this.lng0 = minLng + latticeOffset(this.lng, minLng, this.dLng) * this.dLng;
    this.lat0 = minLat + latticeOffset(this.lat, minLat, this.dLat) * this.dLat;
    this.cols = Math.max(1, Math.round((maxLng - this.lng0) / this.dLng) + 1);
    this.rows = Math.max(1, Math.round((maxLat - this.lat0) / this.dLat) + 1);
    this.cellRow = new Int32Array(n).fill(-1);
    this.cellCol = new Int32Array(n).fill(-1);
    const dense = this.rows * this.cols <= 4 * n + 1_000_000;
    this.latticeDense = dense ? new Int32Array(this.rows * this.cols).fill(-1) : undefined;
    this.latticeSparse = dense ? undefined : new Map();
    for (let i = 0; i < n; i++) {
      const x = (this.lng[i]! - this.lng0) / this.dLng;
      const y = (this.lat[i]! - this.lat0) / this.dLat;
      const col = Math.round(x);
      const row = Math.round(y);
      if (Math.abs(x - col) > 0.05 || Math.abs(y - row) > 0.05) continue;
      if (row < 0 || col < 0 || row >= this.rows || col >= this.cols) continue;
      if (this.latticeAt(row, col) !== -1) continue;
      const key = row * this.cols + col;
      if (this.latticeDense) this.latticeDense[key] = i;
      else this.latticeSparse?.set(key, i);
      this.cellRow[i] = row;
      this.cellCol[i] = col;
    }

    // Environment per unit.
    const threshold = options.suburbanDensityPerKm2 ?? DEFAULT_SUBURBAN_DENSITY_PER_KM2;
    const midLat = (minLat + maxLat) / 2;
    const cellAreaKm2 =
      (this.dLat * metresPerDegreeLat(midLat) * this.dLng * metresPerDegreeLng(midLat)) / 1e6;
    this.unitEnvironment = units.map((u, index) => {
      if (u.unitType === 'ward') return 'urban';
      if (u.unitType === 'special_zone') return 'rural';
      const cellsOfUnit = this.unitCellCount[index]!;
      const density = cellsOfUnit > 0 ? this.unitPopulation[index]! / (cellsOfUnit * cellAreaKm2) : 0;
      return density >= threshold ? 'suburban' : 'rural';
    });
  }

  private bucket(lng: number, lat: number): number {
    const x = Math.min(this.bx - 1, Math.max(0, Math.floor((lng - this.minLng) / BUCKET_DEG)));
    const y = Math.min(this.by - 1, Math.max(0, Math.floor((lat - this.minLat) / BUCKET_DEG)));
    return y * this.bx + x;
  }

  /**
   * Writes into `out` the cells whose centres lie within `radiusM` metres of `[lng, lat]`
   * (local ellipsoidal metric, see local-metric.ts) and returns how many. `out` must hold `n`.
   */
  within(lng: number, lat: number, radiusM: number, out: Int32Array): number {
    if (this.n === 0) return 0;
    const kLat0 = metresPerDegreeLat(lat);
    const kLng0 = metresPerDegreeLng(lat);
    // Conservative degree box: the smallest scales over the box (kLng shrinks poleward).
    const dLatDeg = (radiusM / (kLat0 * 0.999)) * 1.001;
    const poleward = Math.min(89, Math.abs(lat) + dLatDeg);
    const dLngDeg = (radiusM / (metresPerDegreeLng(poleward) * 0.999)) * 1.001;
    const x0 = Math.max(0, Math.floor((lng - dLngDeg - this.minLng) / BUCKET_DEG));
    const x1 = Math.min(this.bx - 1, Math.floor((lng + dLngDeg - this.minLng) / BUCKET_DEG));
    const y0 = Math.max(0, Math.floor((lat - dLatDeg - this.minLat) / BUCKET_DEG));
    const y1 = Math.min(this.by - 1, Math.floor((lat + dLatDeg - this.minLat) / BUCKET_DEG));
    if (x0 > x1 || y0 > y1) return 0;
    const r2 = radiusM * radiusM;
    const { bucketCells, lng: lngs, lat: lats, kLat, kLng } = this;
    let count = 0;
    for (let y = y0; y <= y1; y++) {
      const end = this.lowerBound(y * this.bx + x1 + 1);
      for (let k = this.lowerBound(y * this.bx + x0); k < end; k++) {
        const i = bucketCells[k]!;
        const dy = (lats[i]! - lat) * (kLat[i]! + kLat0) * 0.5;
        if (dy > radiusM || dy < -radiusM) continue;
        const dx = (lngs[i]! - lng) * (kLng[i]! + kLng0) * 0.5;
        if (dx * dx + dy * dy <= r2) out[count++] = i;
      }
    }
    return count;
  }

  /** Writes into `out` the cells whose centres lie in the degree box and returns how many. */
  inBox(minLng: number, minLat: number, maxLng: number, maxLat: number, out: Int32Array): number {
    if (this.n === 0) return 0;
    const x0 = Math.max(0, Math.floor((minLng - this.minLng) / BUCKET_DEG));
    const x1 = Math.min(this.bx - 1, Math.floor((maxLng - this.minLng) / BUCKET_DEG));
    const y0 = Math.max(0, Math.floor((minLat - this.minLat) / BUCKET_DEG));
    const y1 = Math.min(this.by - 1, Math.floor((maxLat - this.minLat) / BUCKET_DEG));
    let count = 0;
    for (let y = y0; y <= y1; y++) {
      if (x0 > x1) break;
      const end = this.lowerBound(y * this.bx + x1 + 1);
      for (let k = this.lowerBound(y * this.bx + x0); k < end; k++) {
        const i = this.bucketCells[k]!;
        const lng = this.lng[i]!;
        const lat = this.lat[i]!;
        if (lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat) out[count++] = i;
      }
    }
    return count;
  }

  /** The first position in the sorted buckets whose key is ≥ `key`. */
  private lowerBound(key: number): number {
    let lo = 0;
    let hi = this.n;
    const keys = this.bucketKeys;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The cell at lattice (row, col), or −1. */
  latticeAt(row: number, col: number): number {
    if (row < 0 || col < 0 || row >= this.rows || col >= this.cols) return -1;
    const key = row * this.cols + col;
    return this.latticeDense ? this.latticeDense[key]! : (this.latticeSparse?.get(key) ?? -1);
  }

  /** The cell whose lattice square contains `[lng, lat]`, or −1. */
  cellAt(lng: number, lat: number): number {
    return this.latticeAt(
      Math.round((lat - this.lat0) / this.dLat),
      Math.round((lng - this.lng0) / this.dLng),
    );
  }

  /** Bytes held by the grid's typed arrays. */
  get byteLength(): number {
    return (
      [
        this.lng,
        this.lat,
        this.population,
        this.unit,
        this.kLat,
        this.kLng,
        this.cellRow,
        this.cellCol,
        this.bucketKeys,
        this.bucketCells,
        ...(this.latticeDense ? [this.latticeDense] : []),
      ].reduce((sum, a) => sum + a.byteLength, 0) +
      (this.latticeSparse?.size ?? 0) * 40
    );
  }
}

/** The most common gap between consecutive distinct values (the lattice step), in degrees. */
function inferSpacing(values: Float64Array): number {
  const distinct = [...new Set(Array.from(values, (v) => Math.round(v * 1e7)))].sort((a, b) => a - b);
  const counts = new Map<number, number>();
  for (let i = 1; i < distinct.length; i++) {
    const gap = distinct[i]! - distinct[i - 1]!;
    counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let best = 9000;
  let bestCount = 0;
  for (const [gap, count] of counts) {
    if (count > bestCount || (count === bestCount && gap < best)) {
      best = gap;
      bestCount = count;
    }
  }
  return best / 1e7;
}

/** The fractional offset (0..1) of the lattice from `min`, by majority of the centres. */
function latticeOffset(values: Float64Array, min: number, step: number): number {
  const counts = new Map<number, number>();
  for (const v of values) {
    const r = Math.round((((v - min) / step) % 1) * 20) % 20;
    counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = -1;
  for (const [r, count] of counts) {
    if (count > bestCount) {
      best = r;
      bestCount = count;
    }
  }
  return best / 20;
}
