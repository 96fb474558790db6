import { useState } from 'react';
import { isMessageKey, useI18n } from '../../lib/i18n';
import type { AssetResource } from '../../lib/types';
import { EDITABLE_RESOURCES } from './editable-resources';
import type { Edits } from './use-edits';

/**
 * Over the map, one short row: an "Add" menu of the editable asset types (a list, so ten types do
 * not cover the map beside a side panel), and undo / redo of this session's edits.
 */
export function EditToolbar({
  canAdd,
  active,
  edits,
  onAdd,
}: {
  canAdd: boolean;
  /** The type being added now, if any. */
  active: AssetResource | null;
  edits: Edits;
  onAdd: (resource: AssetResource) => void;
}) {
  const { t } = useI18n();
  const [menuOpen, setMenuOpen] = useState(false);
  const shortLabel = (id: AssetResource) => {
    const key = `short_${id}`;
    return isMessageKey(key) ? t(key) : t(id);
  };
  return (
    <div className="edit-toolbar" data-testid="edit-toolbar">
      {canAdd ? (
        <div className="add-buttons">
          <button
            type="button"
            className={active ? 'add-menu-button active' : 'add-menu-button'}
            data-testid="add-menu"
            aria-expanded={menuOpen}
            aria-controls="add-menu-list"
            onClick={() => setMenuOpen((o) => !o)}
          >
            + {active ? t('addingKind', { kind: shortLabel(active) }) : t('addAsset')} ▾
          </button>
          {menuOpen ? (
            <ul
              className="add-menu-list"
              id="add-menu-list"
              onKeyDown={(e) => {
                if (e.key !== 'Escape') return;
                e.preventDefault();
                setMenuOpen(false);
              }}
            >
              {EDITABLE_RESOURCES.map((r) => (
                <li key={r.id}>
                  <button
                    type="button"
                    data-add={r.id}
                    aria-pressed={active === r.id}
                    className={active === r.id ? 'active' : undefined}
                    onClick={() => {
                      setMenuOpen(false);
                      onAdd(r.id);
                    }}
                    title={t(r.kind === 'Point' ? 'hintPlacePoint' : 'hintDrawLine')}
                  >
                    <span className={r.kind === 'Point' ? 'glyph-point' : 'glyph-line'} aria-hidden="true" />
                    {t(r.id)}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="undo-buttons">
        <button
          type="button"
          data-testid="undo-button"
          disabled={!edits.canUndo}
          onClick={() => void edits.undo()}
          title={`${t('undo')} (Ctrl+Z)`}
        >
          ↶ {t('undo')}
        </button>
        <button
          type="button"
          data-testid="redo-button"
          disabled={!edits.canRedo}
          onClick={() => void edits.redo()}
          title={`${t('redo')} (Ctrl+Shift+Z)`}
        >
          ↷ {t('redo')}
        </button>
      </div>
      {edits.error ? (
        <p className="form-error" role="alert" data-testid="undo-error">
          {edits.error.message}{' '}
          <button type="button" className="link-button" onClick={edits.clearError}>
            {t('dismiss')}
          </button>
        </p>
      ) : null}
    </div>
  );
}
