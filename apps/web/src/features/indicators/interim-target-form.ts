import type { IndicatorUnit, InterimTarget, InterimTargetInput } from '@hatang/contracts';
import { ApiRequestError } from '../../lib/api-client';
import { parseNumberText } from '../../lib/format';
import type { IndicatorMessageKey } from './indicators-i18n';

/** What a planner typed for an interim target (numbers as text: decimal commas accepted). */
export interface InterimDraft {
  value: string;
  max: string;
  note: string;
}

export type InterimField = 'value' | 'max' | 'note' | '';
/** Problems by field ('' for the form as a whole), as message keys. */
export type InterimErrors = Partial<Record<InterimField, IndicatorMessageKey>>;

export const draftOf = (target: InterimTarget | null): InterimDraft => ({
  value: target ? String(target.value).replace('.', ',') : '',
  max: target?.max === null || target?.max === undefined ? '' : String(target.max).replace('.', ','),
  note: '',
});

/**
 * The draft as the API's body, or every problem at once: the value a number, 0 or more (at most
 * 100 for a percentage), the optional upper bound at least the value, and a reason.
 */
export function parseInterimDraft(
  draft: InterimDraft,
  unit: IndicatorUnit,
): { body: InterimTargetInput; errors?: undefined } | { body?: undefined; errors: InterimErrors } {
  const errors: InterimErrors = {};
  const number = (text: string, field: 'value' | 'max'): number | null => {
    if (text.trim() === '') {
      if (field === 'value') errors.value = 'errInterimNumber';
      return null;
    }
    const n = parseNumberText(text);
    if (!Number.isFinite(n)) errors[field] = 'errInterimNumber';
    else if (n < 0) errors[field] = 'errInterimNegative';
    else if (unit === 'percent' && n > 100) errors[field] = 'errInterimPercent';
    else return n;
    return null;
  };
  const value = number(draft.value, 'value');
  const max = number(draft.max, 'max');
  if (value !== null && max !== null && max < value) errors.max = 'errInterimMax';
  if (draft.note.trim().length < 3) errors.note = 'errInterimReason';
  if (Object.keys(errors).length > 0) return { errors };
  return { body: { value, max, note: draft.note.trim() } };
}

/** Clearing needs a reason too (it is audited like a change). */
export function parseClear(draft: InterimDraft): { body: InterimTargetInput } | { errors: InterimErrors } {
  return draft.note.trim().length < 3
    ? { errors: { note: 'errInterimReason' } }
    : { body: { value: null, note: draft.note.trim() } };
}

/** The server's refusal in the UI's language, by field. */
export function interimServerErrors(error: unknown): InterimErrors {
  if (!(error instanceof ApiRequestError)) return { '': 'errInterimServer' };
  if (error.status === 401) return { '': 'errInterimSession' };
  if (error.status === 403) return { '': 'errInterimForbidden' };
  if (error.status === 400 && error.details.length) {
    const errors: InterimErrors = { '': 'errInterimForm' };
    for (const issue of error.details) {
      const field = issue.path[0];
      if (field === 'value' || field === 'max') errors[field] = 'errInterimNumber';
      else if (field === 'note') errors.note = 'errInterimReason';
    }
    return errors;
  }
  return { '': 'errInterimServer' };
}
