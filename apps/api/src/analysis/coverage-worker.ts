/**
 * The analysis worker thread: runs coverage jobs one at a time (the engine is CPU-bound; two
 * builds at once would only share the cores) against the database it attached to, writing each
 * job's progress, result or error to its row. The request thread only queues jobs and forwards
 * tower edits, so its event loop never waits for a model build.
 *
 * In: { type: 'run', jobId, request } | { type: 'tower', before, after }
 * Out: { type: 'settled', jobId } once a job's row holds its end.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CoverageRequest } from '@hatang/contracts';
import { attachDatabase, type DatabaseHandle } from '@hatang/db';
import { failJob, finishJob, reportProgress, startJob } from '../jobs/job-store.js';
import { CoverageEngine, JobCancelled } from './coverage-engine.js';

export type AnalysisMessage =
  | { type: 'run'; jobId: string; request: CoverageRequest }
  | { type: 'tower'; before: unknown; after: unknown };

export type AnalysisReply = { type: 'settled'; jobId: string };

const port = parentPort;
if (!port) throw new Error('coverage-worker.ts runs as a worker thread');
const db = await attachDatabase((workerData as { handle: DatabaseHandle }).handle);
const engine = new CoverageEngine(db);
let queue = Promise.resolve();

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
    port?.postMessage({ type: 'settled', jobId } satisfies AnalysisReply);
  }
}

port.on('message', (message: AnalysisMessage) => {
  if (message.type === 'tower') engine.towerChanged(message.before, message.after);
  else queue = queue.then(() => run(message.jobId, message.request));
});
