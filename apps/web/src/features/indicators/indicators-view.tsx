import type { IndicatorGroup, IndicatorValue } from '@hatang/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { WorkingStatus } from '../../components/working-status';
import { formatNumber } from '../../lib/format';
import { useAdminUnits } from '../../lib/queries';
import { IndicatorCard } from './indicator-card';
import { fetchIndicators, indicatorsQueryKey } from './indicators-api';
import { useIndicatorText } from './indicators-i18n';
import './indicators.css';

const GROUP_ORDER: IndicatorGroup[] = [
  'coverage',
  'keySites',
  'wifi',
  'cables',
  'sharing',
  'ducts',
  'landing',
  'dataCentres',
  'cityServices',
  'fiber',
];

/**
 * Indicators against the 2030 targets for one plan version (target, register, planned, by year;
 * city-wide or one commune), optionally beside a second version.
 */
export function IndicatorsView({
  versionId,
  compareVersionId,
}: {
  versionId: string;
  compareVersionId?: string | null;
}) {
  const text = useIndicatorText();
  const { t, tKey, lang } = text;
  const [commune, setCommune] = useState<string | null>(null);
  const units = useAdminUnits();
  const main = useQuery({
    queryKey: indicatorsQueryKey(versionId, commune),
    queryFn: ({ signal }) => fetchIndicators(versionId, commune, signal),
  });
  const other = useQuery({
    queryKey: indicatorsQueryKey(compareVersionId ?? null, commune),
    queryFn: ({ signal }) => fetchIndicators(compareVersionId ?? null, commune, signal),
    enabled: Boolean(compareVersionId),
  });
  const communes = [...(units.data?.features ?? [])]
    .map((f) => f.properties)
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const report = main.data;
  const compareByKey = new Map<string, IndicatorValue>(
    compareVersionId && other.data ? other.data.indicators.map((v) => [v.key, v]) : [],
  );

  return (
    <section className="indicators-view" data-testid="indicators-view">
      <h3>{t('title')}</h3>
      <label className="indicators-commune">
        {t('commune')}{' '}
        <select
          value={commune ?? ''}
          onChange={(e) => setCommune(e.target.value === '' ? null : e.target.value)}
          data-testid="indicators-commune"
        >
          <option value="">{t('cityWide')}</option>
          {communes.map((u) => (
            <option key={u.code} value={u.code}>
              {u.name} ({u.code})
            </option>
          ))}
        </select>
      </label>
      {report?.version ? (
        <p className="indicators-hint">{t('versionLabel', { name: report.version.name })}</p>
      ) : null}
      {compareVersionId && other.data?.version ? (
        <p className="indicators-hint indicators-compare-label">
          {t('compareLabel', { name: other.data.version.name })}
        </p>
      ) : null}
      <ul className="indicators-legend">
        <li data-kind="target">{t('target')}</li>
        <li data-kind="actual">{t('actual')}</li>
        <li data-kind="planned">{t('planned')}</li>
        {compareVersionId ? <li data-kind="compare">{t('compare')}</li> : null}
      </ul>
      {main.isPending ? (
        <WorkingStatus label={t('loading')} hint={t('loadingHint')} testId="indicators-working" />
      ) : null}
      {main.isError ? (
        <p className="indicators-error" role="alert">
          {t('failed', { message: main.error.message })}
        </p>
      ) : null}
      {report ? (
        <>
          <p className="indicators-hint" data-testid="indicators-milestone-assumption">
            {t('milestoneAssumption')}
          </p>
          {report.unavailable.length > 0 ? (
            <p className="indicators-hint" data-testid="indicators-unavailable">
              {t('unavailable', {
                what: report.unavailable.some(
                  (u) => u.key.startsWith('keySites') || u.key === 'communeWifiPercent',
                )
                  ? t('unavailableKeySites')
                  : report.unavailable.map((u) => u.key).join(', '),
              })}
            </p>
          ) : null}
          {GROUP_ORDER.map((group) => {
            const values = report.indicators.filter((v) => v.group === group);
            if (values.length === 0) return null;
            return (
              <div key={group} className="indicators-group" data-group={group}>
                <h4 className="indicators-group-title">{tKey(`group_${group}`, group)}</h4>
                {values.map((value) => (
                  <IndicatorCard
                    key={value.key}
                    value={value}
                    compare={compareByKey.get(value.key) ?? null}
                    milestones={report.milestones}
                    text={text}
                  />
                ))}
              </div>
            );
          })}
          <p className="indicators-hint">
            {t('computedIn', {
              ms: formatNumber(
                lang,
                Object.values(report.timingsMs).reduce((s, n) => s + n, 0),
                0,
              ),
            })}
            {report.cached ? ` (${t('fromCache')})` : ''}
          </p>
        </>
      ) : null}
    </section>
  );
}
