import { formatNumber } from '../../lib/format';
import { SITE_STYLES } from '../../map/layers/coverage-candidates';
import { useSession } from '../auth/use-session';
import { colocationText } from '../colocation/colocation-i18n';
import { ColocationLaunchButton } from '../colocation/launch-button';
import type { CandidateSite, OperatorInfo } from './analysis-api';
import { useAnalysisText } from './analysis-i18n';

/** Candidate sites, best first: kind, people gained, the city's coverage after it, where. */
export function SiteList({
  sites,
  operators,
  unitNames,
  selected,
  onPick,
  testId = 'candidate-sites',
}: {
  sites: readonly CandidateSite[];
  operators: ReadonlyMap<string, OperatorInfo>;
  unitNames: ReadonlyMap<string, string>;
  selected: number | null;
  onPick: (site: CandidateSite) => void;
  testId?: string;
}) {
  const { t, lang } = useAnalysisText();
  // An operator editor may ask the tower's owner for a slot straight from a co-location candidate.
  const user = useSession().data?.user ?? null;
  const canRequest = user?.roles.includes('operator_editor') ?? false;
  return (
    <ol className="site-list" data-testid={testId}>
      {sites.map((site) => {
        const style = SITE_STYLES[site.kind];
        const operator = site.operatorId ? operators.get(site.operatorId) : undefined;
        return (
          <li key={site.rank} data-testid="candidate-site" data-rank={site.rank} data-kind={site.kind}>
            <button
              type="button"
              className={`site-row ${selected === site.rank ? 'selected' : ''}`}
              onClick={() => onPick(site)}
            >
              <span
                className="site-marker"
                style={{ background: style.fill, borderColor: style.stroke }}
                aria-hidden="true"
              />
              <span className="site-rank">{t('siteRank', { rank: site.rank })}</span>
              <span className="site-body">
                <span className="site-head">
                  <span className={`site-kind kind-${site.kind}`}>
                    {t(site.kind === 'new' ? 'newSite' : 'colocation')}
                  </span>
                  <strong className="site-gain" data-testid="site-gain">
                    {t('siteGain', { count: formatNumber(lang, site.newlyCoveredCount, 0) })}
                  </strong>
                </span>
                <span className="muted">
                  {t('siteGainPercent', { percent: formatNumber(lang, site.marginalGainPercent, 2) })} ·{' '}
                  {t('siteAfter', { percent: formatNumber(lang, site.coveredPercentAfter, 2) })}
                </span>
                <span className="muted">
                  {site.unitCode ? (unitNames.get(site.unitCode) ?? site.unitCode) : '–'} ·{' '}
                  {t(site.environment)} · {t('siteRadius', { radius: formatNumber(lang, site.radiusM, 0) })}
                </span>
                {operator ? (
                  <span className="muted">{t('siteJoins', { operator: operator.name })}</span>
                ) : null}
                {site.siteOfferId ? (
                  <span className="site-offer" data-testid="site-on-offer" data-offer-id={site.siteOfferId}>
                    {t('siteOnOffer')}
                  </span>
                ) : null}
              </span>
            </button>
            {canRequest && site.kind === 'colocation' && site.towerId ? (
              <ColocationLaunchButton
                className="site-colocation"
                testId="site-request-colocation"
                prefill={{
                  targets: [{ kind: 'tower', id: site.towerId }],
                  source: 'coverage_gap',
                  justification: colocationText(lang, 'coversPeople', {
                    count: formatNumber(lang, site.newlyCoveredCount, 0),
                  }),
                }}
              />
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
