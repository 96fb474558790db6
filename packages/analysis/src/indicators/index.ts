/** Barrel of the indicators analysis (filled in by its work). */
export {};
