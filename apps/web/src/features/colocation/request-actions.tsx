import {
  COLOCATION_LABELS,
  type ColocationAction,
  type ColocationRejectReason,
  type ColocationRequest,
  colocationRejectReason,
  type SessionUser,
} from '@hatang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiRequestError } from '../../lib/api-client';
import { parseNumberText } from '../../lib/format';
import { colocationKeys, type StepBody, transition } from './colocation-api';
import { useColocationText } from './colocation-i18n';
import { allowedActions } from './colocation-model';

/** What a step sends, from the small form shown for it. */
function bodyFor(
  action: ColocationAction,
  text: string,
  reason: ColocationRejectReason,
  rentText: string,
): StepBody {
  const rent = parseNumberText(rentText);
  const rentVndPerYear = Number.isFinite(rent) && rent >= 0 ? { rentVndPerYear: Math.round(rent) } : {};
  const note = text.trim() ? { note: text.trim() } : {};
  switch (action) {
    case 'accept':
      return { ...note, ...rentVndPerYear };
    case 'accept-with-conditions':
      return {
        conditions: text
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
        ...rentVndPerYear,
      };
    case 'reject':
      return { reasonCode: reason, text: text.trim() };
    case 'withdraw':
      return text.trim() ? { text: text.trim() } : {};
    default:
      return { text: text.trim() };
  }
}

/**
 * The answer buttons of a request (only the steps this user may take), each opening a small form:
 * a note and the yearly rent to accept, conditions (one per line), a reason from the list plus
 * text to reject, the text of an info request or of the response. A 409 says what conflicted.
 */
export function RequestActions({
  user,
  request,
  suggestedRentVnd,
  onChanged,
}: {
  user: SessionUser | null;
  request: ColocationRequest;
  suggestedRentVnd: number | null;
  onChanged: (request: ColocationRequest) => void;
}) {
  const { t, lang } = useColocationText();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<ColocationAction | null>(null);
  const [text, setText] = useState('');
  const [reason, setReason] = useState<ColocationRejectReason>('no_capacity');
  const [rent, setRent] = useState('');
  const actions = allowedActions(user, request);
  const run = useMutation({
    mutationFn: (a: ColocationAction) => transition(request, a, bodyFor(a, text, reason, rent)),
    onSuccess: (answer) => {
      setAction(null);
      setText('');
      onChanged(answer);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: colocationKeys.all });
      void queryClient.invalidateQueries({ queryKey: colocationKeys.notifications });
      // Acceptance adds a tenancy or occupies tubes/attachments: the asset panels must reload.
      void queryClient.invalidateQueries({ queryKey: ['asset'] });
    },
  });
  const conflict = run.error instanceof ApiRequestError && run.error.status === 409 ? run.error : null;
  // After a conflict the request reloads and may allow nothing more: the message still shows.
  if (actions.length === 0 && !run.error) return null;
  const needsText = action === 'request-info' || action === 'respond' || action === 'reject';
  const start = (a: ColocationAction) => {
    run.reset();
    setAction(a);
    setText('');
    setRent(
      (a === 'accept' || a === 'accept-with-conditions') && suggestedRentVnd !== null
        ? String(Math.round(suggestedRentVnd))
        : '',
    );
  };
  return (
    <section data-testid="request-actions">
      <h3>{t('actions')}</h3>
      <div className="answer-actions">
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            data-testid={`action-${a}`}
            aria-pressed={action === a}
            className={a === 'reject' || a === 'withdraw' ? 'danger' : undefined}
            onClick={() => start(a)}
          >
            {COLOCATION_LABELS.action[a][lang]}
          </button>
        ))}
      </div>
      {action && actions.includes(action) ? (
        <form
          className="colocation-form"
          data-testid="action-form"
          style={{ marginTop: '0.5rem' }}
          onSubmit={(e) => {
            e.preventDefault();
            run.mutate(action);
          }}
        >
          {action === 'reject' ? (
            <label>
              {t('rejectReason')}
              <select
                name="reasonCode"
                value={reason}
                onChange={(e) => setReason(e.target.value as ColocationRejectReason)}
              >
                {colocationRejectReason.options.map((r) => (
                  <option key={r} value={r}>
                    {COLOCATION_LABELS.rejectReason[r][lang]}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label>
            {action === 'accept-with-conditions'
              ? `${t('conditions')} (1 / ${lang === 'vi' ? 'dòng' : 'line'})`
              : action === 'reject'
                ? t('reasonText')
                : needsText
                  ? t('messages')
                  : t('note')}
            <textarea
              name="text"
              rows={3}
              required={needsText || action === 'accept-with-conditions'}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </label>
          {action === 'accept' || action === 'accept-with-conditions' ? (
            <label>
              {t('rentPerYearVnd')}
              <input
                name="rentVndPerYear"
                inputMode="numeric"
                value={rent}
                onChange={(e) => setRent(e.target.value)}
              />
            </label>
          ) : null}
          <div className="answer-actions">
            <button type="submit" className="primary" data-testid="action-confirm" disabled={run.isPending}>
              {t('confirm')}: {COLOCATION_LABELS.action[action][lang]}
            </button>
            <button type="button" onClick={() => setAction(null)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {conflict ? (
        <div className="conflict-box" role="alert" data-testid="action-conflict">
          {t('conflict', { message: conflict.message })}
        </div>
      ) : run.error ? (
        <div className="conflict-box" role="alert" data-testid="action-error">
          {t('failed', { message: run.error.message })}
        </div>
      ) : null}
    </section>
  );
}
