import { useState } from 'react';
import { useI18n } from '../../lib/i18n';
import type { Organisation } from '../../lib/types';
import { formatAttribute } from '../assets/format-attribute';
import { labelKey } from './attribute-form';
import type { Conflict } from './use-edits';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Someone else saved the feature first: the fields where mine and theirs differ, side by side, and
 * the choice to reapply mine on top of theirs or discard mine. Never overwrites silently.
 */
export function ConflictDialog({
  conflict,
  organisations,
}: {
  conflict: Conflict;
  organisations: ReadonlyMap<string, Organisation>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { base, mine, current } = conflict;
  const theirs = current.properties ?? {};
  const mineProps = mine === 'delete' ? {} : (mine.properties ?? {});
  const baseProps = base?.properties ?? {};
  const keys = [...new Set([...Object.keys(mineProps), ...Object.keys(baseProps)])].filter(
    (k) => !['version', 'createdAt', 'updatedAt', 'id'].includes(k),
  );
  const rows = keys
    .map((key) => ({ key, mine: key in mineProps ? mineProps[key] : baseProps[key], theirs: theirs[key] }))
    .filter((r) => !same(r.mine, r.theirs));
  const moved =
    (mine !== 'delete' && mine.geometry !== undefined && !same(mine.geometry, current.geometry)) ||
    (base !== null && !same(base.geometry, current.geometry));
  const show = (value: unknown) => formatAttribute(value, 'enum', i18n, organisations);
  const label = (key: string) => {
    const k = labelKey(key);
    return k ? t(k) : key;
  };

  const reapply = async () => {
    setBusy(true);
    setError(null);
    try {
      await conflict.reapply();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="alertdialog"
        aria-labelledby="conflict-title"
        data-testid="conflict-dialog"
      >
        <h2 id="conflict-title">{t('conflictTitle')}</h2>
        <p>{t('conflictExplain', { version: String(current.properties?.version ?? '?') })}</p>
        <table className="diff-table">
          <thead>
            <tr>
              <th>{t('field')}</th>
              <th>{t('yourVersion')}</th>
              <th>{t('otherVersion')}</th>
            </tr>
          </thead>
          <tbody>
            {mine === 'delete' ? (
              <tr>
                <td>—</td>
                <td>{t('youDelete')}</td>
                <td>{t('theyKept')}</td>
              </tr>
            ) : null}
            {rows.map((r) => (
              <tr key={r.key} data-field={r.key}>
                <td>{label(r.key)}</td>
                <td className="mine">{show(r.mine)}</td>
                <td className="theirs">{show(r.theirs)}</td>
              </tr>
            ))}
            {moved ? (
              <tr>
                <td>{t('position')}</td>
                <td className="mine">{mine !== 'delete' && mine.geometry ? t('movedByYou') : '—'}</td>
                <td className="theirs">{t('positionChanged')}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="form-actions">
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={reapply}
            data-testid="reapply-mine"
          >
            {t('reapplyMine')}
          </button>
          <button type="button" disabled={busy} onClick={conflict.discard} data-testid="discard-mine">
            {t('discardMine')}
          </button>
        </div>
      </div>
    </div>
  );
}
