import { type KeyboardEvent, type ReactNode, useRef, useState } from 'react';
import { ApiRequestError } from '../../lib/api-client';
import { useOrganisations } from '../../lib/queries';
import { type AdminMessageKey, useAdminText } from './admin-i18n';
import { useAdminSession } from './admin-queries';
import { ApiKeysTab } from './api-keys-tab';
import { AuditTab } from './audit-tab';
import { describeApiError } from './field-errors';
import { OrganisationsTab } from './organisations-tab';
import { ToastProvider } from './toasts';
import { UsersTab } from './users-tab';
import './admin.css';

type Tab = 'users' | 'organisations' | 'api-keys' | 'audit';
const TABS: Tab[] = ['users', 'organisations', 'api-keys', 'audit'];
const TAB_LABELS: Record<Tab, AdminMessageKey> = {
  users: 'tabUsers',
  organisations: 'tabOrganisations',
  'api-keys': 'tabApiKeys',
  audit: 'tabAudit',
};

export interface AdminPageProps {
  /** Leaves the page (e.g. back to the map); the header button is shown only when given. */
  onClose?: () => void;
}

/**
 * Administration for admins: users (create, edit name, roles and organisation, disable, reset
 * password, sign out everywhere), organisations (create, edit; a commune office with its commune),
 * API keys (issue, revoke) and the audit log (filter, page, download as CSV). A full page, not a panel over the map.
 * Language comes from the app's `I18nProvider`; the page checks the session itself and explains
 * when the visitor is signed out or not an admin (the API refuses them anyway).
 */
export function AdminPage({ onClose }: AdminPageProps) {
  return (
    <ToastProvider>
      <AdminPageBody onClose={onClose} />
    </ToastProvider>
  );
}

function AdminPageBody({ onClose }: AdminPageProps) {
  const { t } = useAdminText();
  const session = useAdminSession();
  const organisations = useOrganisations();
  const [tab, setTab] = useState<Tab>('users');
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({
    users: null,
    organisations: null,
    'api-keys': null,
    audit: null,
  });

  // Arrow keys move between tabs, as the WAI-ARIA tabs pattern expects.
  const onTabKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const step = event.key === 'ArrowRight' ? 1 : TABS.length - 1;
    const next = TABS[(TABS.indexOf(tab) + step) % TABS.length] ?? 'users';
    setTab(next);
    tabRefs.current[next]?.focus();
  };

  let body: ReactNode;
  if (session.isPending) {
    body = <p>{t('loading')}</p>;
  } else if (session.error) {
    body = (
      <p className="admin-form-error" role="alert">
        {session.error instanceof ApiRequestError && session.error.status === 401
          ? t('signInFirst')
          : t('loadFailed', { message: describeApiError(session.error, t) })}
      </p>
    );
  } else if (!session.data.user.roles.includes('admin')) {
    body = (
      <p className="admin-form-error" role="alert">
        {t('notAdmin')}
      </p>
    );
  } else {
    const { csrfToken, user } = session.data;
    body = (
      <>
        <div className="admin-tabs" role="tablist" aria-label={t('title')}>
          {TABS.map((id) => (
            <button
              key={id}
              ref={(el) => {
                tabRefs.current[id] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`panel-${id}`}
              tabIndex={tab === id ? 0 : -1}
              onClick={() => setTab(id)}
              onKeyDown={onTabKey}
            >
              {t(TAB_LABELS[id])}
            </button>
          ))}
        </div>
        {organisations.error && (
          <p className="admin-form-error" role="alert">
            {t('loadFailed', { message: organisations.error.message })}
          </p>
        )}
        {tab === 'users' && (
          <UsersTab csrfToken={csrfToken} selfId={user.id} organisations={organisations.data ?? []} />
        )}
        {tab === 'organisations' && <OrganisationsTab csrfToken={csrfToken} />}
        {tab === 'api-keys' && <ApiKeysTab csrfToken={csrfToken} selfId={user.id} />}
        {tab === 'audit' && <AuditTab />}
      </>
    );
  }

  return (
    // A section, not <main>: the app shell owns the page's one <main>.
    <section className="admin-page" data-testid="admin-page" aria-labelledby="admin-title">
      <header className="admin-page-header">
        <h2 id="admin-title">{t('title')}</h2>
        {onClose && (
          <button type="button" onClick={onClose}>
            {t('back')}
          </button>
        )}
      </header>
      {body}
    </section>
  );
}
