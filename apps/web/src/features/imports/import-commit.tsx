import { useQuery } from '@tanstack/react-query';
import { formatNumber } from '../../lib/format';
import { ErrorBox, ProgressBar } from './import-parts';
import { fetchDuplicates, type ImportChange, type ImportView } from './imports-api';
import { useImportText } from './imports-i18n';

/** Which valid rows match existing assets under the current mapping (asked again after a remap). */
function Duplicates({ view }: { view: ImportView }) {
  const { t, lang } = useImportText();
  const found = useQuery({
    queryKey: ['imports', view.id, 'duplicates', JSON.stringify(view.mapping)],
    queryFn: ({ signal }) => fetchDuplicates(view.id, signal),
    staleTime: 60_000,
  });
  if (found.isPending) return <p className="import-hint">{t('dupChecking')}</p>;
  if (found.error) return <ErrorBox error={found.error} testId="import-duplicates-error" />;
  const { count, rows } = found.data;
  if (count === 0)
    return (
      <p className="import-hint" data-testid="import-duplicates-count" data-count={0}>
        {t('dupNone')}
      </p>
    );
  return (
    <div className="import-dups">
      <p data-testid="import-duplicates-count" data-count={count}>
        {t('dupFound', { count: formatNumber(lang, count) })}
      </p>
      <ul>
        {rows.slice(0, 10).map((r) => (
          <li key={r.row}>
            {t('dupRow', {
              row: r.row,
              code: r.existingCode,
              how: t(r.match === 'code' ? 'dupByCode' : 'dupByPlace'),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The last step: what to do with assets that exist already (same code, or the same place within
 * ~1 m), the explicit "import only the valid rows", the commit and its result.
 */
export function ImportCommit({
  view,
  busy,
  onChange,
  onCommit,
}: {
  view: ImportView;
  busy: 'mapping' | 'option' | 'commit' | null;
  onChange: (patch: ImportChange) => void;
  onCommit: () => void;
}) {
  const { t, lang } = useImportText();
  const n = (value: number) => formatNumber(lang, value);
  if (view.status === 'committed' && view.result) {
    const r = view.result;
    return (
      <div className="import-result" data-testid="import-result">
        <p className="import-ok">{t('done')}</p>
        <div className="figures">
          {(
            [
              ['created', r.created],
              ['updated', r.updated],
              ['skipped', r.skipped],
              ['invalidSkipped', r.invalidSkipped],
            ] as const
          ).map(([key, value]) => (
            <div className="figure" key={key} data-testid={`import-result-${key}`}>
              <span className="figure-label">{t(key)}</span>
              <strong className="figure-value">{n(value)}</strong>
            </div>
          ))}
        </div>
      </div>
    );
  }
  const locked = busy !== null;
  const blocked = view.rowsInvalid > 0 && !view.validRowsOnly;
  const validRows = Math.max(0, view.rowsParsed - view.rowsInvalid);
  return (
    <div className="import-commit">
      <fieldset className="import-duplicates" disabled={locked}>
        <legend>{t('duplicates')}</legend>
        <Duplicates view={view} />
        {(['skip', 'update'] as const).map((choice) => (
          <label key={choice}>
            <input
              type="radio"
              name="duplicates"
              value={choice}
              data-testid={`import-duplicates-${choice}`}
              checked={view.duplicates === choice}
              onChange={() => onChange({ duplicates: choice })}
            />{' '}
            {t(choice === 'skip' ? 'dupSkip' : 'dupUpdate')}
          </label>
        ))}
      </fieldset>
      {view.rowsInvalid > 0 ? (
        <label className="import-valid-only">
          <input
            type="checkbox"
            data-testid="import-valid-only"
            checked={view.validRowsOnly}
            disabled={locked}
            onChange={(e) => onChange({ validRowsOnly: e.target.checked })}
          />{' '}
          {t('validRowsOnly', { count: n(validRows) })}
        </label>
      ) : null}
      {blocked ? <p className="import-warning">{t('mustChooseValid')}</p> : null}
      <button
        type="button"
        className="primary"
        data-testid="import-commit"
        disabled={locked || blocked || validRows === 0}
        onClick={onCommit}
      >
        {busy === 'commit' ? t('committing') : t('commit')}
      </button>
      {busy === 'commit' ? (
        <ProgressBar fraction={null} label={t('commitProgress')} testId="import-commit-progress" />
      ) : null}
    </div>
  );
}
