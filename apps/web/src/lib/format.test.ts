import { describe, expect, it } from 'vitest';
import { formatDate, formatDay, formatLngLat, formatMoney, formatNumber } from './format';

const DD_MM_YYYY = /^\d{2}\/\d{2}\/\d{4}$/;
const DD_MM_YYYY_HH_MM = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;

describe('dates', () => {
  const dates = ['2026-06-12', '2026-01-05', '2030-12-31'];
  const timestamps = ['2026-06-12T10:35:58.000Z', '2026-06-12T17:35:58Z', '2026-12-31T23:59:00+07:00'];

  it('come out as dd/mm/yyyy from every formatter, in both languages', () => {
    for (const iso of [...dates, ...timestamps]) {
      expect(formatDay(iso)).toMatch(DD_MM_YYYY);
      expect(formatDay(iso, true)).toMatch(iso.length === 10 ? DD_MM_YYYY : DD_MM_YYYY_HH_MM);
      for (const lang of ['vi', 'en'] as const) {
        expect(formatDate(lang, iso)).toMatch(iso.length === 10 ? DD_MM_YYYY : DD_MM_YYYY_HH_MM);
      }
    }
  });

  it('read a date as that calendar day, and a timestamp on the 24-hour clock in Vietnam time', () => {
    expect(formatDay('2026-06-12')).toBe('12/06/2026');
    expect(formatDate('en', '2026-06-12')).toBe('12/06/2026');
    // 17:35 UTC is 00:35 the next day in Hai Phong.
    expect(formatDate('vi', '2026-06-12T17:35:58Z')).toBe('13/06/2026 00:35');
    expect(formatDate('en', '2026-06-12T10:35:58.000Z')).toBe('12/06/2026 17:35');
    expect(formatDay('2026-12-31T23:59:00+07:00', true)).toBe('31/12/2026 23:59');
  });

  it('leave a text that is no date as it is', () => {
    expect(formatDay('not a date')).toBe('not a date');
  });
});

describe('numbers, money and points', () => {
  it('write numbers and đồng as the language does', () => {
    expect(formatNumber('vi', 5987.94, 1)).toBe('5.987,9');
    expect(formatNumber('en', 5987.94, 1)).toBe('5,987.9');
    expect(formatMoney('vi', 10_335_000)).toBe('10.335.000\u00a0₫');
    expect(formatMoney('en', 10_335_000)).toBe('₫10,335,000');
  });

  it('show a point as longitude, latitude with 6 decimals', () => {
    expect(formatLngLat([106.6881234, 20.8449])).toBe('106.688123, 20.844900');
  });
});
