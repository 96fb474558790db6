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
import type { CoverageJobStatus, CoverageRequest } from '@hatang/contracts';
import type { Database } from '@hatang/db';
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

export interface CoverageJob {
  jobId: string;
  status: CoverageJobStatus;
  /** 0..1 */
  progress: number;
  step: string;
  startedAt: string;
  finishedAt?: string;
  result?: CoverageResult;
  error?: string;
}

interface CachedModel {
  model: CoverageModel;
  gridVersion: string;
  polygonVersion: string;
  statuses: readonly string[];
  operators: OperatorInfo[];
}

const MAX_MODELS = 3;
const MAX_JOBS = 100;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs coverage jobs one at a time (the engine is CPU-bound; two full builds at once would only
 * share the cores), caches results per data version and request, and keeps up to three models
 * alive so a tower edit updates them by deltas instead of a rebuild.
 */
export class CoverageService {
  private readonly jobs = new Map<string, CoverageJob>();
  private readonly resultJob = new Map<string, string>();
  private readonly models = new Map<string, CachedModel>();
  private grid: { version: string; grid: CellGrid; names: Map<string, string> } | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly db: Database) {}

  /** Starts (or finds the cached) job for `request`; returns its id and state. */
  async start(request: CoverageRequest): Promise<CoverageJob> {
    const version = await readDataVersion(this.db);
    const key = `${requestKey(request)}#${versionKey(version)}`;
    const cached = this.jobs.get(this.resultJob.get(key) ?? '');
    if (cached && cached.status !== 'failed') return cached;
    const job: CoverageJob = {
      jobId: crypto.randomUUID(),
      status: 'running',
      progress: 0,
      step: 'queued',
      startedAt: new Date().toISOString(),
    };
    this.remember(job);
    this.resultJob.set(key, job.jobId);
    this.queue = this.queue.then(() => this.run(job, request, version));
    return job;
  }

  get(jobId: string): CoverageJob | undefined {
    return this.jobs.get(jobId);
  }

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

  private remember(job: CoverageJob) {
    this.jobs.set(job.jobId, job);
    while (this.jobs.size > MAX_JOBS) {
      const oldest = this.jobs.keys().next().value;
      if (oldest === undefined) break;
      this.jobs.delete(oldest);
      for (const [k, id] of this.resultJob) if (id === oldest) this.resultJob.delete(k);
    }
  }

  private async run(job: CoverageJob, request: CoverageRequest, version: CoverageDataVersion) {
    const timings: Record<string, number> = {};
    let mark = performance.now();
    const step = async (name: string, progress: number) => {
      const now = performance.now();
      timings[job.step] = Math.round(now - mark);
      mark = now;
      job.step = name;
      job.progress = progress;
      await yieldToLoop();
    };
    try {
      await step('loading the population grid', 0.02);
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
      const model = await this.modelFor(request, version, grid, towers, statuses, (p) => {
        job.progress = 0.35 + 0.45 * p;
      });
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
      await step('done', 1);
      job.result = {
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
      job.status = 'done';
    } catch (error) {
      console.error(`coverage job ${job.jobId} failed`, error);
      job.status = 'failed';
      job.error = 'The coverage computation failed; see the server log';
    } finally {
      job.finishedAt = new Date().toISOString();
    }
  }

  /** The live model for the request: synced by deltas when it exists, else built in chunks. */
  private async modelFor(
    request: CoverageRequest,
    version: CoverageDataVersion,
    grid: CellGrid,
    towers: TowerInput[],
    statuses: readonly string[],
    onProgress: (share: number) => void,
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
    for (let i = 0; i < towers.length; i += chunk) {
      model.addTowers(towers.slice(i, i + chunk));
      onProgress(Math.min(1, (i + chunk) / towers.length));
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

function requestKey(request: CoverageRequest): string {
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

const services = new WeakMap<Database, CoverageService>();

/** The one coverage service of a database (routes and the tower-change hook share it). */
export function coverageServiceFor(db: Database): CoverageService {
  let service = services.get(db);
  if (!service) {
    service = new CoverageService(db);
    services.set(db, service);
  }
  return service;
}

/**
 * Call after a tower write commits (`before`/`after`: the stored features, null for create /
 * delete). Live coverage models update only the cells within the tower's radii; cached results
 * stay keyed by the old data version, so the next POST /analysis/coverage recomputes from the
 * updated model in milliseconds.
 */
export function onTowerChanged(db: Database, before: unknown, after: unknown): void {
  services.get(db)?.towerChanged(before, after);
}
