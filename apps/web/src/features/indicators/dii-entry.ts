import { parseNumberText } from '../../lib/format';

/** What a planner typed for one year, turned into the API's values: only what changed. */
export interface EntryDiff {
  values: { criterionCode: string; value: number | null }[];
  /** Codes whose text is not a number. */
  invalid: string[];
}

/**
 * Compares the typed texts with the stored values of the year: a changed number is sent, a
 * cleared field removes the stored value (null), an unchanged or still-empty field is not sent.
 * Decimal commas are accepted (Vietnamese number format).
 */
export function diffEntries(
  stored: ReadonlyMap<string, number>,
  typed: ReadonlyMap<string, string>,
): EntryDiff {
  const values: EntryDiff['values'] = [];
  const invalid: string[] = [];
  for (const [code, text] of typed) {
    const before = stored.get(code);
    if (text.trim() === '') {
      if (before !== undefined) values.push({ criterionCode: code, value: null });
      continue;
    }
    const value = parseNumberText(text);
    if (!Number.isFinite(value)) invalid.push(code);
    else if (value !== before) values.push({ criterionCode: code, value });
  }
  return { values, invalid };
}

/** Points of a small trend line (SVG polyline) through the values, oldest left. */
export function sparklinePoints(
  values: readonly { year: number; value: number }[],
  width: number,
  height: number,
) {
  if (values.length === 0) return '';
  const min = Math.min(...values.map((v) => v.value));
  const max = Math.max(...values.map((v) => v.value));
  const span = max - min || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const x = values.length > 1 ? i * step : width / 2;
      const y = max === min ? height / 2 : height - ((v.value - min) / span) * height;
      return `${Number(x.toFixed(1))},${Number(y.toFixed(1))}`;
    })
    .join(' ');
}
