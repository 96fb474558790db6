/** Site offers by communes and the key sites register (Plan 317). */
export {};
