/** Barrel of the permit checks (filled in by its work). */
export {};
