import { COVERAGE_NON_STAFF_MIN_RADIUS_M, type CoverageRequest, type SessionUser } from '@hatang/contracts';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { formatNumber } from '../../lib/format';
import type { AdminUnitCollection, Organisation } from '../../lib/types';
import {
  type CandidateSite,
  type CoverageFigures,
  type CoverageService,
  type GapFeature,
  type OperatorInfo,
  SERVICES,
} from './analysis-api';
import { useAnalysisText } from './analysis-i18n';
import { CommuneTable, DEFAULT_SORT, type Sort, sortCommunes } from './commune-table';
import { communeCsv, downloadText, exportName, gapsGeoJson } from './export';
import { GapList } from './gap-list';
import { MapLegend } from './map-legend';
import { coordinatesBbox, sitesNearGap } from './nearby';
import { SiteList } from './site-list';
import { useCoverageAnalysis } from './use-coverage';
import { useCoverageLayers } from './use-coverage-layers';
import './analysis.css';

type Tab = 'communes' | 'gaps' | 'sites';

/** Everyone signed in except the public viewer role may run analyses (the API's policy). */
export const canRunAnalysis = (user: SessionUser | null): boolean =>
  user?.roles.some((r) => r !== 'viewer') ?? false;

/**
 * City staff (planners, reviewers, admins) may restrict an analysis to any operators; everyone
 * else runs the all-operator total or their own organisation's network (the API refuses the rest).
 */
export const canChooseAnyOperator = (user: SessionUser | null): boolean =>
  user?.roles.some((r) => r === 'admin' || r === 'planner' || r === 'reviewer') ?? false;

function Figure({
  label,
  value,
  detail,
  delta,
  testId,
}: {
  label: string;
  value: string;
  detail?: string;
  delta?: string | null;
  testId: string;
}) {
  return (
    <div className="figure" data-testid={testId}>
      <span className="figure-label">{label}</span>
      <strong className="figure-value">{value}</strong>
      {detail ? <span className="figure-detail">{detail}</span> : null}
      {delta ? <span className="figure-delta">{delta}</span> : null}
    </div>
  );
}

/**
 * The Analysis panel (Phân tích): choose technology and operators, run the coverage analysis,
 * follow its progress, then read the city figures, the commune table, the gaps (also on the map)
 * and the candidate sites; export the table as CSV and the gaps as GeoJSON. Mounted for the whole
 * session so a closed panel keeps its result; its map layers show only while it is open.
 */
export function AnalysisPanel({
  map,
  user,
  organisations,
  adminUnits,
  open,
  onClose,
}: {
  map: MapLibreMap | null;
  user: SessionUser | null;
  organisations: readonly Organisation[] | undefined;
  adminUnits: AdminUnitCollection | undefined;
  open: boolean;
  onClose: () => void;
}) {
  const { t, lang, step } = useAnalysisText();
  const allowed = canRunAnalysis(user);
  const analysis = useCoverageAnalysis(allowed);
  const { shown, previous, active } = analysis;
  const result = shown?.result ?? null;

  // The form: technology (5G by default) and operators (all by default = every operator counted).
  const choices = useMemo(
    () =>
      (organisations ?? [])
        .filter((o) => o.kind === 'operator' || o.kind === 'tower_company')
        .sort((a, b) => a.code.localeCompare(b.code)),
    [organisations],
  );
  const [technology, setTechnology] = useState<CoverageService>('5G');
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(new Set());
  const anyOperator = canChooseAnyOperator(user);
  const ownChoice = choices.find((o) => o.id === user?.orgId);
  const [ownOnly, setOwnOnly] = useState(false);
  const checked = anyOperator
    ? choices.filter((o) => !unchecked.has(o.id))
    : ownOnly && ownChoice
      ? [ownChoice]
      : choices;
  const request: CoverageRequest = anyOperator
    ? unchecked.size === 0
      ? { technology }
      : { technology, operators: checked.map((o) => o.id) }
    : ownOnly && ownChoice
      ? { technology, operators: [ownChoice.id] }
      : { technology };
  const toggleOperator = (id: string) =>
    setUnchecked((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const [tab, setTab] = useState<Tab>('communes');
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const [selectedGap, setSelectedGap] = useState<number | null>(null);
  const [selectedSite, setSelectedSite] = useState<number | null>(null);
  const [gapsVisible, setGapsVisible] = useState(true);
  const [sitesVisible, setSitesVisible] = useState(true);

  const unitNames = useMemo(
    () => new Map((result?.summary.communes ?? []).map((c) => [c.code, c.name ?? c.code])),
    [result],
  );
  const operators = useMemo(
    () => new Map<string, OperatorInfo>((result?.operators ?? []).map((o) => [o.id, o])),
    [result],
  );
  const delta = useMemo(() => {
    const out = new Map<string, number>();
    if (!result || !previous) return out;
    const before = new Map(previous.result.summary.communes.map((c) => [c.code, c.uncoveredCount]));
    for (const c of result.summary.communes) {
      const d = c.uncoveredCount - (before.get(c.code) ?? c.uncoveredCount);
      if (d !== 0) out.set(c.code, d);
    }
    return out;
  }, [result, previous]);
  const rows = useMemo(
    () => (result ? sortCommunes(result.summary.communes, sort, delta) : []),
    [result, sort, delta],
  );
  const gap = result?.gaps.features.find((g) => g.properties.rank === selectedGap) ?? null;
  const nearGap = useMemo(
    () => (result && gap ? sitesNearGap(result.candidates.sites, gap) : []),
    [result, gap],
  );

  // A new result: the old selection may not exist any more.
  useEffect(() => {
    if (!result) return;
    setSelectedGap((rank) => (rank !== null && rank <= result.gaps.features.length ? rank : null));
    setSelectedSite((rank) => (rank !== null && rank <= result.candidates.sites.length ? rank : null));
  }, [result]);

  const zoomToGap = useCallback(
    (g: GapFeature) => {
      const [w, s, e, n] = g.properties.bbox;
      map?.fitBounds(
        [
          [w, s],
          [e, n],
        ],
        { padding: 60, maxZoom: 15, duration: 600 },
      );
    },
    [map],
  );
  const pickGap = useCallback(
    (g: GapFeature) => {
      setSelectedGap(g.properties.rank);
      setSelectedSite(null);
      setTab('gaps');
      zoomToGap(g);
    },
    [zoomToGap],
  );
  const pickSite = useCallback(
    (site: CandidateSite) => {
      setSelectedSite(site.rank);
      map?.easeTo({ center: site.position, zoom: Math.max(map.getZoom(), 13), duration: 600 });
    },
    [map],
  );
  const pickCommune = useCallback(
    (code: string) => {
      const unit = adminUnits?.features.find((f) => f.properties.code === code);
      const box = unit ? coordinatesBbox(unit.geometry.coordinates) : null;
      if (box)
        map?.fitBounds(
          [
            [box[0], box[1]],
            [box[2], box[3]],
          ],
          { padding: 40, duration: 600 },
        );
    },
    [adminUnits, map],
  );

  useCoverageLayers(map, open && allowed ? result : null, {
    gapsVisible: open && gapsVisible,
    sitesVisible: open && sitesVisible,
    selectedGap,
    selectedSite,
    onGap: (rank) => {
      const g = result?.gaps.features.find((f) => f.properties.rank === rank);
      if (!g) return;
      pickGap(g);
      requestAnimationFrame(() =>
        document
          .querySelector(`[data-testid="gap-row"][data-rank="${rank}"]`)
          ?.scrollIntoView({ block: 'nearest' }),
      );
    },
    onSite: (rank) => {
      setSelectedSite(rank);
      setTab('sites');
      requestAnimationFrame(() =>
        document
          .querySelector(`[data-testid="candidate-sites"] [data-rank="${rank}"]`)
          ?.scrollIntoView({ block: 'nearest' }),
      );
    },
  });

  if (!open) return null;

  const n = (v: number) => formatNumber(lang, v, 0);
  const pct = (v: number) => formatNumber(lang, v, 2);
  const signed = (v: number) => (v === 0 ? '±0' : `${v > 0 ? '+' : '−'}${n(Math.abs(v))}`);
  const changeOf = (key: keyof Omit<CoverageFigures, 'byOperator'>) =>
    previous && result
      ? t('changeSinceLast', { delta: signed(result.summary.city[key] - previous.result.summary.city[key]) })
      : null;
  const city = result?.summary.city;
  const running = active !== null;

  return (
    <>
      {result && map ? (
        <MapLegend
          container={map.getContainer().parentElement}
          gapsVisible={gapsVisible}
          sitesVisible={sitesVisible}
          onToggleGaps={() => setGapsVisible((v) => !v)}
          onToggleSites={() => setSitesVisible((v) => !v)}
        />
      ) : null}
      <aside className="dock-panel analysis-panel" data-testid="analysis-panel" aria-label={t('title')}>
        <header className="dock-panel-header analysis-header">
          <div>
            <p className="kicker">{t('analysis')}</p>
            <h2>{t('title')}</h2>
            <p className="subtitle">{t('subtitle')}</p>
          </div>
          <button type="button" className="icon-button" aria-label={t('close')} onClick={onClose}>
            ×
          </button>
        </header>

        {!user ? (
          <p className="hint-box" data-testid="analysis-sign-in">
            {t('signInToRun')}
          </p>
        ) : !allowed ? (
          <p className="hint-box" data-testid="analysis-sign-in">
            {t('roleCannotRun')}
          </p>
        ) : (
          <>
            <form
              className="analysis-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (checked.length > 0) analysis.run(request);
              }}
            >
              <fieldset>
                <legend>{t('technology')}</legend>
                <div className="segmented" role="radiogroup" aria-label={t('technology')}>
                  {SERVICES.map((s) => (
                    <label key={s} className={technology === s ? 'on' : undefined}>
                      <input
                        type="radio"
                        name="technology"
                        value={s}
                        checked={technology === s}
                        onChange={() => setTechnology(s)}
                      />
                      {s}
                    </label>
                  ))}
                </div>
              </fieldset>
              {anyOperator ? (
                <fieldset>
                  <legend>
                    {t('operators')}{' '}
                    <button type="button" className="link-button" onClick={() => setUnchecked(new Set())}>
                      ({t('allOperators')})
                    </button>
                  </legend>
                  <div className="operator-choices" data-testid="analysis-operators">
                    {choices.map((o) => (
                      <label key={o.id} title={o.name}>
                        <input
                          type="checkbox"
                          name="operator"
                          value={o.id}
                          checked={!unchecked.has(o.id)}
                          onChange={() => toggleOperator(o.id)}
                        />
                        {o.name}
                      </label>
                    ))}
                  </div>
                  {checked.length === 0 ? <p className="form-error">{t('noOperators')}</p> : null}
                </fieldset>
              ) : (
                <fieldset data-testid="analysis-scope">
                  <legend>{t('operators')}</legend>
                  <label>
                    <input
                      type="radio"
                      name="operator-scope"
                      value="all"
                      checked={!ownOnly || !ownChoice}
                      onChange={() => setOwnOnly(false)}
                    />
                    {t('scopeTotal')}
                  </label>
                  {ownChoice ? (
                    <label>
                      <input
                        type="radio"
                        name="operator-scope"
                        value="own"
                        checked={ownOnly}
                        onChange={() => setOwnOnly(true)}
                      />
                      {t('scopeOwn')} ({ownChoice.name})
                    </label>
                  ) : null}
                  <p className="hint">{t('scopeNote', { floor: String(COVERAGE_NON_STAFF_MIN_RADIUS_M) })}</p>
                </fieldset>
              )}
              <div className="analysis-run">
                <button
                  type="submit"
                  className="primary"
                  data-testid="analysis-run"
                  disabled={running || checked.length === 0}
                >
                  {running ? t('running') : shown ? t('rerun') : t('run')}
                </button>
                {running ? (
                  <div className="analysis-progress" data-testid="analysis-progress">
                    <div
                      className="progress-track"
                      role="progressbar"
                      aria-label={t('progressLabel')}
                      aria-valuemin={0}
                      aria-valuemax={100}
                      aria-valuenow={Math.round(active.progress * 100)}
                    >
                      <div
                        className="progress-fill"
                        style={{ width: `${Math.round(active.progress * 100)}%` }}
                      />
                    </div>
                    <span className="muted">
                      {step(active.step)} · {Math.round(active.progress * 100)} %
                    </span>
                  </div>
                ) : null}
              </div>
              {analysis.autoRerun ? <p className="hint-box">{t('autoRerun')}</p> : null}
              {analysis.dataChanged ? (
                <p className="hint-box data-changed" data-testid="analysis-data-changed">
                  {t('dataChanged')}{' '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => shown && analysis.run(shown.request)}
                  >
                    {t('rerun')}
                  </button>
                </p>
              ) : null}
              {analysis.error ? (
                <p className="form-error" role="alert">
                  {t('failed', { message: analysis.error.message })}
                </p>
              ) : null}
            </form>

            {result && city ? (
              <section
                className="analysis-result"
                data-testid="analysis-result"
                data-version={result.dataVersion}
              >
                <p className="muted result-of">
                  {t('resultOf', {
                    technology: result.technology,
                    operators: result.operators.map((o) => o.code).join(', '),
                  })}
                </p>
                <div className="figures">
                  <Figure
                    testId="city-population"
                    label={t('cityPopulation')}
                    value={n(city.populationCount)}
                  />
                  <Figure
                    testId="city-covered"
                    label={`${t('covered')} (${result.technology})`}
                    value={`${pct(city.coveredPercent)} %`}
                    detail={t('people', { count: n(city.coveredCount) })}
                    delta={changeOf('coveredCount')}
                  />
                  <Figure
                    testId="city-uncovered"
                    label={t('uncovered')}
                    value={n(city.uncoveredCount)}
                    detail={`${pct(100 - city.coveredPercent)} %`}
                    delta={changeOf('uncoveredCount')}
                  />
                  <Figure
                    testId="city-single"
                    label={t('singleOperator')}
                    value={n(city.singleOperatorCount)}
                    delta={changeOf('singleOperatorCount')}
                  />
                </div>

                <div className="analysis-toolbar">
                  <div className="tabs" role="tablist">
                    {(
                      [
                        ['communes', t('tabCommunes', { count: result.summary.communes.length })],
                        ['gaps', t('tabGaps', { count: result.gaps.features.length })],
                        ['sites', t('tabSites', { count: result.candidates.sites.length })],
                      ] as const
                    ).map(([id, label]) => (
                      <button
                        key={id}
                        type="button"
                        role="tab"
                        aria-selected={tab === id}
                        data-testid={`analysis-tab-${id}`}
                        onClick={() => setTab(id)}
                      >
                        {label}
                      </button>
                    ))}
                  </div>
                  <div className="export-buttons">
                    <button
                      type="button"
                      data-testid="export-csv"
                      onClick={() =>
                        downloadText(
                          `${exportName(result)}.csv`,
                          communeCsv(result, rows, lang),
                          'text/csv;charset=utf-8',
                        )
                      }
                    >
                      {t('exportCsv')}
                    </button>
                    <button
                      type="button"
                      data-testid="export-geojson"
                      onClick={() =>
                        downloadText(
                          `${exportName(result)}-gaps.geojson`,
                          gapsGeoJson(result),
                          'application/geo+json',
                        )
                      }
                    >
                      {t('exportGeoJson')}
                    </button>
                  </div>
                </div>

                {tab === 'communes' ? (
                  <CommuneTable rows={rows} delta={delta} sort={sort} onSort={setSort} onPick={pickCommune} />
                ) : null}

                {tab === 'gaps' ? (
                  <div className="gap-tab">
                    <p className="muted">
                      {t('gapShown', {
                        shown: n(result.gaps.features.length),
                        total: n(result.gaps.gapCount),
                        people: n(result.gaps.populationCount),
                      })}
                    </p>
                    {gap ? (
                      <div className="gap-detail" data-testid="gap-detail">
                        <header>
                          <h3>
                            {t('gapSelected', {
                              rank: gap.properties.rank,
                              unit: unitNames.get(gap.properties.unitCode) ?? gap.properties.unitCode,
                            })}
                          </h3>
                          <button type="button" className="link-button" onClick={() => setSelectedGap(null)}>
                            {t('clearGap')}
                          </button>
                        </header>
                        <p className="muted">
                          {t('people', { count: n(gap.properties.populationCount) })} ·{' '}
                          {t('gapArea', { area: formatNumber(lang, gap.properties.areaKm2, 2) })}
                        </p>
                        <h4>{t('sitesNearGap')}</h4>
                        {nearGap.length > 0 ? (
                          <SiteList
                            sites={nearGap}
                            operators={operators}
                            unitNames={unitNames}
                            selected={selectedSite}
                            onPick={pickSite}
                            testId="gap-sites"
                          />
                        ) : (
                          <p className="muted" data-testid="gap-no-sites">
                            {t('noSitesNearGap')}
                          </p>
                        )}
                      </div>
                    ) : null}
                    <GapList
                      gaps={result.gaps.features}
                      unitNames={unitNames}
                      selected={selectedGap}
                      onPick={pickGap}
                    />
                  </div>
                ) : null}

                {tab === 'sites' ? (
                  <div className="site-tab">
                    <p className="muted" data-testid="sites-summary">
                      {t('sitesSummary', {
                        count: result.candidates.sites.length,
                        before: pct(
                          (result.candidates.coveredCountBefore /
                            Math.max(1, result.candidates.populationCount)) *
                            100,
                        ),
                        after: pct(
                          (result.candidates.coveredCountAfter /
                            Math.max(1, result.candidates.populationCount)) *
                            100,
                        ),
                        target: n(result.candidates.targetPercent),
                        reached: t(result.candidates.targetReached ? 'targetReached' : 'targetNotReached'),
                      })}
                    </p>
                    <SiteList
                      sites={result.candidates.sites}
                      operators={operators}
                      unitNames={unitNames}
                      selected={selectedSite}
                      onPick={pickSite}
                    />
                  </div>
                ) : null}
              </section>
            ) : null}
          </>
        )}
      </aside>
    </>
  );
}
