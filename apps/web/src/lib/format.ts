import type { Lang } from './i18n';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Formats a number for the UI language (vi: 1.234,5; en: 1,234.5). */
export function formatNumber(lang: Lang, value: number, maximumFractionDigits = 2): string {
  const key = `${lang}:${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** Formats an ISO date or timestamp as a local date (time too when the value has one). */
export function formatDate(lang: Lang, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  return iso.length > 10
    ? date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })
    : date.toLocaleDateString(locale, { dateStyle: 'medium', timeZone: 'UTC' });
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date as Vietnamese administration writes it, dd/mm/yyyy, in both languages (an ISO date as
 * that calendar day; a timestamp in local time, followed by HH:mm when `withTime`).
 */
export function formatDay(iso: string, withTime = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const utc = iso.length <= 10;
  const [d, m, y] = utc
    ? [date.getUTCDate(), date.getUTCMonth() + 1, date.getUTCFullYear()]
    : [date.getDate(), date.getMonth() + 1, date.getFullYear()];
  const day = `${pad(d)}/${pad(m)}/${y}`;
  return withTime && !utc ? `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}` : day;
}

/** Degrees with 6 decimals (≈ 0.1 m), always with a dot so it can be pasted elsewhere. */
export const formatDegrees = (value: number): string => value.toFixed(6);

/** Metres with 2 decimals, always with a dot. */
export const formatMetres = (value: number): string => value.toFixed(2);

/** Parses a number typed with a dot or a decimal comma (spaces ignored); NaN when it is not one. */
export function parseNumberText(text: string): number {
  const normalised = text.trim().replace(/\s/g, '').replace(',', '.');
  return normalised === '' ? Number.NaN : Number(normalised);
}
