/** Barrel of the sites analysis (filled in by its work). */
export {};
