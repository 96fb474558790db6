/** Barrel of the sharing analysis (filled in by its work). */
export {};
