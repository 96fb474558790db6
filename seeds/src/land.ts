/**
 * Point-in-land tests against the 114 unit polygons. Instead of a bbox index plus a per-polygon
 * test, every polygon edge is filed into horizontal latitude bands (0.001°); a query looks only
 * at the edges of its band and casts a ray east, counting crossings per unit (even-odd over all
 * rings, so holes and multi-part units work). A query costs tens of edge tests, not thousands,
 * which keeps the ~10⁶ tests of a seed run well under a second.
 */
import type { AdminUnit } from './admin-units.js';
import type { LngLat } from './csv.js';
import { distanceM, lerp } from './geometry.js';

const BAND_DEG = 0.001;

export class Land {
  readonly units: readonly AdminUnit[];
  private readonly minLat: number;
  private readonly bandCount: number;
  private readonly bandStart: Int32Array;
  private readonly bandEdges: Int32Array;
  private readonly x1: Float64Array;
  private readonly y1: Float64Array;
  private readonly x2: Float64Array;
  private readonly y2: Float64Array;
  private readonly unit: Int16Array;
  private readonly parity: Uint8Array;
  private readonly seen: Uint8Array;
  private readonly touched: Int32Array;

  constructor(units: readonly AdminUnit[]) {
    this.units = units;
    let minLat = Infinity;
    let maxLat = -Infinity;
    let edgeCount = 0;
    for (const u of units) {
      minLat = Math.min(minLat, u.bbox[1]);
      maxLat = Math.max(maxLat, u.bbox[3]);
      for (const polygon of u.polygons) for (const ring of polygon) edgeCount += ring.length;
    }
    this.minLat = minLat - BAND_DEG;
    this.bandCount = Math.ceil((maxLat - this.minLat) / BAND_DEG) + 2;
    this.x1 = new Float64Array(edgeCount);
    this.y1 = new Float64Array(edgeCount);
    this.x2 = new Float64Array(edgeCount);
    this.y2 = new Float64Array(edgeCount);
    this.unit = new Int16Array(edgeCount);
    let n = 0;
    for (const u of units) {
      for (const polygon of u.polygons) {
        for (const ring of polygon) {
          for (let i = 0; i < ring.length; i++) {
            const a = ring[i]!;
            const b = ring[(i + 1) % ring.length]!;
            if (a[1] === b[1]) continue; // horizontal edges never cross an eastward ray
            this.x1[n] = a[0];
            this.y1[n] = a[1];
            this.x2[n] = b[0];
            this.y2[n] = b[1];
            this.unit[n] = u.index;
            n++;
          }
        }
      }
    }
    // Two passes into a compressed band → edges table.
    const counts = new Int32Array(this.bandCount + 1);
    const each = (fn: (band: number, edge: number) => void): void => {
      for (let e = 0; e < n; e++) {
        const lo = this.band(Math.min(this.y1[e]!, this.y2[e]!));
        const hi = this.band(Math.max(this.y1[e]!, this.y2[e]!));
        for (let b = lo; b <= hi; b++) fn(b, e);
      }
    };
    each((b) => {
      counts[b + 1]!++;
    });
    for (let b = 0; b < this.bandCount; b++) counts[b + 1]! += counts[b]!;
    this.bandStart = counts;
    this.bandEdges = new Int32Array(counts[this.bandCount]!);
    const fill = counts.slice(0, this.bandCount);
    each((b, e) => {
      this.bandEdges[fill[b]!++] = e;
    });
    this.parity = new Uint8Array(units.length);
    this.seen = new Uint8Array(units.length);
    this.touched = new Int32Array(units.length);
  }

  private band(lat: number): number {
    return Math.min(this.bandCount - 1, Math.max(0, Math.floor((lat - this.minLat) / BAND_DEG)));
  }

  /** The index of the unit containing the point (lowest index on a shared edge), or −1 at sea. */
  unitAt(lng: number, lat: number): number {
    if (lat < this.minLat || lat > this.minLat + this.bandCount * BAND_DEG) return -1;
    const b = this.band(lat);
    let touchedCount = 0;
    for (let k = this.bandStart[b]!; k < this.bandStart[b + 1]!; k++) {
      const e = this.bandEdges[k]!;
      const ya = this.y1[e]!;
      const yb = this.y2[e]!;
      if (ya > lat === yb > lat) continue;
      const x = this.x1[e]! + ((lat - ya) * (this.x2[e]! - this.x1[e]!)) / (yb - ya);
      if (x > lng) {
        const u = this.unit[e]!;
        if (this.seen[u] === 0) {
          this.seen[u] = 1;
          this.touched[touchedCount++] = u;
        }
        this.parity[u]! ^= 1;
      }
    }
    let found = -1;
    for (let i = 0; i < touchedCount; i++) {
      const u = this.touched[i]!;
      if (this.parity[u] === 1 && (found < 0 || u < found)) found = u;
      this.parity[u] = 0;
      this.seen[u] = 0;
    }
    return found;
  }

  isLand(p: LngLat): boolean {
    return this.unitAt(p[0], p[1]) >= 0;
  }

  /** True when `a`, `b` and points every `stepM` metres between them are all on land. */
  segmentOnLand(a: LngLat, b: LngLat, stepM = 20): boolean {
    if (!this.isLand(a) || !this.isLand(b)) return false;
    const steps = Math.ceil(distanceM(a, b) / stepM);
    for (let i = 1; i < steps; i++) {
      const p = lerp(a, b, i / steps);
      if (this.unitAt(p[0], p[1]) < 0) return false;
    }
    return true;
  }

  /** Every vertex and every segment of `line` on land. */
  lineOnLand(line: readonly LngLat[], stepM = 20): boolean {
    for (let i = 1; i < line.length; i++)
      if (!this.segmentOnLand(line[i - 1]!, line[i]!, stepM)) return false;
    return line.length > 0 && this.isLand(line[0]!);
  }
}
