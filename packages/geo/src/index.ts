export * from './crs.js';
export * from './distance.js';
