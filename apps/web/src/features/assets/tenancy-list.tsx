import { formatDate, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { Organisation, Tenancy } from '../../lib/types';
import { EMPTY_VALUE } from './format-attribute';

function isTenancy(value: unknown): value is Tenancy {
  return typeof value === 'object' && value !== null && 'operatorOrgId' in value;
}

/** The operators co-located on a tower: who, which technologies, how many antennas, how high. */
export function TenancyList({
  tenancies,
  organisations,
}: {
  tenancies: unknown;
  organisations: ReadonlyMap<string, Organisation>;
}) {
  const { t, lang } = useI18n();
  const rows = Array.isArray(tenancies) ? tenancies.filter(isTenancy) : [];
  return (
    <section className="tenancies">
      <h3>
        {t('tenancies')} ({rows.length})
      </h3>
      {rows.length === 0 ? (
        <p className="muted">{EMPTY_VALUE}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('owner')}</th>
              <th>{t('technologies')}</th>
              <th>{t('antennaCount')}</th>
              <th>{t('mountHeightM')}</th>
              <th>{t('since')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              // Tenancies have no id of their own; operator + position is stable within one tower.
              <tr key={`${r.operatorOrgId}-${i}`}>
                <td>{organisations.get(r.operatorOrgId)?.name ?? r.operatorOrgId}</td>
                <td>{Array.isArray(r.technologies) ? r.technologies.join(', ') : EMPTY_VALUE}</td>
                <td className="num">{formatNumber(lang, r.antennaCount)}</td>
                <td className="num">
                  {r.mountHeightM == null ? EMPTY_VALUE : formatNumber(lang, r.mountHeightM)}
                </td>
                <td>{r.since ? formatDate(lang, r.since) : EMPTY_VALUE}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
