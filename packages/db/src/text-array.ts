/** A PostgreSQL array literal `{"a","b"}` for a text[] parameter (same on PGlite and postgres-js). */
export function toPgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (ch) => `\\${ch}`)}"`).join(',')}}`;
}
