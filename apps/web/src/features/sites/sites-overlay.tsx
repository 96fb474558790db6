import {
  KEY_SITE_CATEGORIES,
  type KeySiteCategory,
  type KeySiteWithFlags,
  type SessionUser,
  type SiteOfferFeature,
} from '@hatang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatNumber } from '../../lib/format';
import type { Organisation } from '../../lib/types';
import { OfferForm } from './offer-form';
import { fetchKeySiteStatus, fetchOffers, sitesKeys, withdrawOffer } from './sites-api';
import { useSitesText } from './sites-i18n';
import {
  addSitesLayers,
  type FlagName,
  HAS_COLOR,
  LACKS_COLOR,
  OFFER_COLOR,
  onSitesClick,
  setKeySiteData,
  setKeySiteFlag,
  setOfferData,
  setSitesVisibility,
} from './sites-layers';
import './sites.css';

type Picked = { kind: 'offer'; id: string } | { kind: 'keySite'; id: string } | null;

/** Who may publish offers: planners and admins for any commune, a commune's inspectors for theirs. */
function publishScope(user: SessionUser | null): 'any' | 'own' | null {
  if (!user) return null;
  if (user.roles.some((r) => r === 'admin' || r === 'planner')) return 'any';
  if (user.roles.includes('inspector') && user.orgKind === 'commune') return 'own';
  return null;
}

/**
 * Site offers by communes and the key sites register on the map: layers, toggles, details and
 * the publish form. Shown to signed-in users (the API serves them to every signed-in role).
 */
export function SitesOverlay(props: {
  map: MapLibreMap | null;
  user: SessionUser | null;
  organisations: readonly Organisation[] | undefined;
}) {
  const { map, user, organisations } = props;
  const { t, category } = useSitesText();
  const queryClient = useQueryClient();
  const [showOffers, setShowOffers] = useState(true);
  const [showKeySites, setShowKeySites] = useState(true);
  const [flag, setFlag] = useState<FlagName>('hasFiber');
  const [shownCategory, setShownCategory] = useState<KeySiteCategory | 'all'>('all');
  const [picked, setPicked] = useState<Picked>(null);
  const [publishing, setPublishing] = useState(false);
  const [open, setOpen] = useState(false);
  const signedIn = user !== null;

  const offers = useQuery({
    queryKey: sitesKeys.offers,
    queryFn: ({ signal }) => fetchOffers(signal),
    enabled: signedIn,
  });
  const keySites = useQuery({
    queryKey: sitesKeys.keySites,
    queryFn: ({ signal }) => fetchKeySiteStatus(signal),
    enabled: signedIn,
    staleTime: 60_000,
  });

  const [ready, setReady] = useState<MapLibreMap | null>(null);
  const pick = useRef(setPicked);
  pick.current = setPicked;
  useEffect(() => {
    if (!map || !signedIn) return;
    const add = () => {
      addSitesLayers(map);
      setReady(map);
    };
    if (map.isStyleLoaded()) add();
    else map.once('load', add);
    const off = onSitesClick(map, (kind, id) => pick.current({ kind, id }));
    return () => {
      off();
      map.off('load', add);
    };
  }, [map, signedIn]);
  const live = ready && ready === map ? ready : null;

  useEffect(() => {
    if (live) setOfferData(live, signedIn ? (offers.data ?? []) : []);
  }, [live, offers.data, signedIn]);
  const shownSites = useMemo(
    () =>
      (keySites.data?.features ?? []).filter(
        (s) => shownCategory === 'all' || s.properties.category === shownCategory,
      ),
    [keySites.data, shownCategory],
  );
  useEffect(() => {
    if (live) setKeySiteData(live, signedIn ? shownSites : []);
  }, [live, shownSites, signedIn]);
  useEffect(() => {
    if (live) setSitesVisibility(live, showOffers && signedIn, showKeySites && signedIn);
  }, [live, showOffers, showKeySites, signedIn]);
  useEffect(() => {
    if (live) setKeySiteFlag(live, flag);
  }, [live, flag]);

  const scope = publishScope(user);
  const communes = useMemo(
    () => (scope === 'any' ? (organisations ?? []).filter((o) => o.kind === 'commune') : []),
    [scope, organisations],
  );

  const withdraw = useMutation({
    mutationFn: (offer: SiteOfferFeature) => withdrawOffer(offer.id, offer.properties.version),
    onSuccess: () => {
      setPicked(null);
      void queryClient.invalidateQueries({ queryKey: sitesKeys.offers });
    },
  });

  if (!signedIn) return null;
  const offer = picked?.kind === 'offer' ? offers.data?.find((o) => o.id === picked.id) : undefined;
  const keySite =
    picked?.kind === 'keySite' ? keySites.data?.features.find((s) => s.id === picked.id) : undefined;
  const mayWithdraw =
    offer && (scope === 'any' || (scope === 'own' && offer.properties.offeringOrgId === user.orgId));

  return (
    <>
      <div
        className={open ? 'sites-control sites-control-open' : 'sites-control'}
        data-testid="sites-control"
      >
        <button
          type="button"
          className="sites-toggle"
          aria-expanded={open}
          data-testid="sites-control-toggle"
          onClick={() => setOpen(!open)}
        >
          {t('control')}
        </button>
        {open ? (
          <div className="sites-control-body">
            <label>
              <input
                type="checkbox"
                checked={showOffers}
                data-testid="sites-show-offers"
                onChange={(e) => setShowOffers(e.target.checked)}
              />
              <span className="sites-swatch" style={{ background: OFFER_COLOR }} />
              {t('offers')} ({offers.data?.length ?? '…'})
            </label>
            <label>
              <input
                type="checkbox"
                checked={showKeySites}
                data-testid="sites-show-key-sites"
                onChange={(e) => setShowKeySites(e.target.checked)}
              />
              {t('keySites')} ({keySites.data ? shownSites.length : '…'})
            </label>
            <label>
              {t('category')}
              <select
                value={shownCategory}
                onChange={(e) => setShownCategory(e.target.value as KeySiteCategory | 'all')}
                data-testid="sites-category"
              >
                <option value="all">{t('allCategories')}</option>
                {KEY_SITE_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {category(c)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('colourBy')}
              <select
                value={flag}
                onChange={(e) => setFlag(e.target.value as FlagName)}
                data-testid="sites-flag"
              >
                <option value="hasFiber">{t('fiber')}</option>
                <option value="has5g">{t('g5')}</option>
                <option value="hasWifi">{t('wifi')}</option>
              </select>
            </label>
            <div className="sites-legend">
              <span className="sites-ring" style={{ borderColor: HAS_COLOR }} /> {t('legendHas')}
              <span className="sites-ring" style={{ borderColor: LACKS_COLOR }} /> {t('legendHasNot')}
              <span className="sites-corridor" /> {t('legendRoad')}
              <span className="sites-corridor sites-corridor-rail" /> {t('legendRail')}
            </div>
            {offers.error || keySites.error ? (
              <p className="sites-errors">
                {t('loadFailed', { message: String((offers.error ?? keySites.error)?.message) })}
              </p>
            ) : null}
            {scope && map ? (
              <button
                type="button"
                data-testid="site-offer-publish"
                onClick={() => {
                  // The form takes the map's side: the panel folds so it does not cover the form.
                  setPublishing(true);
                  setOpen(false);
                }}
              >
                {t('publish')}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      {publishing && map ? (
        <div className="sites-card sites-card-form">
          <OfferForm
            map={map}
            communes={communes}
            onCancel={() => setPublishing(false)}
            onDone={() => {
              setPublishing(false);
              void queryClient.invalidateQueries({ queryKey: sitesKeys.offers });
            }}
          />
        </div>
      ) : offer ? (
        <OfferDetails offer={offer} onClose={() => setPicked(null)}>
          {mayWithdraw ? (
            <button type="button" disabled={withdraw.isPending} onClick={() => withdraw.mutate(offer)}>
              {t('withdraw')}
            </button>
          ) : null}
        </OfferDetails>
      ) : keySite ? (
        <KeySiteDetails
          site={keySite}
          categoryName={category(keySite.properties.category)}
          corridorCoveredShare={keySites.data?.corridorCoveredShare ?? null}
          onClose={() => setPicked(null)}
        />
      ) : null}
    </>
  );
}

function OfferDetails(props: { offer: SiteOfferFeature; onClose: () => void; children?: React.ReactNode }) {
  const { t } = useSitesText();
  const p = props.offer.properties;
  const rows: [string, string | number | null][] = [
    [t('offeringOrg'), p.offeringOrgName],
    [t('commune'), p.adminUnitCode],
    [t('offerKind'), t(p.offerKind)],
    [t('purpose'), t(p.purpose)],
    [t('areaM2'), p.areaM2],
    [t('maxStructureHeightM'), p.maxStructureHeightM],
    [t('buildingHeightM'), p.buildingHeightM],
    [t('conditions'), p.conditions],
    [t('contactName'), p.contactName],
    [t('contactPhone'), p.contactPhone],
    [t('contactEmail'), p.contactEmail],
    [t('availableFrom'), p.availableFrom],
    [t('availableUntil'), p.availableUntil],
    [t('status'), t(p.status)],
  ];
  return (
    <div className="sites-card" data-testid="site-offer-details">
      <header>
        <strong>{t('offerDetails')}</strong>
        <button type="button" aria-label={t('close')} onClick={props.onClose}>
          ×
        </button>
      </header>
      <h3>{p.name}</h3>
      <dl>
        {rows
          .filter(([, v]) => v !== null && v !== '')
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      {props.children}
    </div>
  );
}

function KeySiteDetails(props: {
  site: KeySiteWithFlags;
  categoryName: string;
  /** The share (0–1) of a corridor's length that counts it as covered. */
  corridorCoveredShare: number | null;
  onClose: () => void;
}) {
  const { t, lang } = useSitesText();
  const p = props.site.properties;
  const yes = (v: boolean) => (v ? t('has') : t('hasNot'));
  const percent = (share: number) => formatNumber(lang, share * 100, 1);
  const corridorShare =
    p.covered5gLengthShare === null
      ? null
      : t('corridorRule', {
          share: percent(p.covered5gLengthShare),
          threshold: percent(props.corridorCoveredShare ?? 0.95),
        });
  const rows: [string, string | null][] = [
    [t('category'), props.categoryName],
    [t('commune'), p.adminUnitCode],
    [
      t('fiber'),
      `${yes(p.hasFiber)}${p.fiberDistanceM !== null ? ` (${t('distance', { distance: Math.round(p.fiberDistanceM) })})` : ''}`,
    ],
    [t('g4'), yes(p.has4g)],
    [t('g5'), yes(p.has5g)],
    [t('covered5gShare'), corridorShare],
    [
      t('wifi'),
      `${yes(p.hasWifi)}${p.wifiDistanceM !== null ? ` (${t('distance', { distance: Math.round(p.wifiDistanceM) })})` : ''}`,
    ],
    [t('source'), p.source],
  ];
  return (
    <div className="sites-card" data-testid="key-site-details">
      <header>
        <strong>{t('keySiteDetails')}</strong>
        <button type="button" aria-label={t('close')} onClick={props.onClose}>
          ×
        </button>
      </header>
      <h3>{p.name}</h3>
      <dl>
        {rows
          .filter(([, v]) => v !== null && v !== '')
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
    </div>
  );
}
