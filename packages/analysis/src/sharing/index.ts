/** Sharing opportunities: tower co-location, spare ducts and poles, route planning, dig-once, overhead cable cleanup. */
export * from './binary-heap.js';
export * from './dig-once.js';
export * from './line-proximity.js';
export * from './metric.js';
export * from './route-graph.js';
export * from './route-planner.js';
export * from './route-reference.js';
export * from './sharing-distance.js';
export * from './spare-capacity.js';
export * from './tower-index.js';
export * from './tower-report.js';
export * from './tower-sharing.js';
export * from './undergrounding.js';
