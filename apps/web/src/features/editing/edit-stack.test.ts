import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../lib/api-client';
import type { AssetPatch } from '../../lib/assets-api';
import type { AssetFeature, AssetResource } from '../../lib/types';
import { type EditApi, type EditRecord, patchBetween, redoRecord, undoRecord } from './edit-stack';

const KEYS = ['code', 'ownerOrgId', 'status', 'heightM'];

/** An in-memory API with versions and 409s, like the server's. */
function fakeApi() {
  const rows = new Map<string, AssetFeature>();
  let next = 1;
  const api: EditApi = {
    async create(_resource: AssetResource, geometry: Geometry, properties: Record<string, unknown>) {
      const id = `id-${next++}`;
      const feature: AssetFeature = {
        type: 'Feature',
        id,
        geometry,
        properties: { ...properties, version: 1 },
      };
      rows.set(id, feature);
      return feature;
    },
    async patch(_resource: AssetResource, id: string, version: number, patch: AssetPatch) {
      const current = rows.get(id);
      if (!current) throw new ApiRequestError(404, 'NOT_FOUND', 'gone', id);
      if (current.properties.version !== version)
        throw new ApiRequestError(409, 'VERSION_CONFLICT', 'stale', id, undefined, [], current);
      const updated: AssetFeature = {
        ...current,
        geometry: patch.geometry ?? current.geometry,
        properties: { ...current.properties, ...patch.properties, version: version + 1 },
      };
      rows.set(id, updated);
      return updated;
    },
    async remove(_resource: AssetResource, id: string, version: number) {
      const current = rows.get(id);
      if (current?.properties.version !== version)
        throw new ApiRequestError(409, 'VERSION_CONFLICT', 'stale', id, undefined, [], current);
      rows.delete(id);
    },
  };
  return { api, rows };
}

const point: Geometry = { type: 'Point', coordinates: [106.68, 20.85] };

describe('undo and redo through the API', () => {
  it('undoes an update by patching back only what changed, and redoes it', async () => {
    const { api, rows } = fakeApi();
    const before = await api.create('towers', point, { code: 'T1', status: 'existing', heightM: 30 });
    const after = await api.patch('towers', String(before.id), 1, { properties: { heightM: 42 } });
    const record: EditRecord = { action: 'update', resource: 'towers', before, after };
    expect(patchBetween(after, before, KEYS)).toEqual({ properties: { heightM: 30 } });

    const redo = await undoRecord(api, record, KEYS);
    expect(rows.get(String(before.id))?.properties).toMatchObject({ heightM: 30, version: 3 });
    const again = await redoRecord(api, redo, KEYS);
    expect(rows.get(String(before.id))?.properties).toMatchObject({ heightM: 42, version: 4 });
    expect(again.action === 'update' && again.after.properties.version).toBe(4);
  });

  it('refuses to undo over someone else’s newer edit (409), and re-applies with their version', async () => {
    const { api, rows } = fakeApi();
    const before = await api.create('towers', point, { code: 'T1', heightM: 30 });
    const after = await api.patch('towers', String(before.id), 1, { properties: { heightM: 42 } });
    await api.patch('towers', String(before.id), 2, { properties: { code: 'T1-B' } });
    const record: EditRecord = { action: 'update', resource: 'towers', before, after };
    await expect(undoRecord(api, record, KEYS)).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    await undoRecord(api, record, KEYS, 3);
    expect(rows.get(String(before.id))?.properties).toMatchObject({ heightM: 30, code: 'T1-B' });
  });

  it('undoes a create by deleting it and a delete by re-creating it', async () => {
    const { api, rows } = fakeApi();
    const created = await api.create('poles', point, { code: 'P1', heightM: 8 });
    const redo = await undoRecord(api, { action: 'create', resource: 'poles', feature: created }, KEYS);
    expect(rows.size).toBe(0);
    const undo = await redoRecord(api, redo, KEYS);
    expect(rows.size).toBe(1);
    const recreated = undo.action === 'create' ? undo.feature : null;
    await api.remove('poles', String(recreated?.id), 1);
    const back = await undoRecord(api, { action: 'delete', resource: 'poles', feature: created }, KEYS);
    expect(back.action === 'delete' && back.feature.properties).toMatchObject({ code: 'P1', heightM: 8 });
    expect(rows.size).toBe(1);
  });
});
