/** The automatic permit checks (issue #9): each a pure function citing its rule, with one configuration. */
export * from './airport-height.js';
export * from './check-types.js';
export * from './dig-once-check.js';
export * from './duplicate.js';
export * from './emf-safety.js';
export * from './permit-exemption.js';
export * from './plan-conformity.js';
export * from './restricted-zones.js';
export * from './run-permit-checks.js';
export * from './sharing-obligation.js';
