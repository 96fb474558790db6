export * from './land-index.js';
export * from './landing-station.js';
export * from './sea-zone-crossings.js';
