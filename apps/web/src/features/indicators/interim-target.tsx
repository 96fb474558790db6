import { INTERIM_MILESTONE_YEAR, type IndicatorValue } from '@hatang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDay, formatNumber } from '../../lib/format';
import { useSession } from '../auth/use-session';
import { saveInterimTarget } from './indicators-api';
import type { IndicatorText } from './indicators-i18n';
import {
  draftOf,
  type InterimDraft,
  type InterimErrors,
  interimServerErrors,
  parseClear,
  parseInterimDraft,
} from './interim-target-form';

const EDITORS = new Set(['admin', 'planner']);

/**
 * An indicator's 2027 interim target beside the version's planned value for 2027: the city's own
 * planning assumption (Plan 317 sets targets for 2030 only), labelled so, with who set it, when and
 * why. Planners and admins set, change or clear it here; everyone else reads it.
 */
export function InterimTargetRow({ value, text }: { value: IndicatorValue; text: IndicatorText }) {
  const { t, tKey, lang } = text;
  const session = useSession();
  const mayEdit = session.data?.user.roles.some((r) => EDITORS.has(r)) ?? false;
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<InterimDraft | null>(null);
  const [errors, setErrors] = useState<InterimErrors>({});
  // A message key, not its text: it follows a change of language.
  const [message, setMessage] = useState<'interimSaved' | 'interimCleared' | null>(null);
  const save = useMutation({
    mutationFn: (input: Parameters<typeof saveInterimTarget>[1]) => saveInterimTarget(value.key, input),
    onSuccess: (_, input) => {
      setDraft(null);
      setErrors({});
      setMessage(input.value === null ? 'interimCleared' : 'interimSaved');
      void queryClient.invalidateQueries({ queryKey: ['indicators'] });
    },
    onError: (error) => setErrors(interimServerErrors(error)),
  });
  const unit = tKey(`unit_${value.unit}`, '');
  const show = (figure: number) =>
    `${formatNumber(lang, figure, value.unit === 'count' ? 0 : 2)}${unit ? ` ${unit}` : ''}`;
  const year = INTERIM_MILESTONE_YEAR;
  const interim = value.interimTarget;
  const planned = value.planned?.[`${year}`];
  const submit = (result: ReturnType<typeof parseInterimDraft> | ReturnType<typeof parseClear>) => {
    if ('errors' in result && result.errors) setErrors(result.errors);
    else if ('body' in result && result.body) save.mutate(result.body);
  };
  const fieldError = (field: keyof InterimErrors) =>
    errors[field] ? (
      <span className="interim-error" role="alert" data-testid={`interim-error-${field || 'form'}`}>
        {t(errors[field])}
      </span>
    ) : null;

  return (
    <div className="interim-target" data-testid={`interim-${value.key}`}>
      <div className="interim-head">
        <strong>{t('interimTitle', { year })}</strong>
        <span className="interim-badge" data-testid={`interim-assumption-${value.key}`}>
          {t('interimAssumption')}
        </span>
      </div>
      <div className="interim-figures">
        <span data-testid={`interim-planned-${value.key}`}>
          {t('interimPlanned', {
            year,
            value: planned === null || planned === undefined ? t('empty') : show(planned),
          })}
        </span>
        {interim ? (
          <span className="interim-value" data-testid={`interim-value-${value.key}`}>
            {t('target')}:{' '}
            {interim.max === null
              ? show(interim.value)
              : `${formatNumber(lang, interim.value)}–${show(interim.max)}`}
          </span>
        ) : (
          <span className="interim-none" data-testid={`interim-none-${value.key}`}>
            {t('interimNone', { year })}
          </span>
        )}
      </div>
      {interim ? (
        <p className="interim-meta">
          {t('interimSetBy', { org: interim.setBy, date: formatDay(interim.setAt) })} ·{' '}
          {t('interimNote', { note: interim.note })}
        </p>
      ) : null}
      {message && !draft ? (
        <p className="interim-meta" role="status">
          {t(message)}
        </p>
      ) : null}
      {mayEdit && !draft ? (
        <button
          type="button"
          className="interim-open"
          onClick={() => {
            setDraft(draftOf(interim));
            setErrors({});
            setMessage(null);
          }}
          data-testid={`interim-edit-${value.key}`}
        >
          {interim ? t('interimEdit') : t('interimSet')}
        </button>
      ) : null}
      {mayEdit && draft ? (
        <form
          className="interim-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit(parseInterimDraft(draft, value.unit));
          }}
          noValidate
        >
          <label>
            {t('interimValue')}
            {unit ? ` (${unit})` : ''}
            <input
              inputMode="decimal"
              value={draft.value}
              onChange={(e) => setDraft({ ...draft, value: e.target.value })}
              aria-invalid={Boolean(errors.value)}
              data-testid="interim-input-value"
            />
            {fieldError('value')}
          </label>
          <label>
            {t('interimMax')}
            <input
              inputMode="decimal"
              value={draft.max}
              onChange={(e) => setDraft({ ...draft, max: e.target.value })}
              aria-invalid={Boolean(errors.max)}
              data-testid="interim-input-max"
            />
            {fieldError('max')}
          </label>
          <label className="interim-note">
            {t('interimReason')}
            <textarea
              rows={2}
              value={draft.note}
              onChange={(e) => setDraft({ ...draft, note: e.target.value })}
              aria-invalid={Boolean(errors.note)}
              data-testid="interim-input-note"
            />
            {fieldError('note')}
          </label>
          {fieldError('')}
          <div className="interim-actions">
            <button type="submit" disabled={save.isPending} data-testid="interim-save">
              {save.isPending ? t('saving') : t('interimSave')}
            </button>
            {interim ? (
              <button
                type="button"
                disabled={save.isPending}
                onClick={() => submit(parseClear(draft))}
                data-testid="interim-clear"
              >
                {t('interimClear')}
              </button>
            ) : null}
            <button type="button" onClick={() => setDraft(null)}>
              {t('interimCancel')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
