import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { usePlanText } from './plan-i18n';
import { fetchItemHistory, restoreItem } from './plans-api';

/** The item's audited history (GET /plan-items/:id/history), newest first, each version restorable. */
export function ItemHistory({
  itemId,
  editable,
  onRestored,
}: {
  itemId: string;
  editable: boolean;
  onRestored: () => void;
}) {
  const { t, lang } = usePlanText();
  const { tValue } = useI18n();
  const [open, setOpen] = useState(false);
  const history = useQuery({
    queryKey: ['plan-item-history', itemId],
    queryFn: ({ signal }) => fetchItemHistory(itemId, signal),
    enabled: open,
  });
  const restore = useMutation({
    mutationFn: ({ version, current }: { version: number; current: number | null }) =>
      restoreItem(itemId, version, current),
    onSuccess: onRestored,
  });
  const entries = history.data ?? [];
  const current = entries.find((e) => e.after)?.after?.properties.version ?? null;
  return (
    <details className="plan-history" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('history')}</summary>
      {history.isPending && open ? <p className="plan-hint">{t('loading')}</p> : null}
      {restore.error ? <p className="plan-error">{t('error', { message: restore.error.message })}</p> : null}
      <ol>
        {entries.map((e) => (
          <li key={`${e.version}:${e.action}:${e.at}`}>
            v{e.version} · {tValue(`action_${e.action}`)} · {formatDate(lang, e.at)} ·{' '}
            {e.actor?.displayName ?? '—'}
            {editable && e.after && e.version !== current ? (
              <button
                type="button"
                className="small"
                disabled={restore.isPending}
                onClick={() => restore.mutate({ version: e.version, current })}
              >
                {t('restore')}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
