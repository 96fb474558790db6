export * from './analysis.js';
export * from './assets.js';
export * from './auth.js';
export * from './common.js';
export * from './context.js';
export * from './geometry.js';
export * from './query.js';
export * from './resource.js';
