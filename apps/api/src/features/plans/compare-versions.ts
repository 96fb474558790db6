import type { PlanItemFeature } from './item-repository.js';

/** Properties compared between versions (besides the geometry); metadata such as ids and times is not. */
const COMPARED = ['kind', 'name', 'phase', 'status', 'responsibleOrgId', 'notes', 'attributes'] as const;

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const summaryOf = (f: PlanItemFeature) => ({
  originId: f.properties.originId,
  itemId: f.id,
  kind: f.properties.kind,
  name: f.properties.name,
  phase: f.properties.phase,
  status: f.properties.status,
});

export type Change = 'added' | 'removed' | 'changed';

/**
 * What changed from `base` to `target`, pairing items by their origin (kept through forks):
 * added (only in target), removed (only in base), changed (geometry or a compared property
 * differs, listing which). Also a FeatureCollection of every difference, `properties.change` set,
 * with the target's geometry (the base's for removed items).
 */
export function compareItems(base: readonly PlanItemFeature[], target: readonly PlanItemFeature[]) {
  const before = new Map(base.map((f) => [f.properties.originId, f]));
  const added: ReturnType<typeof summaryOf>[] = [];
  const changed: (ReturnType<typeof summaryOf> & {
    fields: string[];
    before: Record<string, unknown>;
    after: Record<string, unknown>;
  })[] = [];
  const features: {
    type: 'Feature';
    id: string;
    geometry: PlanItemFeature['geometry'];
    properties: ReturnType<typeof summaryOf> & { change: Change; fields?: string[] };
  }[] = [];
  let unchanged = 0;
  const feature = (f: PlanItemFeature, change: Change, fields?: string[]) =>
    features.push({
      type: 'Feature',
      id: f.id,
      geometry: f.geometry,
      properties: { ...summaryOf(f), change, ...(fields ? { fields } : {}) },
    });

  for (const after of target) {
    const old = before.get(after.properties.originId);
    before.delete(after.properties.originId);
    if (!old) {
      added.push(summaryOf(after));
      feature(after, 'added');
      continue;
    }
    const fields: string[] = [];
    if (canonical(old.geometry.coordinates) !== canonical(after.geometry.coordinates))
      fields.push('geometry');
    for (const key of COMPARED) {
      if (canonical(old.properties[key]) !== canonical(after.properties[key])) fields.push(key);
    }
    if (fields.length === 0) {
      unchanged++;
      continue;
    }
    const pick = (f: PlanItemFeature) =>
      Object.fromEntries(
        fields.map((k) => [k, k === 'geometry' ? f.geometry : f.properties[k as (typeof COMPARED)[number]]]),
      );
    changed.push({ ...summaryOf(after), fields, before: pick(old), after: pick(after) });
    feature(after, 'changed', fields);
  }
  const removed = [...before.values()].map((f) => {
    feature(f, 'removed');
    return summaryOf(f);
  });
  return {
    summary: { added: added.length, removed: removed.length, changed: changed.length, unchanged },
    added,
    removed,
    changed,
    features: { type: 'FeatureCollection' as const, features },
  };
}
