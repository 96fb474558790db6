/**
 * The coverage computation itself, in the analysis worker (never on the request thread): loads
 * the grid, towers and polygons, builds or syncs a live model, and summarises it into communes,
 * gaps and candidate sites. Up to three models stay alive so a tower edit updates them by deltas
 * instead of a rebuild.
 */
import {
  type CandidatePlan,
  type CellGrid,
  type CommuneCoverage,
  type CoverageFigures,
  type CoverageGaps,
  CoverageModel,
  candidateSites,
  coverageGaps,
  coverageSummary,
  type TowerInput,
} from '@hatang/analysis';
import type { CoverageRequest } from '@hatang/contracts';
import type { Sql } from '@hatang/db';
import {
  type CoverageDataVersion,
  loadGrid,
  loadOperators,
  loadPolygons,
  loadRestrictedZones,
  loadSiteOffers,
  loadTowers,
  type OperatorInfo,
  readDataVersion,
  versionKey,
} from './coverage-data.js';
import { towerInputOf } from './tower-input.js';

export interface CoverageResult {
  dataVersion: string;
  technology: CoverageRequest['technology'];
  operators: OperatorInfo[];
  summary: { city: CoverageFigures; communes: CommuneCoverage[] };
  gaps: CoverageGaps;
  candidates: CandidatePlan;
  /** Milliseconds per step of this run. */
  timings: Record<string, number>;
}

/** Told each step (0..1 and its name); answers false when the job was cancelled meanwhile. */
export type ProgressReport = (progress: number, step: string) => Promise<boolean>;

/** The job was cancelled (by its owner, or abandoned): stop without a result. */
export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelled';
  }
}

interface CachedModel {
  model: CoverageModel;
  gridVersion: string;
  polygonVersion: string;
  statuses: readonly string[];
  operators: OperatorInfo[];
}

const MAX_MODELS = 3;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class CoverageEngine {
  private readonly models = new Map<string, CachedModel>();
  private grid: { version: string; grid: CellGrid; names: Map<string, string> } | undefined;

  constructor(private readonly db: Sql) {}

  /** Applies a tower write to every live model (only the cells within its radii change). */
  towerChanged(before: unknown, after: unknown): void {
    const next = after ? towerInputOf(after) : null;
    const id = next?.input.id ?? (before ? towerInputOf(before)?.input.id : undefined);
    if (!id) return;
    for (const cached of this.models.values()) {
      const counts = next && cached.statuses.includes(next.status);
      cached.model.setTower(id, counts ? next.input : null);
    }
  }

  async run(request: CoverageRequest, report: ProgressReport): Promise<CoverageResult> {
    const timings: Record<string, number> = {};
    let current = 'queued';
    let mark = performance.now();
    const step = async (name: string, progress: number) => {
      const now = performance.now();
      timings[current] = Math.round(now - mark);
      mark = now;
      current = name;
      if (!(await report(progress, name))) throw new JobCancelled();
    };
    await step('loading the population grid', 0.02);
    const version = await readDataVersion(this.db);
    if (this.grid?.version !== version.grid) {
      this.grid = undefined;
      this.models.clear();
      const loaded = await loadGrid(this.db);
      this.grid = { version: version.grid, ...loaded };
    }
    const { grid, names } = this.grid;
    await step('loading towers', 0.3);
    const statuses = request.statuses ?? ['existing'];
    const towers = await loadTowers(this.db, statuses);
    await step('building the coverage model', 0.35);
    const model = await this.modelFor(request, version, grid, towers, statuses, report);
    await step('summarising', 0.8);
    const summary = coverageSummary(model.model, request.technology);
    await step('tracing gaps', 0.85);
    const gaps = coverageGaps(model.model, request.technology, { limit: request.gapLimit ?? 200 });
    await step('choosing candidate sites', 0.9);
    const excludedAreas = await loadRestrictedZones(this.db);
    const candidates = candidateSites(model.model, {
      excludedAreas,
      offers: await loadSiteOffers(this.db),
      service: request.technology,
      targetPercent: request.targetPercent ?? 100,
      maxSites: request.maxSites ?? 50,
    });
    timings[current] = Math.round(performance.now() - mark);
    return {
      dataVersion: versionKey(version),
      technology: request.technology,
      operators: model.operators,
      summary: {
        city: summary.city,
        communes: summary.communes.map((c) => ({ ...c, name: names.get(c.code) ?? c.code })),
      },
      gaps,
      candidates,
      timings,
    };
  }

  /** The live model for the request: synced by deltas when it exists, else built in chunks. */
  private async modelFor(
    request: CoverageRequest,
    version: CoverageDataVersion,
    grid: CellGrid,
    towers: TowerInput[],
    statuses: readonly string[],
    report: ProgressReport,
  ): Promise<CachedModel> {
    const key = modelKey(request);
    const existing = this.models.get(key);
    if (existing && existing.gridVersion === version.grid && existing.polygonVersion === version.polygons) {
      existing.model.syncTowers(towers);
      this.models.delete(key);
      this.models.set(key, existing);
      return existing;
    }
    const operators = await loadOperators(this.db, request.operators);
    const polygons = await loadPolygons(this.db);
    const model = new CoverageModel(grid, {
      operators: operators.map((o) => o.id),
      radiusOverrides: request.radiusOverrides ?? {},
      polygons,
    });
    const chunk = 500;
    let reported = performance.now();
    for (let i = 0; i < towers.length; i += chunk) {
      model.addTowers(towers.slice(i, i + chunk));
      // Progress (and a look for cancellation) twice a second, not per chunk.
      if (performance.now() - reported > 500) {
        reported = performance.now();
        const share = Math.min(1, (i + chunk) / towers.length);
        if (!(await report(0.35 + 0.45 * share, 'building the coverage model'))) throw new JobCancelled();
      }
      await yieldToLoop();
    }
    // A tower written while this model was being built: catch up before it goes live.
    model.syncTowers(await loadTowers(this.db, statuses));
    const cached: CachedModel = {
      model,
      gridVersion: version.grid,
      polygonVersion: version.polygons,
      statuses,
      operators,
    };
    this.models.set(key, cached);
    while (this.models.size > MAX_MODELS) {
      const oldest = this.models.keys().next().value;
      if (oldest === undefined) break;
      this.models.delete(oldest);
    }
    return cached;
  }
}

/** What makes two models different: operators, radii and the statuses that count. */
function modelKey(request: CoverageRequest): string {
  return JSON.stringify([
    request.operators ? [...request.operators].sort() : null,
    canonical(request.radiusOverrides ?? {}),
    [...(request.statuses ?? ['existing'])].sort(),
  ]);
}

/** What makes two results different: the model and the summary's parameters. */
export function requestKey(request: CoverageRequest): string {
  return JSON.stringify([
    modelKey(request),
    request.technology,
    request.targetPercent ?? 100,
    request.maxSites ?? 50,
    request.gapLimit ?? 200,
  ]);
}

function canonical(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, canonical(v)]),
  );
}
