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

/** Vietnam time: every timestamp on screen is read in Hai Phong's clock, whatever the browser's. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const timestampParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * A date as Vietnamese administration writes it, dd/mm/yyyy, in both languages: an ISO date
 * (yyyy-mm-dd) as that calendar day; a timestamp as its day in Vietnam time, followed by the
 * 24-hour HH:mm when `withTime`. Returns the input unchanged when it is not a date.
 */
export function formatDay(iso: string, withTime = false): string {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (dateOnly) return `${dateOnly[3]}/${dateOnly[2]}/${dateOnly[1]}`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const part = Object.fromEntries(timestampParts.formatToParts(date).map((p) => [p.type, p.value]));
  const day = `${part.day}/${part.month}/${part.year}`;
  return withTime ? `${day} ${part.hour}:${part.minute}` : day;
}

/**
 * An ISO date or timestamp for the screen, in either language: dd/mm/yyyy for a date,
 * dd/mm/yyyy HH:mm (24 h, Vietnam time) for a timestamp. `lang` is kept so callers need not
 * know that both languages write dates the Vietnamese way.
 */
export function formatDate(_lang: Lang, iso: string): string {
  return formatDay(iso, true);
}

const moneyFormats = new Map<Lang, Intl.NumberFormat>();

/** An amount in Vietnamese đồng (VND), whole, with its currency sign (vi: 10.335.000 ₫; en: ₫10,335,000). */
export function formatMoney(lang: Lang, vnd: number): string {
  let format = moneyFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
      style: 'currency',
      currency: 'VND',
      maximumFractionDigits: 0,
    });
    moneyFormats.set(lang, format);
  }
  return format.format(Math.round(vnd));
}

/**
 * A point for the screen, in the one order the app uses everywhere (as the API): longitude then
 * latitude, WGS 84 degrees with 6 decimals (≈ 0.1 m), dots so it can be pasted back. Label it with
 * "(kinh độ, vĩ độ)" / "(longitude, latitude)" where it is shown.
 */
export const formatLngLat = ([lng, lat]: readonly number[]): string =>
  `${formatDegrees(lng ?? Number.NaN)}, ${formatDegrees(lat ?? Number.NaN)}`;

/** Degrees with 6 decimals (≈ 0.1 m), always with a dot so it can be pasted elsewhere. */
export const formatDegrees = (value: number): string => value.toFixed(6);

/** Metres with 2 decimals, always with a dot. */
export const formatMetres = (value: number): string => value.toFixed(2);

const inputFormats = new Map<Lang, Intl.NumberFormat>();

/**
 * A number to put in a text input, as the language writes it but without thousands separators
 * (vi: 5,8; en: 5.8), so the form reads like the panel and `parseNumberText` reads it back.
 */
export function formatNumberInput(lang: Lang, value: number): string {
  let format = inputFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
      useGrouping: false,
      maximumFractionDigits: 20,
    });
    inputFormats.set(lang, format);
  }
  return format.format(value);
}

/** Parses a number typed with a dot or a decimal comma (spaces ignored); NaN when it is not one. */
export function parseNumberText(text: string): number {
  const normalised = text.trim().replace(/\s/g, '').replace(',', '.');
  return normalised === '' ? Number.NaN : Number(normalised);
}
