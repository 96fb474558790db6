export * from './encode-tile.js';
export * from './tile-math.js';
