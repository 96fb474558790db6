import { formatDate, formatNumber } from '../../lib/format';
import type { I18n } from '../../lib/i18n';
import type { Organisation } from '../../lib/types';
import type { AttributeSpec } from '../../map/layer-group';

export const EMPTY_VALUE = '—';

/** Renders one property value for the side panel, in the UI language. */
export function formatAttribute(
  value: unknown,
  format: AttributeSpec['format'],
  i18n: Pick<I18n, 'lang' | 'tValue'>,
  organisations: ReadonlyMap<string, Organisation>,
): string {
  if (value === null || value === undefined || value === '') return EMPTY_VALUE;
  if (Array.isArray(value)) {
    const item = (v: unknown) =>
      format === 'org' ? (organisations.get(String(v))?.name ?? String(v)) : i18n.tValue(String(v));
    return value.length === 0 ? EMPTY_VALUE : value.map(item).join(', ');
  }
  if (typeof value === 'boolean') return i18n.tValue(value ? 'yes' : 'no');
  if (typeof value === 'number') return formatNumber(i18n.lang, value);
  const text = String(value);
  switch (format) {
    case 'enum':
      return i18n.tValue(text);
    case 'date':
      return formatDate(i18n.lang, text);
    case 'org':
      return organisations.get(text)?.name ?? text;
    default:
      return text;
  }
}
