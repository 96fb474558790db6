import {
  CoverageModel,
  computeIndicators,
  coverageAtMilestones,
  PLANNED_SITES_OPERATOR,
} from '@hatang/analysis';
import {
  FTTH_PROXY_DEFAULTS,
  type FtthProxyParams,
  type IndicatorReport,
  MILESTONE_YEARS,
} from '@hatang/contracts';
import { type Database, orm } from '@hatang/db';
import { adminUnits } from '@hatang/db/schema';
import { eq } from 'drizzle-orm';
import { notFound } from '../../errors.js';
import {
  loadGrid,
  loadOperators,
  loadPolygons,
  loadTowers,
  readDataVersion,
} from '../analysis/coverage-data.js';
import { FtthProxy } from '../ftth/ftth-proxy.js';
import { latestFigures, readFtthVersion } from '../ftth/ftth-repository.js';
import { fiberFactsOf } from '../ftth/ftth-summary.js';
import {
  type AreaCode,
  loadItemFacts,
  loadPlannedSites,
  loadRegisterFacts,
  readRegisterVersion,
} from './indicator-repository.js';
import { loadKeySiteFacts } from './key-site-data.js';

export interface VersionRef {
  id: string;
  name: string;
  kind: string;
  /** `plan_versions.version`: bumped by every change to the version's content. */
  version: number;
}

interface LiveModel {
  gridKey: string;
  towersKey: string;
  model: CoverageModel;
  names: Map<string, string>;
}

/** Every commune's register report (the public page) and room for versions and the city. */
const MAX_REPORTS = 400;

/**
 * Computes indicator reports and caches them by what they depend on: the register's data
 * version, the plan version's content version and the area. The coverage part keeps one live
 * model of the register's existing towers (built once, ~seconds for the 100 m grid; synced by
 * tower deltas afterwards); a version's new sites are added to it and taken out again, which
 * touches only the cells around them.
 */
export class IndicatorService {
  private live: LiveModel | undefined;
  /** The model being built and for which grid key (concurrent first requests share it). */
  private building: { gridKey: string; model: Promise<LiveModel> } | undefined;
  private readonly cache = new Map<string, IndicatorReport>();
  /** Fibre to the home's proxy (households within reach of fibre), shared with the FTTH summary. */
  readonly ftth: FtthProxy;

  constructor(private readonly db: Database) {
    this.ftth = new FtthProxy(db);
  }

  async report(
    area: AreaCode,
    version: VersionRef | null,
    ftthParams: FtthProxyParams = FTTH_PROXY_DEFAULTS,
  ): Promise<IndicatorReport> {
    const [report] = await this.reports(area === null ? [null] : [area], version, ftthParams);
    if (!report) throw new Error('no indicator report');
    return report;
  }

  /**
   * The reports of several areas for one version, reading the data versions once (the public
   * page's table asks for every commune: 114 reads of the population grid's fingerprint would
   * cost more than the reports themselves when they are cached).
   */
  async reports(
    areas: readonly AreaCode[],
    version: VersionRef | null,
    ftthParams: FtthProxyParams = FTTH_PROXY_DEFAULTS,
  ): Promise<IndicatorReport[]> {
    const mark = performance.now();
    const coverageVersion = await readDataVersion(this.db);
    const registerVersion = await readRegisterVersion(this.db);
    const ftthVersion = await readFtthVersion(this.db);
    const dataVersionMs = Math.round(performance.now() - mark);
    const out: IndicatorReport[] = [];
    for (const area of areas) {
      const commune = area ? await this.commune(area) : null;
      const timings: Record<string, number> = { dataVersion: dataVersionMs };
      out.push(
        await this.reportAt(
          area,
          commune,
          version,
          { coverageVersion, registerVersion, ftthVersion },
          ftthParams,
          timings,
        ),
      );
    }
    return out;
  }

  private async reportAt(
    area: AreaCode,
    commune: { code: string; name: string } | null,
    version: VersionRef | null,
    versions: {
      coverageVersion: Awaited<ReturnType<typeof readDataVersion>>;
      registerVersion: string;
      ftthVersion: Awaited<ReturnType<typeof readFtthVersion>>;
    },
    ftthParams: FtthProxyParams,
    timings: Record<string, number>,
  ): Promise<IndicatorReport> {
    const { coverageVersion, registerVersion, ftthVersion } = versions;
    let mark = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      timings[name] = Math.round(now - mark);
      mark = now;
    };
    const key = JSON.stringify([
      area,
      version ? [version.id, version.version] : null,
      coverageVersion.grid,
      coverageVersion.polygons,
      coverageVersion.towers,
      registerVersion,
      ftthVersion,
      ftthParams,
    ]);
    const cached = this.cache.get(key);
    if (cached) return { ...cached, cached: true, timingsMs: { ...timings } };

    const register = await loadRegisterFacts(this.db, area);
    lap('register');
    const items = version ? await loadItemFacts(this.db, version.id, area) : null;
    const sites = version ? await loadPlannedSites(this.db, version.id) : null;
    lap('items');
    // A new operator on air needs a model that counts it: part of the rebuild key.
    const operators = (await loadOperators(this.db)).map((o) => o.id);
    const gridKey = `${coverageVersion.grid}|${coverageVersion.polygons}|${operators.join(',')}`;
    const live = await this.model(gridKey, operators, coverageVersion.towers);
    lap('coverageModel');
    const coverage = coverageAtMilestones(live.model, sites, area ? [area] : null);
    lap('coverage');
    const keySites = await loadKeySiteFacts(
      this.db,
      area,
      version && sites ? { id: version.id, sites } : null,
    );
    lap('keySites');
    const fiber = fiberFactsOf(
      await this.ftth.reach(ftthParams.reachM),
      await latestFigures(this.db, area),
      area,
      ftthParams,
    );
    lap('ftth');
    const report: IndicatorReport = {
      commune,
      version: version
        ? { id: version.id, name: version.name, kind: version.kind, version: version.version }
        : null,
      milestones: MILESTONE_YEARS,
      indicators: computeIndicators({ register, items, coverage, keySites, fiber }),
      unavailable: keySites
        ? []
        : ['keySitesFiberPercent', 'keySites5gPercent', 'communeWifiPercent'].map((k) => ({
            key: k,
            reason: 'The key sites register has no site in this area',
          })),
      computedAt: new Date().toISOString(),
      timingsMs: timings,
      cached: false,
    };
    this.cache.set(key, report);
    while (this.cache.size > MAX_REPORTS) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return report;
  }

  private async commune(code: string): Promise<{ code: string; name: string }> {
    const [unit] = await orm(this.db)
      .select({ code: adminUnits.code, name: adminUnits.name })
      .from(adminUnits)
      .where(eq(adminUnits.code, code));
    if (!unit) throw notFound(`Admin unit ${code}`);
    return unit;
  }

  /** The register's live coverage model: rebuilt when the grid or polygons change, else synced. */
  private async model(gridKey: string, operators: string[], towersKey: string): Promise<LiveModel> {
    if (this.live?.gridKey === gridKey) {
      if (this.live.towersKey !== towersKey) {
        this.live.model.syncTowers(await loadTowers(this.db, ['existing']));
        this.live.towersKey = towersKey;
      }
      return this.live;
    }
    if (this.building?.gridKey !== gridKey) {
      const building = {
        gridKey,
        model: this.build(gridKey, operators, towersKey).finally(() => {
          if (this.building === building) this.building = undefined;
        }),
      };
      this.building = building;
    }
    return this.building.model;
  }

  private async build(gridKey: string, operators: string[], towersKey: string): Promise<LiveModel> {
    const { grid, names } = await loadGrid(this.db);
    const model = new CoverageModel(grid, {
      operators: [...operators, PLANNED_SITES_OPERATOR],
      polygons: await loadPolygons(this.db),
    });
    model.addTowers(await loadTowers(this.db, ['existing']));
    this.live = { gridKey, towersKey, model, names };
    return this.live;
  }
}
