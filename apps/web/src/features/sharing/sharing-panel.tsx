import type { SessionUser } from '@hatang/contracts';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useState } from 'react';
import type { Organisation } from '../../lib/types';
import { CampaignTab } from './campaign-tab';
import { DigOnceTab, SpareTab, UndergroundTab } from './other-tabs';
import { RouteTab } from './route-tab';
import { type SharingKey, useSharingText } from './sharing-i18n';
import { TowerTab } from './tower-tab';
import './sharing.css';

type Tab = 'route' | 'towers' | 'spare' | 'digOnce' | 'underground' | 'campaign';
const TABS: { id: Tab; label: SharingKey }[] = [
  { id: 'route', label: 'tabRoute' },
  { id: 'towers', label: 'tabTowers' },
  { id: 'spare', label: 'tabSpare' },
  { id: 'digOnce', label: 'tabDigOnce' },
  { id: 'underground', label: 'tabUnderground' },
  { id: 'campaign', label: 'tabCampaign' },
];

/** Every signed-in role but the public viewer may use the sharing routes (the API's policy). */
export const canUseSharing = (user: SessionUser | null): boolean =>
  user?.roles.some((r) => r !== 'viewer') ?? false;

/**
 * The sharing panel (a third column of the app): the route planner, tower sharing (a point and the
 * city report), the spare-capacity layer, dig-once notices, undergrounding candidates and the
 * cleanup campaign. Each tab
 * keeps its state while hidden; only the shown tab's layers are on the map, and none while closed.
 */
export function SharingPanel({
  map,
  user,
  organisations,
  open,
  onClose,
}: {
  map: MapLibreMap | null;
  user: SessionUser | null;
  organisations: readonly Organisation[] | undefined;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useSharingText();
  const [tab, setTab] = useState<Tab>('route');
  if (!open) return null;
  const allowed = canUseSharing(user);
  return (
    <aside className="dock-panel sharing-panel" data-testid="sharing-panel" aria-label={t('title')}>
      <header className="dock-panel-header sharing-header">
        <div>
          <p className="kicker">{t('kicker')}</p>
          <h2>{t('title')}</h2>
        </div>
        <button type="button" className="icon-button" aria-label={t('close')} onClick={onClose}>
          ×
        </button>
      </header>
      {!allowed ? (
        <p className="sharing-hint" data-testid="sharing-not-available">
          {t('viewerOnly')}
        </p>
      ) : (
        <>
          <div className="sharing-tabs" role="tablist">
            {TABS.map((x) => (
              <button
                key={x.id}
                type="button"
                role="tab"
                aria-selected={tab === x.id}
                data-testid={`sharing-tab-${x.id}`}
                onClick={() => setTab(x.id)}
              >
                {t(x.label)}
              </button>
            ))}
          </div>
          <div hidden={tab !== 'route'}>
            <RouteTab map={map} active={tab === 'route'} />
          </div>
          <div hidden={tab !== 'towers'}>
            <TowerTab map={map} active={tab === 'towers'} organisations={organisations} />
          </div>
          <div hidden={tab !== 'spare'}>
            <SpareTab map={map} active={tab === 'spare'} />
          </div>
          <div hidden={tab !== 'digOnce'}>
            <DigOnceTab map={map} active={tab === 'digOnce'} user={user} organisations={organisations} />
          </div>
          <div hidden={tab !== 'underground'}>
            <UndergroundTab map={map} active={tab === 'underground'} user={user} />
          </div>
          <div hidden={tab !== 'campaign'}>
            <CampaignTab map={map} active={tab === 'campaign'} user={user} />
          </div>
        </>
      )}
    </aside>
  );
}
