import { useQueryClient } from '@tanstack/react-query';
import type { Geometry } from 'geojson';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiRequestError } from '../../lib/api-client';
import {
  type AssetPatch,
  createAsset,
  deleteAsset,
  patchAsset,
  restoreVersion,
  versionOf,
} from '../../lib/assets-api';
import type { AssetFeature, AssetResource } from '../../lib/types';
import {
  type EditApi,
  type EditRecord,
  featureOf,
  intentOf,
  patchBetween,
  redoRecord,
  undoRecord,
} from './edit-stack';
import { editableResource } from './editable-resources';

const API: EditApi = {
  create: createAsset,
  patch: patchAsset,
  remove: deleteAsset,
  // A deleted record has no current version: the server ignores If-Match then.
  restore: (resource, id, version) => restoreVersion(resource, id, version, version),
};

/** Someone else saved first: what I tried, what the server has now, and how to go on. */
export interface Conflict {
  resource: AssetResource;
  /** The feature my edit started from (null when re-creating). */
  base: AssetFeature | null;
  /** What I tried to write: a patch, or a delete. */
  mine: AssetPatch | 'delete';
  /** The feature as the server has it now. */
  current: AssetFeature;
  /** Writes mine again on top of the current version. */
  reapply: () => Promise<void>;
  /** Drops mine and shows the server's version. */
  discard: () => void;
}

const isConflict = (error: unknown): error is ApiRequestError =>
  error instanceof ApiRequestError && error.code === 'VERSION_CONFLICT';

const asFeature = (value: unknown): AssetFeature | null =>
  typeof value === 'object' && value !== null && 'type' in value && 'properties' in value
    ? (value as AssetFeature)
    : null;

const writableKeys = (resource: AssetResource) => editableResource(resource)?.writableKeys ?? [];

export interface Edits {
  /** POSTs a new asset; 400s propagate (the form shows them). */
  create: (
    resource: AssetResource,
    geometry: Geometry,
    properties: Record<string, unknown>,
  ) => Promise<AssetFeature>;
  /** PATCHes `feature`; a 409 opens the conflict dialog and resolves null. */
  update: (resource: AssetResource, feature: AssetFeature, patch: AssetPatch) => Promise<AssetFeature | null>;
  /** DELETEs `feature`; a 409 opens the conflict dialog and resolves false. */
  remove: (resource: AssetResource, feature: AssetFeature) => Promise<boolean>;
  /** Restores an older version (from the history) as a new write; undoable like an update. */
  restore: (
    resource: AssetResource,
    feature: AssetFeature,
    old: AssetFeature,
    version: number,
  ) => Promise<AssetFeature | null>;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
  canUndo: boolean;
  canRedo: boolean;
  busy: boolean;
  conflict: Conflict | null;
  /** The last undo/redo failure other than a conflict. */
  error: Error | null;
  clearError: () => void;
}

/**
 * Saved edits of this session, with undo/redo through the API (Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y) and
 * the stale-edit dialog on 409. `onFeature` hears about the feature each write left behind (null
 * when it is gone), to keep the side panel on it.
 */
export function useEdits(
  onFeature: (resource: AssetResource, feature: AssetFeature | null) => void,
  /** Whose edits these are: another user (or signing out) starts empty stacks. */
  userId: string | null,
): Edits {
  const queryClient = useQueryClient();
  const [undoStack, setUndoStack] = useState<EditRecord[]>([]);
  const [redoStack, setRedoStack] = useState<EditRecord[]>([]);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const onFeatureRef = useRef(onFeature);
  onFeatureRef.current = onFeature;

  const [stacksOwner, setStacksOwner] = useState(userId);
  if (stacksOwner !== userId) {
    // Reset during render (not in an effect) so the new user never sees the old stacks.
    setStacksOwner(userId);
    setUndoStack([]);
    setRedoStack([]);
    setConflict(null);
    setError(null);
  }

  const refresh = useCallback(
    (resource: AssetResource, ...features: Array<AssetFeature | null>) => {
      void queryClient.invalidateQueries({ queryKey: ['assets', resource] });
      for (const f of features) {
        if (!f) continue;
        void queryClient.invalidateQueries({ queryKey: ['asset', resource, String(f.id)] });
        void queryClient.invalidateQueries({ queryKey: ['history', resource, String(f.id)] });
      }
    },
    [queryClient],
  );

  const pushUndo = useCallback((record: EditRecord, clearRedo: boolean) => {
    setUndoStack((s) => [...s, record].slice(-100));
    if (clearRedo) setRedoStack([]);
  }, []);

  /** Runs a write; on 409 opens the dialog whose "reapply" runs it again with the current version. */
  const withConflict = useCallback(
    async <T>(
      resource: AssetResource,
      base: AssetFeature | null,
      mine: AssetPatch | 'delete',
      run: (version?: number) => Promise<T>,
      onDone: (result: T) => void,
    ): Promise<T | null> => {
      try {
        const result = await run();
        onDone(result);
        return result;
      } catch (caught) {
        const current = isConflict(caught) ? asFeature(caught.current) : null;
        if (!current) throw caught;
        setConflict({
          resource,
          base,
          mine,
          current,
          reapply: async () => {
            const result = await run(versionOf(current));
            setConflict(null);
            onDone(result);
          },
          discard: () => {
            setConflict(null);
            refresh(resource, current);
            onFeatureRef.current(resource, current);
          },
        });
        return null;
      }
    },
    [refresh],
  );

  const create = useCallback(
    async (resource: AssetResource, geometry: Geometry, properties: Record<string, unknown>) => {
      const feature = await createAsset(resource, geometry, properties);
      pushUndo({ action: 'create', resource, feature }, true);
      refresh(resource, feature);
      onFeatureRef.current(resource, feature);
      return feature;
    },
    [pushUndo, refresh],
  );

  const update = useCallback(
    (resource: AssetResource, feature: AssetFeature, patch: AssetPatch) =>
      withConflict(
        resource,
        feature,
        patch,
        (version) => patchAsset(resource, String(feature.id), version ?? versionOf(feature), patch),
        (after) => {
          pushUndo({ action: 'update', resource, before: feature, after }, true);
          refresh(resource, after);
          onFeatureRef.current(resource, after);
        },
      ),
    [withConflict, pushUndo, refresh],
  );

  const remove = useCallback(
    async (resource: AssetResource, feature: AssetFeature) => {
      const done = await withConflict(
        resource,
        feature,
        'delete',
        async (version) => {
          await deleteAsset(resource, String(feature.id), version ?? versionOf(feature));
          return true;
        },
        () => {
          pushUndo({ action: 'delete', resource, feature }, true);
          refresh(resource, feature);
          onFeatureRef.current(resource, null);
        },
      );
      return done === true;
    },
    [withConflict, pushUndo, refresh],
  );

  const restore = useCallback(
    (resource: AssetResource, feature: AssetFeature, old: AssetFeature, version: number) =>
      withConflict(
        resource,
        feature,
        patchBetween(feature, old, writableKeys(resource)),
        (current) => restoreVersion(resource, String(feature.id), current ?? versionOf(feature), version),
        (after) => {
          pushUndo({ action: 'update', resource, before: feature, after }, true);
          refresh(resource, after);
          onFeatureRef.current(resource, after);
        },
      ),
    [withConflict, pushUndo, refresh],
  );

  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      const stack = direction === 'undo' ? undoStack : redoStack;
      const record = stack.at(-1);
      if (!record || busy) return;
      const setFrom = direction === 'undo' ? setUndoStack : setRedoStack;
      const setTo = direction === 'undo' ? setRedoStack : setUndoStack;
      setFrom((s) => s.slice(0, -1));
      setBusy(true);
      setError(null);
      const perform = direction === 'undo' ? undoRecord : redoRecord;
      const keys = writableKeys(record.resource);
      const base = featureOf(record);
      try {
        await withConflict(
          record.resource,
          base,
          intentOf(record, direction, keys),
          (version) => perform(API, record, keys, version),
          (next) => {
            setTo((s) => [...s, next]);
            const gone =
              (direction === 'undo' && record.action === 'create') ||
              (direction === 'redo' && record.action === 'delete');
            const shown = featureOf(next, direction);
            refresh(record.resource, base, shown);
            onFeatureRef.current(record.resource, gone ? null : shown);
          },
        );
      } catch (caught) {
        // Not a conflict (network, 403, 404): put the record back and say why.
        setFrom((s) => [...s, record]);
        setError(caught instanceof Error ? caught : new Error(String(caught)));
      } finally {
        setBusy(false);
      }
    },
    [undoStack, redoStack, busy, withConflict, refresh],
  );

  const undo = useCallback(() => step('undo'), [step]);
  const redo = useCallback(() => step('redo'), [step]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return;
      const target = event.target;
      if (target instanceof HTMLElement && target.closest('input, textarea, select, [contenteditable]'))
        return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        void undo();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        void redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  return useMemo(
    () => ({
      create,
      update,
      remove,
      restore,
      undo,
      redo,
      canUndo: undoStack.length > 0 && !busy,
      canRedo: redoStack.length > 0 && !busy,
      busy,
      conflict,
      error,
      clearError: () => setError(null),
    }),
    [create, update, remove, restore, undo, redo, undoStack.length, redoStack.length, busy, conflict, error],
  );
}
