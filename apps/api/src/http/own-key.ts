/**
 * `record[key]` for a key that came from a request: only the record's own entries count, so
 * `constructor`, `__proto__`, `toString` … (inherited from Object.prototype) are not found.
 */
export function ownValue<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
