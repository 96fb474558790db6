import type { AssetFeature } from '../../lib/types';

/** Bookkeeping that changes on every write; not worth showing in a diff. */
const IGNORED = new Set(['version', 'createdAt', 'updatedAt', 'id']);

export interface FieldChange {
  key: string;
  before: unknown;
  after: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The properties that differ between two versions of a feature (either may be null: create, delete). */
export function diffFeatures(before: AssetFeature | null, after: AssetFeature | null): FieldChange[] {
  const b = before?.properties ?? {};
  const a = after?.properties ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !IGNORED.has(k));
  return keys.filter((k) => !same(b[k], a[k])).map((key) => ({ key, before: b[key], after: a[key] }));
}

/** Whether the geometry moved between the two versions. */
export const geometryChanged = (before: AssetFeature | null, after: AssetFeature | null): boolean =>
  before !== null && after !== null && !same(before.geometry, after.geometry);
