/**
 * The analysis worker thread: runs coverage jobs one at a time (the engine is CPU-bound; two
 * builds at once would only share the cores) against the database it attached to, writing each
 * job's progress, result or error to its row, and answers indicator reports (their live coverage
 * model lives here too). The request thread only queues jobs, asks for reports and forwards tower
 * edits, so its event loop never waits for a model build.
 *
 * In: { type: 'run', jobId, request } | { type: 'tower', before, after }
 *   | { type: 'indicators', id, area, version }
 * Out: { type: 'settled', jobId } once a job's row holds its end;
 *   { type: 'indicators', id, report } or { type: 'indicators', id, error } for a report.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CoverageRequest, IndicatorReport } from '@hatang/contracts';
import { attachDatabase, type DatabaseHandle } from '@hatang/db';
import { IndicatorService, type VersionRef } from '../indicators/indicator-service.js';
import { failJob, finishJob, reportProgress, startJob } from '../jobs/job-store.js';
import { type ThreadError, toThreadError } from '../jobs/thread-errors.js';
import { CoverageEngine, JobCancelled } from './coverage-engine.js';

export type AnalysisMessage =
  | { type: 'run'; jobId: string; request: CoverageRequest }
  | { type: 'tower'; before: unknown; after: unknown }
  | { type: 'indicators'; id: number; area: string | null; version: VersionRef | null };

export type AnalysisReply =
  | { type: 'settled'; jobId: string }
  | { type: 'indicators'; id: number; report: IndicatorReport }
  | { type: 'indicators'; id: number; error: ThreadError | { message: string } };

const port = parentPort;
if (!port) throw new Error('analysis-worker.ts runs as a worker thread');
const db = await attachDatabase((workerData as { handle: DatabaseHandle }).handle);
const engine = new CoverageEngine(db);
const indicators = new IndicatorService(db);
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

port.on('message', (message: AnalysisMessage) => {
  switch (message.type) {
    case 'tower':
      engine.towerChanged(message.before, message.after);
      return;
    case 'run':
      queue = queue.then(() => run(message.jobId, message.request));
      return;
    case 'indicators':
      indicators.report(message.area, message.version).then(
        (report) => reply({ type: 'indicators', id: message.id, report }),
        (error: unknown) => {
          const known = toThreadError(error);
          if (!known) console.error('indicator report failed', error);
          reply({
            type: 'indicators',
            id: message.id,
            error: known ?? { message: 'The indicator report failed; see the server log' },
          });
        },
      );
      return;
  }
});
