// A long-lived worker thread's entry (the analysis worker): Node runs this file as is, so the
// TypeScript module named by `workerData.entry` is loaded through tsx's loader, registered here in
// the worker (loader hooks of the main thread do not reach workers on Node 20).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
