/**
 * Indicators against Plan 317's 2030 targets: pure computations over facts the API loads.
 * legal: plan-317-2025-kh-ubnd
 */
export * from './compute-indicators.js';
export * from './dii-dashboard.js';
export * from './indicator-facts.js';
export * from './key-site-facts.js';
export * from './milestones.js';
export * from './plan-317-targets.js';
export * from './planned-coverage.js';
