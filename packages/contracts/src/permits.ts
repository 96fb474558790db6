/** Permit applications for telecom works and their automatic checks (issue #9). */
export {};
