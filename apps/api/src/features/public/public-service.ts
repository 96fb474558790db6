/**
 * Builds the public page's answers from the features that own the data (plans, indicators in the
 * analysis worker, the undergrounding campaign, the task register) and keeps each per data version
 * (public-cache.ts). What goes out is the public tier only:
 * - the plan: the approved version's own items with kind, name, phase and status (no notes, no
 *   responsible organisation, no attributes such as fibre pairs or tubes, no author or approver);
 * - indicators: per-commune aggregates over every operator, the ones Plan 317 sets targets for
 *   (plus the underground cable share); none derived from tenancies;
 * - the campaign: kilometres by commune, year and status; no street, cable or note;
 * - tasks: each task's section, title, lead agency, status, progress and due date. Status and
 *   progress come from the reports any signed-in organisation may read of another (city agencies',
 *   communes'): an operator's or a tower company's own report is never shown to its rivals, so it
 *   is not shown to the public either (task-access.ts). No report text, obstacle or name.
 * legal: plan-317-2025-kh-ubnd
 */
import {
  type IndicatorReport,
  PUBLIC_INDICATOR_KEYS,
  type PublicCampaignFigures,
  type PublicIndicators,
  type PublicIndicatorValues,
  type PublicPlan,
  type PublicTasks,
  type PublicUndergrounding,
  planTaskStatus,
  publicIndicators,
  publicPlan,
  publicTasks,
  publicUndergrounding,
} from '@hatang/contracts';
import type { Database } from '@hatang/db';
import type { AnalysisThread } from '../analysis/analysis-thread.js';
import type { TaskViewer } from '../tasks/task-access.js';
import { listReports, listTaskRows } from '../tasks/task-repository.js';
import { compareCodes } from '../tasks/task-service.js';
import { PublicAnswer } from './public-cache.js';
import {
  approvedKey,
  campaignKey,
  campaignMetres,
  countPublicItems,
  findApprovedVersion,
  listPublicItems,
  listUnits,
  tasksKey,
} from './public-repository.js';

/** How long the indicators table is served before the worker is asked whether the data changed, ms. */
export const DEFAULT_PUBLIC_INDICATORS_RECHECK_MS = 60_000;

/** Nobody's organisation: reads only what every organisation may read of another's reports. */
const PUBLIC_VIEWER: TaskViewer = {
  orgId: '00000000-0000-0000-0000-000000000000',
  agency: null,
  coordinates: false,
  government: false,
};

const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
const today = () => new Date().toISOString().slice(0, 10);

async function buildPlan(db: Database): Promise<PublicPlan> {
  const version = await findApprovedVersion(db);
  if (!version)
    return {
      plan: null,
      version: null,
      items: { type: 'FeatureCollection', features: [] },
      itemsTotal: 0,
      truncated: false,
      countsByKind: {},
    };
  const [features, countsByKind] = await Promise.all([
    listPublicItems(db, version.id),
    countPublicItems(db, version.id),
  ]);
  const itemsTotal = Object.values(countsByKind).reduce((s, n) => s + n, 0);
  return {
    plan: { name: version.planName, horizonYear: version.horizonYear, visionYear: version.visionYear },
    version: { name: version.name, approvedAt: version.approvedAt },
    items: { type: 'FeatureCollection', features },
    itemsTotal,
    truncated: itemsTotal > features.length,
    countsByKind,
  };
}

/** The public keys' values of a report (null where it has none, e.g. no key site there). */
function valuesOf(report: IndicatorReport, field: 'actual' | 'planned2030'): PublicIndicatorValues {
  const byKey = new Map(report.indicators.map((i) => [i.key, i]));
  const value = (key: string) => {
    const found = byKey.get(key);
    if (!found) return null;
    return field === 'actual' ? found.actual : (found.planned?.['2030'] ?? null);
  };
  return Object.fromEntries(PUBLIC_INDICATOR_KEYS.map((k) => [k, value(k)])) as PublicIndicatorValues;
}

async function buildIndicators(db: Database, analysis: AnalysisThread): Promise<PublicIndicators> {
  const [units, version] = await Promise.all([listUnits(db), findApprovedVersion(db)]);
  const [city, ...communes] = await analysis.areaIndicators([null, ...units.map((u) => u.code)], null);
  if (!city) throw new Error('no city-wide indicator report');
  const planned = version
    ? await analysis.indicators(null, {
        id: version.id,
        name: version.name,
        kind: version.kind,
        version: version.version,
      })
    : null;
  const targets = new Map(city.indicators.map((i) => [i.key, i.target]));
  return {
    indicators: PUBLIC_INDICATOR_KEYS.map((key) => ({
      key,
      unit: 'percent',
      target: targets.get(key) ?? null,
    })),
    city: {
      actual: valuesOf(city, 'actual'),
      planned2030: planned ? valuesOf(planned, 'planned2030') : null,
    },
    communes: units.map((u, i) => {
      const report = communes[i];
      if (!report) throw new Error(`no indicator report for ${u.code}`);
      return { code: u.code, name: u.name, unitType: u.unitType, values: valuesOf(report, 'actual') };
    }),
  };
}

const emptyFigures = (): PublicCampaignFigures & { m: Record<string, number> } => ({
  segments: 0,
  plannedKm: 0,
  inProgressKm: 0,
  doneKm: 0,
  totalKm: 0,
  donePercent: null,
  m: { planned: 0, in_progress: 0, done: 0 },
});

/** Metres by status → kilometres (3 decimals) and the share done (percent, 1 decimal). */
function figures({ m, segments }: ReturnType<typeof emptyFigures>): PublicCampaignFigures {
  const total = (m.planned ?? 0) + (m.in_progress ?? 0) + (m.done ?? 0);
  return {
    segments,
    plannedKm: round((m.planned ?? 0) / 1000, 3),
    inProgressKm: round((m.in_progress ?? 0) / 1000, 3),
    doneKm: round((m.done ?? 0) / 1000, 3),
    totalKm: round(total / 1000, 3),
    donePercent: total > 0 ? round((100 * (m.done ?? 0)) / total, 1) : null,
  };
}

async function buildUndergrounding(db: Database): Promise<PublicUndergrounding> {
  const [rows, units] = await Promise.all([campaignMetres(db), listUnits(db)]);
  const totals = emptyFigures();
  const years = new Map<number, ReturnType<typeof emptyFigures>>();
  const communes = new Map<string, ReturnType<typeof emptyFigures>>();
  const add = (f: ReturnType<typeof emptyFigures>, r: (typeof rows)[number]) => {
    f.segments += r.n;
    f.m[r.status] = (f.m[r.status] ?? 0) + r.m;
  };
  for (const r of rows) {
    add(totals, r);
    if (!years.has(r.year)) years.set(r.year, emptyFigures());
    add(years.get(r.year) ?? emptyFigures(), r);
    if (r.unitCode) {
      if (!communes.has(r.unitCode)) communes.set(r.unitCode, emptyFigures());
      add(communes.get(r.unitCode) ?? emptyFigures(), r);
    }
  }
  return {
    totals: figures(totals),
    years: [...years.entries()].sort(([a], [b]) => a - b).map(([year, f]) => ({ year, ...figures(f) })),
    communes: units
      .filter((u) => communes.has(u.code))
      .map((u) => ({ code: u.code, name: u.name, ...figures(communes.get(u.code) ?? emptyFigures()) })),
  };
}

async function buildTasks(db: Database): Promise<PublicTasks> {
  const [rows, reports] = await Promise.all([listTaskRows(db), listReports(db, PUBLIC_VIEWER)]);
  // Reports come newest first: the first of a task is its latest.
  const latest = new Map<string, (typeof reports)[number]>();
  for (const r of reports) if (!latest.has(r.taskId)) latest.set(r.taskId, r);
  const date = today();
  const tasks = rows
    .sort((a, b) => compareCodes(a.code, b.code))
    .map((row) => {
      const report = latest.get(row.id);
      const status = report?.status ?? 'not_started';
      return {
        section: row.section,
        task: {
          code: row.code,
          title: { vi: row.titleVi, en: row.titleEn },
          lead: row.lead,
          status,
          progressPct: report?.progressPct ?? 0,
          due: row.due,
          dueIsAssumption: row.dueIsAssumption,
          overdue: status !== 'done' && row.due < date,
        },
      };
    });
  type Task = (typeof tasks)[number]['task'];
  const figuresOf = (list: Task[]) => ({
    total: list.length,
    byStatus: Object.fromEntries(
      planTaskStatus.options.map((s) => [s, list.filter((t) => t.status === s).length]),
    ) as PublicTasks['totals']['byStatus'],
    meanProgressPct: list.length ? round(list.reduce((s, t) => s + t.progressPct, 0) / list.length, 1) : 0,
    overdue: list.filter((t) => t.overdue).length,
  });
  const sections = new Map<string, Task[]>();
  for (const { section, task } of tasks) {
    const list = sections.get(section);
    if (list) list.push(task);
    else sections.set(section, [task]);
  }
  return {
    totals: figuresOf(tasks.map((t) => t.task)),
    sections: [...sections.entries()].map(([section, list]) => ({
      section,
      // A section is one agency's item of the plan (V.1 …): its tasks share the lead.
      lead: list[0]?.lead ?? 'city',
      ...figuresOf(list),
      tasks: list,
    })),
  };
}

export interface PublicAnswerOptions {
  /** How long the indicators table is served before asking again, ms (default 60 s). */
  indicatorsRecheckMs?: number;
  /** The clock, ms (tests). */
  nowMs?: () => number;
}

/** The four public answers of one app, each cached by what it depends on. */
export class PublicAnswers {
  readonly #plan: PublicAnswer<PublicPlan>;
  readonly #indicators: PublicAnswer<PublicIndicators>;
  readonly #undergrounding: PublicAnswer<PublicUndergrounding>;
  readonly #tasks: PublicAnswer<PublicTasks>;
  readonly #recheckMs: number;
  readonly #now: () => number;

  constructor(
    private readonly db: Database,
    analysis: AnalysisThread,
    options: PublicAnswerOptions = {},
  ) {
    this.#recheckMs = Math.max(1, options.indicatorsRecheckMs ?? DEFAULT_PUBLIC_INDICATORS_RECHECK_MS);
    this.#now = options.nowMs ?? Date.now;
    this.#plan = new PublicAnswer('plan', publicPlan, () => buildPlan(db));
    this.#indicators = new PublicAnswer(
      'indicators',
      publicIndicators,
      () => buildIndicators(db, analysis),
      true,
    );
    this.#undergrounding = new PublicAnswer('undergrounding', publicUndergrounding, () =>
      buildUndergrounding(db),
    );
    this.#tasks = new PublicAnswer('tasks', publicTasks, () => buildTasks(db));
  }

  async plan() {
    return this.#plan.current(approvedKey(await findApprovedVersion(this.db)));
  }

  /**
   * The indicators depend on the whole register and the population grid, whose fingerprint costs
   * a scan: the table is served for `indicatorsRecheckMs`, then the worker is asked again (it
   * answers from its own per-version cache when nothing changed, and the ETag stays the same);
   * readers get the previous table until a changed one is built.
   */
  async indicators() {
    const window = Math.floor(this.#now() / this.#recheckMs);
    return this.#indicators.current(`${approvedKey(await findApprovedVersion(this.db))}@${window}`);
  }

  async undergrounding() {
    return this.#undergrounding.current(await campaignKey(this.db));
  }

  async tasks() {
    return this.#tasks.current(`${await tasksKey(this.db)}@${today()}`);
  }
}
