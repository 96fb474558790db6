/**
 * The automatic permit checks (issue #9): each a pure function citing its rule through the
 * legal-sources registry (data/legal-sources.json), with one configuration. They work under the
 * current framework, legal: law-24-2023-qh15 and its implementing legal: decree-163-2024-nd-cp,
 * whose articles on telecom works were not read: no check cites them by article.
 */
export * from './airport-height.js';
export * from './check-types.js';
export * from './dig-once-check.js';
export * from './duplicate.js';
export * from './emf-safety.js';
export * from './in-building-sharing.js';
export * from './permit-exemption.js';
export * from './plan-conformity.js';
export * from './restricted-zones.js';
export * from './run-permit-checks.js';
export * from './sharing-obligation.js';
