import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { permitsKey } from './application-list';
import { decide, type PermitApplication, requestInfo } from './permits-api';
import { usePermitsText } from './permits-i18n';

type Action = 'request-info' | 'approve' | 'conditions' | 'reject';

/**
 * The reviewer's actions on a submitted application: ask for more information (a text), approve,
 * approve with conditions (one per line), reject with reasons.
 */
export function ReviewActions({ application }: { application: PermitApplication }) {
  const { t } = usePermitsText();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const run = useMutation({
    mutationFn: async (act: Action) => {
      const lines = text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      if (act === 'request-info') return requestInfo(application, text.trim());
      if (act === 'approve') return decide(application, { outcome: 'approved', conditions: [] });
      if (act === 'conditions')
        return decide(application, { outcome: 'approved_with_conditions', conditions: lines });
      return decide(application, { outcome: 'rejected', reason: text.trim(), conditions: [] });
    },
    onSuccess: (next) => {
      queryClient.setQueryData([...permitsKey, 'one', application.id], next);
      void queryClient.invalidateQueries({ queryKey: permitsKey });
      setAction(null);
      setText('');
    },
  });
  const needsText = action === 'request-info' || action === 'conditions' || action === 'reject';
  const label =
    action === 'request-info'
      ? t('requestInfoReason')
      : action === 'conditions'
        ? t('conditionsHint')
        : t('rejectReason');
  const choose = (a: Action) => {
    setAction(a);
    setMissing(false);
    run.reset();
  };
  return (
    <section className="permits-section permits-review" data-testid="permit-review">
      <h4>{t('review')}</h4>
      <div className="permits-actions">
        <button type="button" data-testid="permit-request-info" onClick={() => choose('request-info')}>
          {t('requestInfo')}
        </button>
        <button type="button" data-testid="permit-approve" onClick={() => choose('approve')}>
          {t('approve')}
        </button>
        <button type="button" data-testid="permit-approve-conditions" onClick={() => choose('conditions')}>
          {t('approveWithConditions')}
        </button>
        <button
          type="button"
          className="permits-danger"
          data-testid="permit-reject"
          onClick={() => choose('reject')}
        >
          {t('reject')}
        </button>
      </div>
      {action ? (
        <form
          className="permits-form"
          data-testid="permit-review-form"
          data-action={action}
          onSubmit={(e) => {
            e.preventDefault();
            if (needsText && text.trim() === '') {
              setMissing(true);
              return;
            }
            run.mutate(action);
          }}
        >
          {needsText ? (
            <label>
              {label}
              <textarea name="text" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
              {missing ? <span className="permits-field-error">{t('needText')}</span> : null}
            </label>
          ) : null}
          <div className="permits-actions">
            <button
              type="submit"
              className={action === 'reject' ? 'permits-danger' : 'permits-primary'}
              data-testid="permit-review-confirm"
              disabled={run.isPending}
            >
              {t('confirm')}
            </button>
            <button type="button" onClick={() => setAction(null)}>
              {t('cancel')}
            </button>
          </div>
          {run.error ? <p className="permits-error">{t('failed', { message: run.error.message })}</p> : null}
        </form>
      ) : null}
    </section>
  );
}
