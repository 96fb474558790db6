// The compute worker's entry: Node runs this file as is, so TypeScript sources need tsx's loader,
// registered here in the worker (loader hooks of the main thread do not reach workers on Node 20).
import { register } from 'tsx/esm/api';

register();
const worker = await import('./compute-worker.ts');
export default worker.default;
