/** Contracts of commune violation inspections (issue #9). */
export {};
