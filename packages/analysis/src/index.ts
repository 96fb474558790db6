export * from './coverage/index.js';
export * from './plans/index.js';
