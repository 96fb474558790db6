import type { SessionUser } from '@hatang/contracts';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useState } from 'react';
import type { AdminUnitCollection, Organisation } from '../../lib/types';
import { ApplicationForm } from './application-form';
import { ApplicationList } from './application-list';
import { ApplicationView } from './application-view';
import { usePermitsText } from './permits-i18n';
import './permits.css';

const PERMIT_ROLES = ['admin', 'planner', 'reviewer', 'operator_editor', 'operator_viewer', 'inspector'];

/** Who sees the header button that opens this panel. */
export const canUsePermits = (user: SessionUser | null): boolean =>
  user?.roles.some((r) => PERMIT_ROLES.includes(r)) ?? false;

/** How the panel works for the user: files (operators), reviews (the department), or reads (communes). */
export type PermitMode = 'operator' | 'reviewer' | 'inspector';

export function modeOf(user: SessionUser | null): PermitMode {
  const roles = user?.roles ?? [];
  if (roles.some((r) => r === 'admin' || r === 'reviewer' || r === 'planner')) return 'reviewer';
  if (roles.some((r) => r === 'operator_editor' || r === 'operator_viewer')) return 'operator';
  return 'inspector';
}

/** Who may act: file and edit (operator editors, admins), decide (reviewers, admins). */
export const canFile = (user: SessionUser | null) =>
  user?.roles.some((r) => r === 'operator_editor' || r === 'admin') ?? false;
export const canDecide = (user: SessionUser | null) =>
  user?.roles.some((r) => r === 'reviewer' || r === 'admin') ?? false;

type View = { type: 'list' } | { type: 'new' } | { type: 'open'; id: string } | { type: 'edit'; id: string };

/** The permits side panel (a third column of the app, like the sharing panel). */
export function PermitsPanel({
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
  const { t } = usePermitsText();
  const [view, setView] = useState<View>({ type: 'list' });
  if (!open || !user) return null;
  const mode = modeOf(user);
  const heading = mode === 'operator' ? t('tabMine') : mode === 'reviewer' ? t('tabQueue') : t('tabCommune');
  return (
    <aside className="dock-panel permits-panel" data-testid="permits-panel" aria-label={t('title')}>
      <header className="dock-panel-header permits-header">
        <div>
          <p className="kicker">{t('kicker')}</p>
          <h2>{t('title')}</h2>
        </div>
        <button type="button" className="icon-button" aria-label={t('close')} onClick={onClose}>
          ×
        </button>
      </header>
      {view.type === 'list' ? (
        <>
          <div className="permits-toolbar">
            <h3>{heading}</h3>
            {mode === 'operator' && canFile(user) ? (
              <button
                type="button"
                className="permits-primary"
                data-testid="permit-new"
                onClick={() => setView({ type: 'new' })}
              >
                {t('newApplication')}
              </button>
            ) : null}
          </div>
          <ApplicationList
            mode={mode}
            adminUnits={adminUnits}
            onOpen={(id) => setView({ type: 'open', id })}
          />
        </>
      ) : view.type === 'new' ? (
        <ApplicationForm
          map={map}
          id={null}
          organisations={organisations}
          onDone={(id) => setView(id ? { type: 'open', id } : { type: 'list' })}
        />
      ) : view.type === 'edit' ? (
        <ApplicationForm
          map={map}
          id={view.id}
          organisations={organisations}
          onDone={() => setView({ type: 'open', id: view.id })}
        />
      ) : (
        <ApplicationView
          key={view.id}
          id={view.id}
          map={map}
          user={user}
          organisations={organisations}
          adminUnits={adminUnits}
          onBack={() => setView({ type: 'list' })}
          onEdit={() => setView({ type: 'edit', id: view.id })}
        />
      )}
    </aside>
  );
}
