import type { Notification, SessionUser } from '@hatang/contracts';
import { COLOCATION_LABELS } from '@hatang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { formatDate } from '../../lib/format';
import { colocationKeys, fetchNotifications, markAllRead, markRead } from './colocation-api';
import { useColocationText } from './colocation-i18n';
import { onColocationRequest, setPendingPrefill, setPendingRequest } from './colocation-launcher';
import { canUseColocation } from './colocation-panel';
import './colocation.css';

/** How often the bell asks for new notifications, ms. */
const POLL_MS = 30_000;

/**
 * The header's bell: unread in-app notifications (co-location requests, answers, deadlines), a
 * dropdown to read them and open the request. Always mounted, so it also takes the launches of a
 * pre-filled request from other features and opens the co-location panel (`onOpen`).
 */
export function NotificationBell({ user, onOpen }: { user: SessionUser | null; onOpen: () => void }) {
  const { t, lang } = useColocationText();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const allowed = canUseColocation(user);
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;

  useEffect(() => {
    if (!allowed) return;
    return onColocationRequest((prefill) => {
      setPendingPrefill(prefill);
      onOpenRef.current();
    });
  }, [allowed]);

  const notifications = useQuery({
    queryKey: [...colocationKeys.notifications, user?.id ?? ''],
    queryFn: ({ signal }) => fetchNotifications(signal),
    enabled: user !== null,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: colocationKeys.notifications });
  const readOne = useMutation({ mutationFn: markRead, onSettled: refresh });
  const readAll = useMutation({ mutationFn: markAllRead, onSettled: refresh });

  // A click outside closes the dropdown.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  if (!user) return null;
  const unread = notifications.data?.unreadCount ?? 0;
  const list = notifications.data?.items ?? [];
  const openRequest = (n: Notification) => {
    if (!n.readAt) readOne.mutate(n.id);
    setOpen(false);
    if (allowed && n.subjectKind === 'colocation_request') {
      setPendingRequest(n.subjectId);
      onOpen();
    }
  };
  return (
    <div className="notification-bell" ref={rootRef}>
      <button
        type="button"
        className="header-button"
        data-testid="notification-bell"
        data-unread={unread}
        aria-expanded={open}
        aria-label={`${t('notifications')}: ${t('unread', { count: unread })}`}
        title={t('notifications')}
        onClick={() => {
          setOpen((o) => !o);
          void notifications.refetch();
        }}
      >
        <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
        </svg>
        {unread > 0 ? (
          <span className="bell-count" data-testid="notification-count">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          className="bell-dropdown"
          data-testid="notification-list"
          role="dialog"
          aria-label={t('notifications')}
        >
          <header>
            <strong>{t('notifications')}</strong>
            <button
              type="button"
              className="link"
              data-testid="notifications-read-all"
              disabled={unread === 0 || readAll.isPending}
              onClick={() => readAll.mutate()}
            >
              {t('markAllRead')}
            </button>
          </header>
          {list.length === 0 ? (
            <p className="colocation-hint" style={{ padding: '0.5rem 0.6rem' }}>
              {notifications.isPending ? t('loading') : t('noNotifications')}
            </p>
          ) : (
            <ul>
              {list.map((n) => (
                <li key={n.id} data-testid="notification" data-kind={n.kind} data-unread={n.readAt === null}>
                  <button type="button" className="link" onClick={() => openRequest(n)}>
                    <strong>
                      {n.title?.[lang] || (COLOCATION_LABELS.notification[n.kind]?.[lang] ?? n.kind)}
                    </strong>
                    <br />
                    <span className="colocation-hint">{formatDate(lang, n.createdAt)}</span>
                  </button>
                  {n.readAt === null ? (
                    <button
                      type="button"
                      data-testid="notification-read"
                      onClick={() => readOne.mutate(n.id)}
                    >
                      {t('markRead')}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
