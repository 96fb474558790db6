import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiRequestError } from '../../lib/api-client';
import { fetchHistory, type HistoryEntry } from '../../lib/assets-api';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { AssetFeature, AssetResource, Organisation } from '../../lib/types';
import { formatAttribute } from '../assets/format-attribute';
import { labelKey } from '../editing/attribute-form';
import { diffFeatures, geometryChanged } from './diff';

/**
 * The audited versions of a feature, newest first: who, when, and field by field what changed;
 * "Restore this version" for users who may edit it (a new write, itself audited).
 */
export function HistoryPanel({
  resource,
  feature,
  organisations,
  canRestore,
  onRestore,
}: {
  resource: AssetResource;
  feature: AssetFeature;
  organisations: ReadonlyMap<string, Organisation>;
  canRestore: boolean;
  onRestore: (entry: HistoryEntry & { after: AssetFeature }) => Promise<void>;
}) {
  const i18n = useI18n();
  const { t, lang, tValue } = i18n;
  const id = String(feature.id);
  const history = useQuery({
    queryKey: ['history', resource, id],
    queryFn: ({ signal }) => fetchHistory(resource, id, signal),
    retry: false,
  });
  const [restoring, setRestoring] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const currentVersion = feature.properties?.version;
  const show = (value: unknown) =>
    value === undefined ? t('hiddenValue') : formatAttribute(value, 'enum', i18n, organisations);
  const label = (key: string) => {
    const k = labelKey(key);
    return k ? t(k) : key;
  };

  if (history.isPending) return <p className="muted">{t('loading')}</p>;
  if (history.error) {
    const e = history.error;
    return (
      <p className="form-error" role="alert">
        {e instanceof ApiRequestError && (e.status === 401 || e.status === 403)
          ? t('historyNeedsSignIn')
          : e.message}
      </p>
    );
  }
  return (
    <div className="history" data-testid="history-panel">
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <ol className="history-list">
        {history.data.map((entry) => {
          const changes = diffFeatures(entry.before, entry.after);
          const moved = geometryChanged(entry.before, entry.after);
          const after = entry.after;
          return (
            <li key={`${entry.version}-${entry.requestId ?? entry.at}`} data-version={entry.version}>
              <div className="history-head">
                <strong>
                  v{entry.version} · {t(`action_${entry.action}`)}
                </strong>
                <span className="muted">
                  {entry.actorHidden ? t('hiddenActor') : (entry.actor?.displayName ?? t('unknownActor'))} ·{' '}
                  {formatDate(lang, entry.at)}
                </span>
              </div>
              {entry.action === 'update' || entry.action === 'restore' ? (
                <table className="diff-table">
                  <tbody>
                    {changes.map((c) => (
                      <tr key={c.key}>
                        <td>{label(c.key)}</td>
                        <td className="before">{show(c.before)}</td>
                        <td aria-hidden="true">→</td>
                        <td className="after">{show(c.after)}</td>
                      </tr>
                    ))}
                    {moved ? (
                      <tr>
                        <td>{t('position')}</td>
                        <td colSpan={3}>{t('positionChanged')}</td>
                      </tr>
                    ) : null}
                    {changes.length === 0 && !moved ? (
                      <tr>
                        <td colSpan={4} className="muted">
                          {t('noVisibleChanges')}
                        </td>
                      </tr>
                    ) : null}
                  </tbody>
                </table>
              ) : null}
              {canRestore && after && entry.version !== currentVersion && entry.action !== 'delete' ? (
                <button
                  type="button"
                  className="link-button"
                  disabled={restoring !== null}
                  data-testid={`restore-${entry.version}`}
                  onClick={async () => {
                    setRestoring(entry.version);
                    setError(null);
                    try {
                      await onRestore({ ...entry, after });
                    } catch (caught) {
                      setError(caught instanceof Error ? caught.message : String(caught));
                    } finally {
                      setRestoring(null);
                    }
                  }}
                >
                  {restoring === entry.version
                    ? t('saving')
                    : t('restoreVersion', { version: entry.version })}
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
      {history.data.length === 0 ? <p className="muted">{tValue('noHistory')}</p> : null}
    </div>
  );
}
