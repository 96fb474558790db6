import { formatDate, formatNumber } from '../../lib/format';
import type { Organisation } from '../../lib/types';
import { type DetailField, detailFields, setItems } from './permit-form';
import type { PermitApplication } from './permits-api';
import { usePermitsText } from './permits-i18n';

/**
 * The application's details as declared, one row per field of its kind in the contract's order
 * (labels and options in the UI language; organisations by name). Fields left empty are skipped.
 */
export function ApplicationDetails({
  application,
  organisations,
}: {
  application: PermitApplication;
  organisations: readonly Organisation[] | undefined;
}) {
  const { t, tx, lang } = usePermitsText();
  const details = application.details ?? {};
  const orgName = (id: string) => organisations?.find((o) => o.id === id)?.name ?? id;
  const shown = (f: DetailField): string | null => {
    const value = details[f.key];
    if (value === undefined || value === null || value === '') return null;
    switch (f.kind) {
      case 'boolean':
        return value === true ? t('yes') : t('no');
      case 'enum':
        return tx(`opt_${String(value)}`, String(value));
      case 'enumSet':
      case 'organisations': {
        const items = Array.isArray(value) ? value.map(String) : setItems(String(value));
        if (items.length === 0) return null;
        return items.map((i) => (f.kind === 'enumSet' ? tx(`opt_${i}`, i) : orgName(i))).join('; ');
      }
      case 'number':
        return typeof value === 'number' ? formatNumber(lang, value) : String(value);
      case 'date':
        return formatDate(lang, String(value));
      default:
        return String(value);
    }
  };
  const rows = detailFields(application.kind).flatMap((f) => {
    const text = shown(f);
    return text === null ? [] : [{ key: f.key, text }];
  });
  if (rows.length === 0) return null;
  return (
    <section className="permits-section" data-testid="permit-details">
      <h4>{t('details')}</h4>
      <dl className="permits-facts">
        {rows.map((r) => (
          <div key={r.key} className="permits-fact" data-field={r.key}>
            <dt>{tx(`field_${r.key}`, r.key)}</dt>
            <dd>{r.text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
