import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type BannerError, ErrorBanner } from './components/error-banner';
import { StatusBar } from './components/status-bar';
import { AssetPanel } from './features/assets/asset-panel';
import { Legend } from './features/layers/legend';
import { translate, useI18n } from './lib/i18n';
import { useAdminUnits, useOrganisations } from './lib/queries';
import type { AssetResource, Organisation } from './lib/types';
import { LAYER_GROUPS } from './map/layer-groups';
import { ownerColors } from './map/owner-colors';
import { useAdminUnitsLayer } from './map/use-admin-units-layer';
import { useAssetLayers, type Visibility } from './map/use-asset-layers';
import { useMap } from './map/use-map';
import { type Selection, useMapInteractions } from './map/use-map-interactions';
import { usePointerPosition } from './map/use-pointer-position';

const INITIAL_VISIBILITY = Object.fromEntries(
  LAYER_GROUPS.map((g) => [g.id, g.visibleByDefault]),
) as Visibility;
const ASSETS_ATTRIBUTION = `${translate('vi', 'attributionAssets')} / ${translate('en', 'attributionAssets')}`;

export function App() {
  const { t, lang, setLang } = useI18n();
  const queryClient = useQueryClient();
  const containerRef = useRef<HTMLDivElement>(null);
  const { map, errors: mapErrors } = useMap(containerRef, ASSETS_ATTRIBUTION);

  const organisations = useOrganisations();
  const adminUnits = useAdminUnits();
  const [visibility, setVisibility] = useState<Visibility>(INITIAL_VISIBILITY);
  const states = useAssetLayers(map, visibility, organisations.data, !organisations.isPending);
  const adminUnitsDrawn = useAdminUnitsLayer(map, adminUnits.data);
  const [selection, setSelection] = useState<Selection | null>(null);
  useMapInteractions(map, selection, setSelection);
  const pointer = usePointerPosition(map);
  const fetching = useIsFetching() > 0;

  const orgById = useMemo(
    () => new Map<string, Organisation>((organisations.data ?? []).map((o) => [o.id, o])),
    [organisations.data],
  );
  const owners = useMemo(() => {
    const colors = ownerColors(organisations.data ?? []);
    return (organisations.data ?? [])
      .filter((o) => o.kind === 'operator' || o.kind === 'tower_company')
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((org) => ({ org, color: colors.get(org.id) ?? '#64748b' }));
  }, [organisations.data]);

  // Tests wait for this: the style, the communes and the towers are drawn and the map is idle.
  const [ready, setReady] = useState(false);
  const towersDrawn = states.towers.drawn;
  useEffect(() => {
    if (!map || !towersDrawn || !adminUnitsDrawn) return;
    const done = () => {
      document.body.dataset.mapReady = 'true';
      setReady(true);
    };
    map.once('idle', done);
    map.triggerRepaint();
    return () => {
      map.off('idle', done);
    };
  }, [map, towersDrawn, adminUnitsDrawn]);

  const [dismissed, setDismissed] = useState<ReadonlySet<unknown>>(new Set());
  const errors: Array<BannerError & { key: unknown }> = [];
  if (organisations.error)
    errors.push({ key: organisations.error, source: t('owners'), message: organisations.error.message });
  if (adminUnits.error)
    errors.push({ key: adminUnits.error, source: t('adminUnits'), message: adminUnits.error.message });
  for (const group of LAYER_GROUPS) {
    const error = states[group.id].error;
    if (error) errors.push({ key: error, source: t(group.labelKey), message: error.message });
  }
  for (const error of mapErrors) errors.push({ key: error, source: 'MapLibre', message: error.message });
  const shownErrors = errors.filter((e) => !dismissed.has(e.key));

  const retry = useCallback(() => {
    void queryClient.refetchQueries({ predicate: (q) => q.state.status === 'error' });
  }, [queryClient]);
  const toggle = useCallback((id: AssetResource) => setVisibility((v) => ({ ...v, [id]: !v[id] })), []);

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <h1>{t('appTitle')}</h1>
          <p>{t('appSubtitle')}</p>
        </div>
        <button
          type="button"
          className="lang-switch"
          data-testid="language-switch"
          aria-label={t('language')}
          onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
        >
          {t('switchLanguage')}
        </button>
      </header>
      <ErrorBanner
        errors={shownErrors}
        onRetry={() => {
          setDismissed(new Set());
          retry();
        }}
        onDismiss={() => setDismissed(new Set([...dismissed, ...shownErrors.map((e) => e.key)]))}
      />
      <main className="app-main">
        <Legend visibility={visibility} states={states} onToggle={toggle} owners={owners} />
        <div className="map-wrap">
          <div ref={containerRef} className="map" data-testid="map" />
          {ready ? null : (
            <div className="map-loading" role="status">
              <span className="spinner" aria-hidden="true" /> {t('loadingMap')}
            </div>
          )}
          {selection ? (
            <AssetPanel selection={selection} organisations={orgById} onClose={() => setSelection(null)} />
          ) : null}
        </div>
      </main>
      <StatusBar position={pointer} busy={fetching} />
    </div>
  );
}
