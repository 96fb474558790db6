import {
  DEFAULT_PERMIT_CHECK_CONFIG,
  isApplicantEditable,
  isWithdrawable,
  type SessionUser,
} from '@hatang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { getJson, sendJson } from '../../lib/api-client';
import { formatDay } from '../../lib/format';
import type { AdminUnitCollection, Organisation } from '../../lib/types';
import { ApplicationDetails } from './application-details';
import { AttachmentsSection, CommentsSection } from './application-extras';
import { ChecksSummary, DueBadge, permitsKey } from './application-list';
import { useAttachedDrawings } from './attached-drawings';
import {
  decisionPdfPath,
  getApplication,
  getCheckConfig,
  type PermitApplication,
  stepApplication,
  worksDxfPath,
} from './permits-api';
import { usePermitsText } from './permits-i18n';
import {
  APPLICATION_LAYERS,
  APPLICATION_SOURCE,
  CHECK_LAYERS,
  CHECK_SOURCE,
  CONTEXT_LAYERS,
  CONTEXT_SOURCE,
  DRAWING_COLOUR,
  DRAWING_LAYERS,
  DRAWING_SOURCE,
  useCheckClicks,
  useGeoJsonLayers,
} from './permits-layers';
import {
  applicationFeatures,
  boundsOf,
  CONTEXT_COLOURS,
  type ContextFeature,
  checkBounds,
  checkFeatures,
  contextFeatures,
  type NearbyTowers,
  RESULT_COLOURS,
  sortedChecks,
} from './permits-model';
import { canDecide, canFile } from './permits-panel';
import { ReviewActions } from './review-actions';

const DECIDED = new Set(['approved', 'approved_with_conditions', 'rejected', 'exempt']);

/** The tower's top above the ground, m (a rooftop tower stands on its building). */
function requiredHeightM(a: PermitApplication): number {
  const d = a.details as { heightM?: number; mounting?: string; buildingHeightM?: number };
  return (d.heightM ?? 0) + (d.mounting === 'rooftop' ? (d.buildingHeightM ?? 0) : 0);
}

/** Towers near a proposed tower and its sharing distance (the sharing API), for the context layer. */
function useNearbyTowers(a: PermitApplication | undefined) {
  return useQuery({
    queryKey: [...permitsKey, 'nearby', a?.id, a?.version],
    enabled: a?.kind === 'tower' && a.geometry.type === 'Point',
    retry: false,
    queryFn: async () =>
      (await sendJson('POST', '/api/v1/sharing/towers/nearby', {
        point: a?.geometry.coordinates,
        requiredHeightM: Math.max(1, requiredHeightM(a as PermitApplication)),
        technology: '4G',
      })) as NearbyTowers,
  });
}

type Collection = { features: ContextFeature[] };
/** One empty list, so the context is not rebuilt on every render while the lists load. */
const NONE: ContextFeature[] = [];

/** Global zones (set by other authorities) and civil works around the works, for the context layer. */
function useZonesAndWorks(a: PermitApplication | undefined) {
  const first = a
    ? a.geometry.type === 'Point'
      ? a.geometry.coordinates
      : (a.geometry.coordinates[0] ?? null)
    : null;
  const zones = useQuery({
    queryKey: [...permitsKey, 'zones'],
    enabled: first !== null,
    retry: false,
    staleTime: 60_000,
    queryFn: async ({ signal }) => ((await getJson('/api/v1/plan-zones', signal)) as Collection).features,
  });
  const bbox = first ? [first[0] - 0.01, first[1] - 0.01, first[0] + 0.01, first[1] + 0.01] : null;
  const works = useQuery({
    queryKey: [...permitsKey, 'civil-works', bbox?.join(',')],
    enabled: bbox !== null,
    retry: false,
    queryFn: async ({ signal }) =>
      (
        (await getJson(
          `/api/v1/civil-works?limit=500&bbox=${(bbox ?? []).map((v) => v.toFixed(5)).join(',')}`,
          signal,
        )) as Collection
      ).features,
  });
  return { zones: zones.data ?? NONE, civilWorks: works.data ?? NONE };
}

/**
 * One application: on the map (its works, each check's proving geometry coloured by result, and
 * the context), its checks, attachments and comments, and the actions the user may take.
 */
export function ApplicationView({
  id,
  map,
  user,
  organisations,
  adminUnits,
  onBack,
  onEdit,
}: {
  id: string;
  map: MapLibreMap | null;
  user: SessionUser;
  organisations: readonly Organisation[] | undefined;
  adminUnits: AdminUnitCollection | undefined;
  onBack: () => void;
  onEdit: () => void;
}) {
  const { t, tx, lang } = usePermitsText();
  const queryClient = useQueryClient();
  const one = useQuery({
    queryKey: [...permitsKey, 'one', id],
    queryFn: ({ signal }) => getApplication(id, signal),
  });
  const a = one.data;
  const nearby = useNearbyTowers(a);
  const { zones, civilWorks } = useZonesAndWorks(a);
  // The airport surfaces as configured (planners may correct the runway); the defaults until then.
  const config = useQuery({
    queryKey: [...permitsKey, 'config'],
    queryFn: ({ signal }) => getCheckConfig(signal),
    retry: false,
    staleTime: 60_000,
  });
  const airport = config.data?.params.airport ?? DEFAULT_PERMIT_CHECK_CONFIG.airport;

  // Attached DXF drawings, drawn under the works; the user may switch each off.
  const [hiddenDrawings, setHiddenDrawings] = useState<ReadonlySet<string>>(new Set());
  const drawings = useAttachedDrawings(a?.id, hiddenDrawings);
  const toggleDrawing = (attachmentId: string, shown: boolean) =>
    setHiddenDrawings((before) => {
      const next = new Set(before);
      if (shown) next.delete(attachmentId);
      else next.add(attachmentId);
      return next;
    });

  const [focused, setFocused] = useState<string | null>(null);
  const checkData = useMemo(() => (a ? checkFeatures(a.checks, lang, focused) : null), [a, lang, focused]);
  const appData = useMemo(() => applicationFeatures(a ?? null), [a]);
  const contextData = useMemo(
    () => (a ? contextFeatures(a, nearby.data ?? null, airport, 10_000, zones, civilWorks) : null),
    [a, nearby.data, airport, zones, civilWorks],
  );
  useGeoJsonLayers(map, CONTEXT_SOURCE, contextData, CONTEXT_LAYERS);
  useGeoJsonLayers(map, DRAWING_SOURCE, drawings.data, DRAWING_LAYERS);
  useGeoJsonLayers(map, CHECK_SOURCE, checkData, CHECK_LAYERS);
  useGeoJsonLayers(map, APPLICATION_SOURCE, appData, APPLICATION_LAYERS);
  useCheckClicks(map, a !== undefined, (check) => {
    setFocused(check);
    document.querySelector(`[data-check="${check}"]`)?.scrollIntoView({ block: 'nearest' });
  });

  /** Chosen in the list: the check's proof is drawn thicker and the map shows it with the works. */
  const focusCheck = (check: string) => {
    setFocused(check);
    const box = a
      ? checkBounds(
          a,
          a.checks?.find((c) => c.check === check),
        )
      : null;
    if (!map || !box) return;
    map.fitBounds(
      [
        [box[0], box[1]],
        [box[2], box[3]],
      ],
      { padding: 80, maxZoom: 18, duration: 400 },
    );
  };

  // Zoom to the application once (and again when its checks arrive).
  const zoomedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!map || !a) return;
    const key = `${a.id}:${a.checkedAt ?? ''}:${contextData?.features.length ?? 0}`;
    if (zoomedFor.current === key) return;
    zoomedFor.current = key;
    const circle = contextData?.features.filter((f) => f.properties.role === 'sharing-circle') ?? [];
    const [w, s, e, n] = boundsOf(
      a,
      a.checks,
      0.02,
      circle.map((f) => f.geometry),
    );
    map.fitBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding: 80, maxZoom: 17, duration: 0 },
    );
  }, [map, a, contextData]);

  const step = useMutation({
    mutationFn: (s: 'submit' | 'withdraw' | 'checks') => stepApplication(a as PermitApplication, s),
    onSuccess: (next) => {
      queryClient.setQueryData([...permitsKey, 'one', id], next);
      void queryClient.invalidateQueries({ queryKey: permitsKey });
    },
  });

  if (!a) {
    return (
      <div className="permits-view">
        <button type="button" className="permits-link" onClick={onBack}>
          {t('back')}
        </button>
        <p className="permits-muted">
          {one.error ? t('failed', { message: one.error.message }) : t('loading')}
        </p>
      </div>
    );
  }
  const isApplicant = canFile(user) && (user.orgId === a.applicantOrgId || user.roles.includes('admin'));
  const org = organisations?.find((o) => o.id === a.applicantOrgId);
  const unit = adminUnits?.features.find((f) => f.properties.code === a.adminUnitCode)?.properties;
  const editable = isApplicantEditable(a.status);

  return (
    <div className="permits-view" data-testid="permit-view" data-id={a.id} data-status={a.status}>
      <button type="button" className="permits-link" onClick={onBack}>
        {t('back')}
      </button>
      <h3 data-testid="permit-title">{a.title}</h3>
      <p className="permits-meta">
        <span className={`permits-status s-${a.status}`} data-testid="permit-status">
          {tx(`status_${a.status}`, a.status)}
        </span>{' '}
        · {tx(`kind_${a.kind}`, a.kind)}
      </p>
      <dl className="permits-facts">
        <dt>{t('applicant')}</dt>
        <dd>{org?.name ?? a.applicantOrgId}</dd>
        <dt>{t('commune')}</dt>
        <dd>{unit?.name ?? a.adminUnitCode ?? '—'}</dd>
        <dt>{t('submittedAt')}</dt>
        <dd>
          {a.submittedAt ? `${formatDay(a.submittedAt, true)} · ` : '— '}
          <DueBadge a={a} />
        </dd>
      </dl>
      <ApplicationDetails application={a} organisations={organisations} />
      <p className="permits-meta">
        <a href={worksDxfPath(a.id)} download data-testid="permit-works-dxf">
          {t('worksDxf')}
        </a>
      </p>
      {a.status === 'info_requested' && a.reviewNote ? (
        <p className="permits-note" data-testid="permit-info-request">
          {t('infoRequested', { reason: a.reviewNote })}
        </p>
      ) : null}
      {DECIDED.has(a.status) ? (
        <div className="permits-decision" data-testid="permit-decision">
          {a.decisionNumber ? (
            <p data-testid="permit-decision-number">{t('decisionNumber', { number: a.decisionNumber })}</p>
          ) : null}
          {a.asset ? (
            <p data-testid="permit-asset">
              {t('assetCreated', { resource: tx(`resource_${a.asset.resource}`, a.asset.resource) })}
            </p>
          ) : null}
          {a.reviewNote ? <p>{a.reviewNote}</p> : null}
          {a.conditions.length > 0 ? (
            <>
              <strong>{t('conditions')}</strong>
              <ol>
                {a.conditions.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ol>
            </>
          ) : null}
          <a href={decisionPdfPath(a.id)} data-testid="permit-decision-pdf" download>
            {t('downloadDecision')}
          </a>
        </div>
      ) : null}

      <section className="permits-section">
        <h4>
          {t('checks')} <ChecksSummary a={a} />
        </h4>
        {a.checks && a.checks.length > 0 ? (
          <ul className="permits-checks" data-testid="permit-checks">
            {sortedChecks(a.checks).map((c) => (
              <li
                key={c.check}
                data-check={c.check}
                data-result={c.result}
                data-testid={`permit-check-${c.check}`}
                className={focused === c.check ? 'focused' : undefined}
              >
                <span className="permits-result" style={{ background: RESULT_COLOURS[c.result] }}>
                  {tx(`result_${c.result}`, c.result)}
                </span>
                <strong>{tx(`check_${c.check}`, c.check)}</strong>
                <p>{c.reason[lang]}</p>
                {c.geometry ? (
                  <button
                    type="button"
                    className="link-button"
                    data-testid={`permit-check-show-${c.check}`}
                    aria-pressed={focused === c.check}
                    onClick={() => focusCheck(c.check)}
                  >
                    {t('showProof')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="permits-muted">{t('noChecks')}</p>
        )}
        <CheckLegend drawing={drawings.data !== null} />
        {a.status !== 'draft' && !DECIDED.has(a.status) && (canDecide(user) || isApplicant) ? (
          <button type="button" disabled={step.isPending} onClick={() => step.mutate('checks')}>
            {t('rerunChecks')}
          </button>
        ) : null}
      </section>

      {isApplicant ? (
        <div className="permits-actions">
          {editable ? (
            <>
              <button type="button" data-testid="permit-edit" onClick={onEdit}>
                {t('edit')}
              </button>
              <button
                type="button"
                className="permits-primary"
                data-testid="permit-submit"
                disabled={step.isPending}
                onClick={() => step.mutate('submit')}
              >
                {a.status === 'info_requested' ? t('resubmit') : t('submit')}
              </button>
            </>
          ) : null}
          {isWithdrawable(a.status) ? (
            <button
              type="button"
              data-testid="permit-withdraw"
              disabled={step.isPending}
              onClick={() => step.mutate('withdraw')}
            >
              {t('withdraw')}
            </button>
          ) : null}
        </div>
      ) : null}
      {step.error ? <p className="permits-error">{t('failed', { message: step.error.message })}</p> : null}

      {canDecide(user) && a.status === 'submitted' ? <ReviewActions application={a} /> : null}

      <AttachmentsSection
        application={a}
        canUpload={(isApplicant && editable) || (canDecide(user) && !DECIDED.has(a.status))}
        drawings={drawings.states}
        hiddenDrawings={hiddenDrawings}
        onToggleDrawing={toggleDrawing}
      />
      <CommentsSection application={a} canWrite={isApplicant || canDecide(user)} />
    </div>
  );
}

/** What the colours on the map mean (`drawing`: an attached DXF is drawn). */
function CheckLegend({ drawing }: { drawing: boolean }) {
  const { t, tx } = usePermitsText();
  const rows: [string, string, 'dot' | 'line'][] = [
    [RESULT_COLOURS.fail, tx('result_fail', 'fail'), 'line'],
    [RESULT_COLOURS.warn, tx('result_warn', 'warn'), 'line'],
    [RESULT_COLOURS.pass, tx('result_pass', 'pass'), 'line'],
    ['#111827', t('legendApplication'), 'dot'],
    [CONTEXT_COLOURS.sharing, t('legendContext'), 'line'],
    [CONTEXT_COLOURS.airport, t('legendAirport'), 'line'],
    [CONTEXT_COLOURS.zone, t('legendZones'), 'line'],
    [CONTEXT_COLOURS.civilWork, t('legendCivilWorks'), 'line'],
    ...(drawing ? [[DRAWING_COLOUR, t('legendDrawing'), 'line'] as [string, string, 'line']] : []),
  ];
  return (
    <div className="permits-legend" data-testid="permit-legend">
      <strong>{t('legend')}</strong>
      <ul>
        {rows.map(([colour, label, shape]) => (
          <li key={label}>
            <i className={shape} style={{ background: colour }} />
            {label}
          </li>
        ))}
      </ul>
    </div>
  );
}
