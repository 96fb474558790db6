export * from './colocation/index.js';
export * from './coverage/index.js';
export * from './ftth/index.js';
export * from './indicators/index.js';
export * from './permits/index.js';
export * from './plans/index.js';
export * from './sharing/index.js';
export * from './sites/index.js';
