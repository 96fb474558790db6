import type { Geometry } from 'geojson';
import { type AssetPatch, versionOf, writableProperties } from '../../lib/assets-api';
import type { AssetFeature, AssetResource } from '../../lib/types';

/**
 * One saved edit, as the undo/redo stacks keep it. For `update`, `before` is the feature as it was
 * before the write and `after` as the server returned it; redo entries hold the server's current
 * state in `before` and the content to re-apply in `after`.
 */
export type EditRecord =
  | { action: 'create'; resource: AssetResource; feature: AssetFeature }
  | { action: 'update'; resource: AssetResource; before: AssetFeature; after: AssetFeature }
  | { action: 'delete'; resource: AssetResource; feature: AssetFeature };

/** The writes undo and redo need (the API, or a fake in tests). */
export interface EditApi {
  create(
    resource: AssetResource,
    geometry: Geometry,
    properties: Record<string, unknown>,
  ): Promise<AssetFeature>;
  patch(resource: AssetResource, id: string, version: number, patch: AssetPatch): Promise<AssetFeature>;
  remove(resource: AssetResource, id: string, version: number): Promise<void>;
  /** Brings back `version` of a (deleted) record under its own id; optional. */
  restore?(resource: AssetResource, id: string, version: number): Promise<AssetFeature>;
}

/**
 * Brings a deleted feature back: restored under its own id (its history continues) when the API
 * can, else re-created from the saved copy with a new id.
 */
async function recreate(
  api: EditApi,
  resource: AssetResource,
  feature: AssetFeature,
  writableKeys: readonly string[],
) {
  if (api.restore) {
    try {
      return await api.restore(resource, String(feature.id), versionOf(feature));
    } catch (error) {
      const status = typeof error === 'object' && error !== null && 'status' in error ? error.status : 0;
      if (status !== 404 && status !== 405) throw error;
    }
  }
  return api.create(resource, feature.geometry, writableProperties(feature.properties, writableKeys));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The PATCH body that turns `from` into `to`: the writable properties that differ, and the geometry if moved. */
export function patchBetween(
  from: AssetFeature,
  to: AssetFeature,
  writableKeys: readonly string[],
): AssetPatch {
  const target = writableProperties(to.properties, writableKeys);
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(target)) {
    if (!same(from.properties?.[key], value)) properties[key] = value;
  }
  const patch: AssetPatch = {};
  if (Object.keys(properties).length > 0) patch.properties = properties;
  if (!same(from.geometry, to.geometry)) patch.geometry = to.geometry;
  return patch;
}

/**
 * The feature as the server has it after an undo or redo produced `record` (for re-selecting it):
 * an undone update left `before` (the reverted state), a redone one `after`.
 */
export function featureOf(record: EditRecord, direction: 'undo' | 'redo' = 'redo'): AssetFeature {
  if (record.action !== 'update') return record.feature;
  return direction === 'undo' ? record.before : record.after;
}

/**
 * Performs the inverse of `record` through the API (create → delete; update → patch back;
 * delete → restore or re-create) and returns the record for the redo stack. `version`
 * overrides the expected version (re-applying after a conflict). 409s propagate.
 */
export async function undoRecord(
  api: EditApi,
  record: EditRecord,
  writableKeys: readonly string[],
  version?: number,
): Promise<EditRecord> {
  switch (record.action) {
    case 'create':
      await api.remove(record.resource, String(record.feature.id), version ?? versionOf(record.feature));
      return record;
    case 'update': {
      const reverted = await api.patch(
        record.resource,
        String(record.after.id),
        version ?? versionOf(record.after),
        patchBetween(record.after, record.before, writableKeys),
      );
      return { action: 'update', resource: record.resource, before: reverted, after: record.after };
    }
    case 'delete': {
      const recreated = await recreate(api, record.resource, record.feature, writableKeys);
      return { action: 'delete', resource: record.resource, feature: recreated };
    }
  }
}

/** Re-applies an undone `record` (from the redo stack); returns the record for the undo stack. */
export async function redoRecord(
  api: EditApi,
  record: EditRecord,
  writableKeys: readonly string[],
  version?: number,
): Promise<EditRecord> {
  switch (record.action) {
    case 'create': {
      const recreated = await recreate(api, record.resource, record.feature, writableKeys);
      return { action: 'create', resource: record.resource, feature: recreated };
    }
    case 'update': {
      const reapplied = await api.patch(
        record.resource,
        String(record.before.id),
        version ?? versionOf(record.before),
        patchBetween(record.before, record.after, writableKeys),
      );
      return { action: 'update', resource: record.resource, before: record.before, after: reapplied };
    }
    case 'delete':
      await api.remove(record.resource, String(record.feature.id), version ?? versionOf(record.feature));
      return record;
  }
}

/** What undoing (or redoing) `record` writes, for the stale-edit dialog: a patch or a delete. */
export function intentOf(
  record: EditRecord,
  direction: 'undo' | 'redo',
  writableKeys: readonly string[],
): AssetPatch | 'delete' {
  if (record.action === 'update') {
    return direction === 'undo'
      ? patchBetween(record.after, record.before, writableKeys)
      : patchBetween(record.before, record.after, writableKeys);
  }
  // Re-creating cannot conflict; only the deletes can.
  return 'delete';
}
