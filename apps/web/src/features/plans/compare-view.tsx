import { IndicatorsView } from '../indicators/indicators-view';
import { usePlanText } from './plan-i18n';
import { CHANGE_COLORS, compareTableRows } from './plan-style';
import type { CompareResult, PlanVersion } from './plans-api';

/**
 * Compare the shown version with another: choose the base, read the counts and the table of items
 * added, changed and removed (the map colours them), and the indicators of both side by side.
 */
export function CompareView({
  shown,
  versions,
  baseId,
  onBase,
  result,
  loading,
  error,
  onPick,
}: {
  shown: PlanVersion;
  versions: readonly PlanVersion[];
  baseId: string | null;
  onBase: (id: string | null) => void;
  result: CompareResult | undefined;
  loading: boolean;
  error: Error | null;
  onPick: (itemId: string, change: string) => void;
}) {
  const { t, label } = usePlanText();
  const rows = result ? compareTableRows(result) : [];
  return (
    <section className="plan-compare" data-testid="plan-compare">
      <label className="plan-inline-label">
        {t('compareWith')}
        <select
          data-testid="compare-base"
          value={baseId ?? ''}
          onChange={(e) => onBase(e.target.value === '' ? null : e.target.value)}
        >
          <option value="">{t('chooseVersion')}</option>
          {versions
            .filter((v) => v.id !== shown.id)
            .map((v) => (
              <option key={v.id} value={v.id}>
                {label('kind', v.kind)} — {v.name}
              </option>
            ))}
        </select>
      </label>
      {loading ? <p className="plan-hint">{t('loading')}</p> : null}
      {error ? (
        <p className="plan-error" role="alert">
          {t('error', { message: error.message })}
        </p>
      ) : null}
      {result ? (
        <>
          <p className="plan-hint">
            {t('compareOf', { target: result.target.name, base: result.base.name })}
          </p>
          <div className="plan-compare-summary" data-testid="compare-summary">
            {(['added', 'changed', 'removed'] as const).map((change) => (
              <span key={change} className="plan-change-count" data-change={change}>
                <span className="swatch" style={{ background: CHANGE_COLORS[change] }} />
                {t(change)}: <strong data-testid={`compare-${change}`}>{result.summary[change]}</strong>
              </span>
            ))}
            <span className="plan-hint">{t('unchanged', { count: result.summary.unchanged })}</span>
          </div>
          {rows.length === 0 ? (
            <p className="plan-hint">{t('noDifferences')}</p>
          ) : (
            <div className="plan-table-wrap">
              <table className="plan-table" data-testid="compare-table">
                <thead>
                  <tr>
                    <th>{t('colChange')}</th>
                    <th>{t('colKind')}</th>
                    <th>{t('colName')}</th>
                    <th>{t('colFields')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.slice(0, 500).map((r) => (
                    <tr
                      key={`${r.change}:${r.originId}`}
                      data-change={r.change}
                      data-testid="compare-row"
                      onClick={() => onPick(r.itemId, r.change)}
                    >
                      <td>
                        <span className="swatch" style={{ background: CHANGE_COLORS[r.change] }} />{' '}
                        {t(r.change)}
                      </td>
                      <td>{label('item', r.kind)}</td>
                      <td>{r.name ?? '—'}</td>
                      <td>{r.fields?.join(', ') ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="plan-side-by-side" data-testid="compare-indicators">
            <IndicatorsView versionId={shown.id} compareVersionId={baseId} />
          </div>
        </>
      ) : null}
    </section>
  );
}
