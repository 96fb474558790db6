/**
 * The analysis worker thread: runs coverage jobs one at a time (the engine is CPU-bound; two
 * builds at once would only share the cores) against the database it attached to, writing each
 * job's progress, result or error to its row, and answers indicator reports, key sites' status and route plans (their
 * live coverage model and route graph live here too). The request thread only queues jobs, asks for reports and forwards tower
 * edits, so its event loop never waits for a model build.
 *
 * In: { type: 'run', jobId, request } | { type: 'tower', before, after } | { type: 'ask', id, question }
 * Out: { type: 'settled', jobId } once a job's row holds its end;
 *   { type: 'answer', id, value } or { type: 'answer', id, error } for a question.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type PlannedRoute, planRoute } from '@hatang/analysis';
import type {
  CoverageRequest,
  FtthProxyParams,
  IndicatorReport,
  KeySiteStatusResponse,
  RoutePlanRequest,
} from '@hatang/contracts';
import { attachDatabase, type DatabaseHandle } from '@hatang/db';
import { failJob, finishJob, reportProgress, startJob } from '../../jobs/job-store.js';
import { type ThreadError, toThreadError } from '../../jobs/thread-errors.js';
import type { ReachAnswer } from '../ftth/ftth-proxy.js';
import { IndicatorService, type VersionRef } from '../indicators/indicator-service.js';
import { RoutePlannerService } from '../sharing/route-planner-service.js';
import { type KeySiteStatusQuery, keySiteStatusReport } from '../sites/key-site-status.js';
import { CoverageEngine, JobCancelled } from './coverage-engine.js';

/** What the request thread asks and waits for. */
export type AnalysisQuestion =
  | { kind: 'indicators'; area: string | null; version: VersionRef | null; ftth?: FtthProxyParams }
  | { kind: 'areaIndicators'; areas: (string | null)[]; version: VersionRef | null }
  | { kind: 'route'; request: RoutePlanRequest }
  | { kind: 'ftthReach'; reachM: number }
  | { kind: 'keySiteStatus'; query: KeySiteStatusQuery };

export interface RouteAnswer {
  route: PlannedRoute;
  graph: { nodes: number; edges: number; rebuilt: boolean; patchedDucts: number };
  /** Milliseconds to get the graph (a rebuild, a patch or none) and to search it. */
  timings: { graphMs: number; searchMs: number };
}

export interface AnalysisAnswers {
  indicators: IndicatorReport;
  areaIndicators: IndicatorReport[];
  route: RouteAnswer;
  ftthReach: ReachAnswer;
  keySiteStatus: KeySiteStatusResponse;
}

export type AnalysisMessage =
  | { type: 'run'; jobId: string; request: CoverageRequest }
  | { type: 'tower'; before: unknown; after: unknown }
  | { type: 'ask'; id: number; question: AnalysisQuestion };

export type AnalysisReply =
  | { type: 'settled'; jobId: string }
  | { type: 'answer'; id: number; value: AnalysisAnswers[AnalysisQuestion['kind']] }
  | { type: 'answer'; id: number; error: ThreadError | { message: string } };

const port = parentPort;
if (!port) throw new Error('analysis-worker.ts runs as a worker thread');
const db = await attachDatabase((workerData as { handle: DatabaseHandle }).handle);
const engine = new CoverageEngine(db);
const indicators = new IndicatorService(db);
const routes = new RoutePlannerService(db);
let queue = Promise.resolve();
const reply = (message: AnalysisReply) => port.postMessage(message);

async function run(jobId: string, request: CoverageRequest) {
  try {
    if (!(await startJob(db, jobId))) return;
    const result = await engine.run(request, (progress, step) => reportProgress(db, jobId, progress, step));
    await finishJob(db, jobId, result);
  } catch (error) {
    if (error instanceof JobCancelled) return;
    console.error(`coverage job ${jobId} failed`, error);
    await failJob(db, jobId, 'The coverage computation failed; see the server log').catch(() => {});
  } finally {
    reply({ type: 'settled', jobId });
  }
}

async function planRouteNow(request: RoutePlanRequest): Promise<RouteAnswer> {
  const start = performance.now();
  const { graph, built, patched } = await routes.graph();
  const graphMs = performance.now() - start;
  const route = planRoute(graph, request.points, {
    costs: {
      duct: request.costs?.duct,
      pole: request.costs?.pole,
      trench_tunnel: request.costs?.trenchTunnel,
      new_trench: request.costs?.newTrench,
      new_trench_straight: request.costs?.newTrenchStraight,
    },
    maxConnectM: request.maxConnectM,
  });
  const searchMs = performance.now() - start - graphMs;
  return {
    route,
    graph: { nodes: graph.nodeCount, edges: graph.edgeCount, rebuilt: built, patchedDucts: patched },
    timings: { graphMs: Math.round(graphMs * 10) / 10, searchMs: Math.round(searchMs * 10) / 10 },
  };
}

function answer(question: AnalysisQuestion): Promise<AnalysisAnswers[AnalysisQuestion['kind']]> {
  switch (question.kind) {
    case 'indicators':
      return indicators.report(question.area, question.version, question.ftth);
    case 'areaIndicators':
      return indicators.reports(question.areas, question.version);
    case 'ftthReach':
      return indicators.ftth.reach(question.reachM);
    case 'route':
      return planRouteNow(question.request);
    case 'keySiteStatus':
      return keySiteStatusReport(db, question.query);
  }
}

port.on('message', (message: AnalysisMessage) => {
  switch (message.type) {
    case 'tower':
      engine.towerChanged(message.before, message.after);
      return;
    case 'run':
      queue = queue.then(() => run(message.jobId, message.request));
      return;
    case 'ask':
      answer(message.question).then(
        (value) => reply({ type: 'answer', id: message.id, value }),
        (error: unknown) => {
          const known = toThreadError(error);
          if (!known) console.error(`analysis worker: ${message.question.kind} failed`, error);
          reply({
            type: 'answer',
            id: message.id,
            error: known ?? {
              message: `The ${message.question.kind} computation failed; see the server log`,
            },
          });
        },
      );
      return;
  }
});
