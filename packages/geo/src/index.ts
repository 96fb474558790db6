export * from './crs.js';
export * from './distance.js';
export * from './tiles/index.js';
