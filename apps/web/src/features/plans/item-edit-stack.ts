import { useCallback, useState } from 'react';
import { deleteItem, type PlanItem, restoreItem } from './plans-api';

/**
 * One saved change to a plan item, as the session's undo/redo stacks keep it. `at` is the item's
 * version on the server now (for If-Match), or, once deleted, the last version it had. Undo and
 * redo go through the API's restore (`POST /plan-items/:id/restore`), so every step is a new,
 * audited write and an item comes back under its own id.
 */
export type ItemEdit =
  | { action: 'create'; id: string; at: number }
  | { action: 'update'; id: string; before: number; after: number; at: number }
  | { action: 'delete'; id: string; at: number };

/** The writes undo and redo need. */
export interface ItemEditApi {
  remove(id: string, version: number): Promise<void>;
  restore(id: string, version: number, current: number | null): Promise<PlanItem>;
}

const HTTP: ItemEditApi = { remove: deleteItem, restore: restoreItem };

/** Reverts `edit`; returns the record for the redo stack. */
export async function undoEdit(api: ItemEditApi, edit: ItemEdit): Promise<ItemEdit> {
  switch (edit.action) {
    case 'create':
      await api.remove(edit.id, edit.at);
      return edit;
    case 'update':
      return { ...edit, at: (await api.restore(edit.id, edit.before, edit.at)).properties.version };
    case 'delete':
      return { ...edit, at: (await api.restore(edit.id, edit.at, null)).properties.version };
  }
}

/** Re-applies an undone `edit`; returns the record for the undo stack. */
export async function redoEdit(api: ItemEditApi, edit: ItemEdit): Promise<ItemEdit> {
  switch (edit.action) {
    case 'create':
      return { ...edit, at: (await api.restore(edit.id, edit.at, null)).properties.version };
    case 'update':
      return { ...edit, at: (await api.restore(edit.id, edit.after, edit.at)).properties.version };
    case 'delete':
      await api.remove(edit.id, edit.at);
      return edit;
  }
}

/** The session's undo/redo of plan item changes in one version (cleared when the version changes). */
export function useItemEdits(onChanged: () => void, api: ItemEditApi = HTTP) {
  const [undoStack, setUndo] = useState<ItemEdit[]>([]);
  const [redoStack, setRedo] = useState<ItemEdit[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const record = useCallback((edit: ItemEdit) => {
    setUndo((s) => [...s, edit]);
    setRedo([]);
  }, []);
  const clear = useCallback(() => {
    setUndo([]);
    setRedo([]);
    setError(null);
  }, []);
  const step = useCallback(
    async (direction: 'undo' | 'redo') => {
      const from = direction === 'undo' ? undoStack : redoStack;
      const edit = from.at(-1);
      if (!edit || busy) return;
      setBusy(true);
      setError(null);
      try {
        const next = direction === 'undo' ? await undoEdit(api, edit) : await redoEdit(api, edit);
        if (direction === 'undo') {
          setUndo((s) => s.slice(0, -1));
          setRedo((s) => [...s, next]);
        } else {
          setRedo((s) => s.slice(0, -1));
          setUndo((s) => [...s, next]);
        }
      } catch (e) {
        setError(e);
      } finally {
        setBusy(false);
        onChanged();
      }
    },
    [undoStack, redoStack, busy, api, onChanged],
  );
  return {
    canUndo: undoStack.length > 0 && !busy,
    canRedo: redoStack.length > 0 && !busy,
    undo: () => void step('undo'),
    redo: () => void step('redo'),
    record,
    clear,
    error,
  };
}
