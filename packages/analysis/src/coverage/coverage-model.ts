import type { CellGrid } from './cell-grid.js';
import { cellsInMultiPolygon, type MultiPolygonCoordinates } from './polygon-cover.js';
import { type RadiusOverrides, type RadiusTable, radiusTable, servingRadiusM } from './radius-table.js';
import {
  type Environment,
  SERVICE_COUNT,
  SERVICE_OF_TECH,
  TECH_COUNT,
  TECHNOLOGIES,
  type Technology,
  technologyOf,
} from './technology.js';

export interface TenancyInput {
  operatorId: string;
  /** As stored: '2G' | '3G' | '4G' | '5G' ('5G' is 5G-sub6), or a model technology. */
  technologies: readonly string[];
  /** Antenna mount height above ground, metres. */
  mountHeightM: number;
}

/** A tower as the model sees it. Position `[lng, lat]` WGS 84. */
export interface TowerInput {
  id: string;
  lng: number;
  lat: number;
  /** The commune the tower stands in (decides its environment); looked up from the grid if absent. */
  unitCode?: string | null;
  /** Top of the antenna structure above ground (mast + building), metres: a new tenant's mount height. */
  heightM: number;
  tenantsMax: number;
  tenancies: readonly TenancyInput[];
}

/** An operator's own coverage for one technology: replaces the radius model for that pair. */
export interface CoveragePolygonInput {
  operatorId: string;
  technology: Technology;
  multiPolygon: MultiPolygonCoordinates;
}

export interface CoverageModelOptions {
  /** Operators (organisation ids) that count; tenancies of others are ignored. */
  operators: readonly string[];
  radiusOverrides?: RadiusOverrides;
  polygons?: readonly CoveragePolygonInput[];
}

/**
 * Per-cell coverage state: for every operator × technology ("layer") how many of its sites
 * cover each cell, and for every service how many operators do; per-commune covered population
 * kept up to date by deltas, so adding, moving or removing a tower touches only the cells within
 * its radii.
 */
export class CoverageModel {
  readonly grid: CellGrid;
  readonly operators: readonly string[];
  readonly table: RadiusTable;
  /** Sites covering each cell, per layer (operator × technology): `counts[layer·n + cell]`. */
  readonly counts: Uint16Array;
  /** Operators covering each cell, per service: `anyOperators[service·n + cell]`. */
  readonly anyOperators: Uint8Array;
  /** Covered people per unit × operator × service. */
  readonly unitOperatorService: Float64Array;
  /** People covered by at least one operator / by exactly one, per unit × service. */
  readonly unitAny: Float64Array;
  readonly unitSingle: Float64Array;
  private readonly operatorIndex = new Map<string, number>();
  private readonly unitIndex = new Map<string, number>();
  private readonly polygonLayer: Uint8Array;
  private readonly towers = new Map<string, { tower: TowerInput; fingerprint: string }>();
  private readonly buffer: Int32Array;

  constructor(grid: CellGrid, options: CoverageModelOptions) {
    this.grid = grid;
    this.operators = [...new Set(options.operators)];
    if (this.operators.length > 255) throw new RangeError('at most 255 operators');
    this.operators.forEach((id, i) => {
      this.operatorIndex.set(id, i);
    });
    grid.units.forEach((u, i) => {
      this.unitIndex.set(u.code, i);
    });
    this.table = radiusTable(options.radiusOverrides);
    const layers = this.operators.length * TECH_COUNT;
    const n = grid.n;
    this.counts = new Uint16Array(layers * n);
    this.anyOperators = new Uint8Array(SERVICE_COUNT * n);
    this.unitOperatorService = new Float64Array(grid.units.length * this.operators.length * SERVICE_COUNT);
    this.unitAny = new Float64Array(grid.units.length * SERVICE_COUNT);
    this.unitSingle = new Float64Array(grid.units.length * SERVICE_COUNT);
    this.polygonLayer = new Uint8Array(layers);
    this.buffer = new Int32Array(n);
    for (const polygon of options.polygons ?? []) {
      const op = this.operatorIndex.get(polygon.operatorId);
      if (op === undefined) continue;
      const layer = op * TECH_COUNT + TECHNOLOGIES.indexOf(polygon.technology);
      this.polygonLayer[layer] = 1;
      const cells = cellsInMultiPolygon(grid, polygon.multiPolygon);
      this.buffer.set(cells);
      this.applyCells(layer, cells.length, 1);
    }
  }

  /** The operator's index in `operators`, or undefined when it does not count. */
  operatorAt(id: string): number | undefined {
    return this.operatorIndex.get(id);
  }

  /** The environment a tower's radii are drawn for: its commune's, else the cell's under it. */
  towerEnvironment(tower: Pick<TowerInput, 'lng' | 'lat' | 'unitCode'>): Environment {
    const byCode = tower.unitCode ? this.unitIndex.get(tower.unitCode) : undefined;
    const unit = byCode ?? this.unitOfPoint(tower.lng, tower.lat);
    return unit === undefined ? 'suburban' : this.grid.unitEnvironment[unit]!;
  }

  private unitOfPoint(lng: number, lat: number): number | undefined {
    const cell = this.grid.cellAt(lng, lat);
    return cell >= 0 ? this.grid.unit[cell] : undefined;
  }

  /** Adds towers (an id already present is replaced). */
  addTowers(towers: readonly TowerInput[]): void {
    for (const tower of towers) this.setTower(tower.id, tower);
  }

  /**
   * Replaces tower `id` by `next` (null: removes it), recomputing only the cells within the old
   * and new radii. Returns the number of cell updates made.
   */
  setTower(id: string, next: TowerInput | null): number {
    let touched = 0;
    const current = this.towers.get(id);
    if (current) {
      touched += this.applyTower(current.tower, -1);
      this.towers.delete(id);
    }
    if (next) {
      touched += this.applyTower(next, 1);
      this.towers.set(id, { tower: next, fingerprint: fingerprint(next) });
    }
    return touched;
  }

  /**
   * Brings the model to `towers` (the full current list): applies only the towers that were
   * added, changed or removed. Returns how many towers changed.
   */
  syncTowers(towers: readonly TowerInput[]): number {
    let changed = 0;
    const seen = new Set<string>();
    for (const tower of towers) {
      seen.add(tower.id);
      if (this.towers.get(tower.id)?.fingerprint === fingerprint(tower)) continue;
      this.setTower(tower.id, tower);
      changed++;
    }
    for (const id of [...this.towers.keys()]) {
      if (!seen.has(id)) {
        this.setTower(id, null);
        changed++;
      }
    }
    return changed;
  }

  /** The towers in the model (as last set). */
  towerList(): TowerInput[] {
    return [...this.towers.values()].map((t) => t.tower);
  }

  get towerCount(): number {
    return this.towers.size;
  }

  private applyTower(tower: TowerInput, delta: 1 | -1): number {
    const env = this.towerEnvironment(tower);
    let touched = 0;
    for (const tenancy of tower.tenancies) {
      const op = this.operatorIndex.get(tenancy.operatorId);
      if (op === undefined) continue;
      const techs = new Set(tenancy.technologies.map(technologyOf));
      for (const tech of techs) {
        if (!tech) continue;
        const layer = op * TECH_COUNT + TECHNOLOGIES.indexOf(tech);
        if (this.polygonLayer[layer]) continue;
        const radius = servingRadiusM(this.table, tech, env, tenancy.mountHeightM);
        const count = this.grid.within(tower.lng, tower.lat, radius, this.buffer);
        this.applyCells(layer, count, delta);
        touched += count;
      }
    }
    return touched;
  }

  /** Adds `delta` to `layer` at the first `count` cells of the buffer, keeping the tallies. */
  private applyCells(layer: number, count: number, delta: 1 | -1): void {
    const { n, population, unit } = this.grid;
    const ops = this.operators.length;
    const op = Math.floor(layer / TECH_COUNT);
    const tech = layer % TECH_COUNT;
    const service = SERVICE_OF_TECH[tech]!;
    // 5G-sub6 and 5G-mmWave give the same service: the other one's layer, or −1.
    const sibling = tech === 3 ? layer + 1 : tech === 4 ? layer - 1 : -1;
    const counts = this.counts;
    const any = this.anyOperators;
    const base = layer * n;
    const anyBase = service * n;
    for (let k = 0; k < count; k++) {
      const i = this.buffer[k]!;
      const before = counts[base + i]!;
      const after = before + delta;
      counts[base + i] = after;
      if (before !== 0 && after !== 0) continue;
      if (sibling >= 0 && counts[sibling * n + i]! > 0) continue;
      const people = population[i]!;
      const u = unit[i]!;
      const slot = u * SERVICE_COUNT + service;
      this.unitOperatorService[(u * ops + op) * SERVICE_COUNT + service]! += delta * people;
      const operators = any[anyBase + i]! + delta;
      any[anyBase + i] = operators;
      if (delta > 0) {
        if (operators === 1) {
          this.unitAny[slot]! += people;
          this.unitSingle[slot]! += people;
        } else if (operators === 2) this.unitSingle[slot]! -= people;
      } else if (operators === 0) {
        this.unitAny[slot]! -= people;
        this.unitSingle[slot]! -= people;
      } else if (operators === 1) this.unitSingle[slot]! += people;
    }
  }

  /** True when at least one counted operator gives `service` (index into SERVICES) at `cell`. */
  isCovered(service: number, cell: number): boolean {
    return this.anyOperators[service * this.grid.n + cell]! > 0;
  }

  /** Bytes of the per-cell state (counts, operator tallies, scratch) plus the grid's index. */
  get byteLength(): number {
    return (
      this.grid.byteLength +
      this.counts.byteLength +
      this.anyOperators.byteLength +
      this.buffer.byteLength +
      this.unitOperatorService.byteLength +
      this.unitAny.byteLength +
      this.unitSingle.byteLength
    );
  }
}

function fingerprint(t: TowerInput): string {
  const tenancies = t.tenancies
    .map((x) => `${x.operatorId}:${[...x.technologies].sort().join('+')}@${x.mountHeightM}`)
    .sort()
    .join(',');
  return `${t.lng},${t.lat},${t.unitCode ?? ''},${t.heightM},${t.tenantsMax},${tenancies}`;
}
