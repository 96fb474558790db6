/** Co-location requests: capacity checks, cost-based rent (JC 210/2013) and answer deadlines. */
export * from './capacity.js';
export * from './rent.js';
export * from './working-days.js';
