/** Fibre to the home: the proxy from the population grid and the aggregation of operators' figures. */
export * from './fiber-indicators.js';
export * from './fiber-reach.js';
export * from './ftth-aggregate.js';
