export * from './crs.js';
export * from './distance.js';
export * from './parse-coordinates.js';
export * from './tiles/index.js';
