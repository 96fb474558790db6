/** Indicators against the 2030 targets and the digital infrastructure index (DII). */
export {};
