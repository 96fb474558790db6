import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../lib/api-client';
import { draftOf, interimServerErrors, parseClear, parseInterimDraft } from './interim-target-form';

describe('the interim target form', () => {
  it('reads decimal commas and sends a value, a range and the reason', () => {
    expect(parseInterimDraft({ value: '55,5', max: '', note: ' Nửa chặng đường ' }, 'percent')).toEqual({
      body: { value: 55.5, max: null, note: 'Nửa chặng đường' },
    });
    expect(parseInterimDraft({ value: '1', max: '2', note: 'Một đến hai' }, 'count').body).toEqual({
      value: 1,
      max: 2,
      note: 'Một đến hai',
    });
  });

  it('lists every problem at once: not a number, over 100 %, a range upside down, no reason', () => {
    expect(parseInterimDraft({ value: 'nhiều', max: '', note: '' }, 'percent').errors).toEqual({
      value: 'errInterimNumber',
      note: 'errInterimReason',
    });
    expect(parseInterimDraft({ value: '120', max: '-1', note: 'abc' }, 'percent').errors).toEqual({
      value: 'errInterimPercent',
      max: 'errInterimNegative',
    });
    expect(parseInterimDraft({ value: '5', max: '3', note: 'abc' }, 'count').errors).toEqual({
      max: 'errInterimMax',
    });
    // Over 100 is fine for a count.
    expect(parseInterimDraft({ value: '120', max: '', note: 'abc' }, 'count').body?.value).toBe(120);
  });

  it('clears with a reason only, and starts from the stored target in Vietnamese notation', () => {
    expect(parseClear({ value: '', max: '', note: 'x' })).toEqual({ errors: { note: 'errInterimReason' } });
    expect(parseClear({ value: '3', max: '', note: 'Chờ số liệu' })).toEqual({
      body: { value: null, note: 'Chờ số liệu' },
    });
    const stored = {
      key: 'population5gPercent',
      year: 2027 as const,
      value: 62.5,
      max: null,
      note: '',
      assumption: true as const,
      setBy: 'Sở',
      setAt: '2026-12-07T00:00:00.000Z',
      version: 1,
    };
    expect(draftOf(stored)).toEqual({ value: '62,5', max: '', note: '' });
    expect(draftOf(null)).toEqual({ value: '', max: '', note: '' });
  });

  it('says the server’s refusals in the UI language, by field', () => {
    const refused = (status: number, details: { path: string[]; message: string }[] = []) =>
      new ApiRequestError(status, 'X', 'english words', '/api', 'r', details);
    expect(interimServerErrors(refused(403))).toEqual({ '': 'errInterimForbidden' });
    expect(interimServerErrors(refused(401))).toEqual({ '': 'errInterimSession' });
    expect(interimServerErrors(refused(400, [{ path: ['value'], message: 'a percentage' }]))).toEqual({
      '': 'errInterimForm',
      value: 'errInterimNumber',
    });
    expect(interimServerErrors(new Error('network'))).toEqual({ '': 'errInterimServer' });
  });
});
