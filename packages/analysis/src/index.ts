export * from './coverage/index.js';
