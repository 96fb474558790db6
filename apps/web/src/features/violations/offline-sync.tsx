/**
 * The inspector's offline queue on screen (issue #18 item 5): the "Waiting to sync (n)" badge in
 * the header, which also sends the queue (at start, when the phone comes back online, and on
 * demand), and the list of unsent reports with the server's message for each refused one.
 */
import type { SessionUser } from '@hatang/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { formatDay } from '../../lib/format';
import { SESSION_KEY } from '../auth/use-session';
import { indexedDbQueue } from '../offline/offline-db';
import {
  discardQueued,
  memoryQueue,
  parseQueued,
  type QueuedViolation,
  type QueueStore,
  queuedOf,
  retryQueued,
  type SyncResult,
  syncQueue,
} from '../offline/violation-queue';
import { VIOLATIONS_KEY } from './violation-detail';
import { createViolation, uploadPhoto } from './violations-api';
import { useViolationsText } from './violations-i18n';

export const QUEUE_KEY = ['offline-queue'] as const;

let store: QueueStore | null = null;
/** The phone's queue (IndexedDB; in memory where the browser has none). */
export const queueStore = (): QueueStore =>
  (store ??= typeof indexedDB === 'undefined' ? memoryQueue() : indexedDbQueue(parseQueued));

const subscribe = (onChange: () => void) => {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
};
/** Whether the browser believes it is online (a hint: a failed request is the proof). */
export const useOnline = (): boolean => useSyncExternalStore(subscribe, () => navigator.onLine);

/** `userId`'s unsent reports, oldest first. */
export const useQueued = (userId: string | null) =>
  useQuery({
    queryKey: [...QUEUE_KEY, userId],
    queryFn: () => (userId ? queuedOf(queueStore(), userId) : Promise.resolve([])),
    enabled: userId !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });

let running: Promise<SyncResult> | null = null;

/** Sends the queue now (one run at a time); refreshes the queue and, when any was sent, the lists. */
export function useSyncNow(userId: string | null): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    if (!userId) return;
    running ??= syncQueue(queueStore(), userId, {
      create: (body) => createViolation(body),
      attach: async (id, file) => {
        await uploadPhoto(id, file, undefined);
      },
    }).finally(() => {
      running = null;
    });
    const result = await running;
    await queryClient.invalidateQueries({ queryKey: QUEUE_KEY });
    if (result.sent.length) await queryClient.invalidateQueries({ queryKey: VIOLATIONS_KEY });
  }, [userId, queryClient]);
}

/**
 * The header's badge: "Offline" without a connection, "Waiting to sync (n)" while reports wait.
 * Mounted for the whole session, it sends the queue at start and each time the phone comes online
 * (asking the server who is signed in first: a kept offline session may have expired).
 */
export function SyncBadge({ user, onOpen }: { user: SessionUser | null; onOpen: () => void }) {
  const { t } = useViolationsText();
  const queryClient = useQueryClient();
  const online = useOnline();
  const userId = user?.id ?? null;
  const queued = useQueued(userId);
  const syncNow = useSyncNow(userId);
  useEffect(() => {
    if (online && userId) void syncNow();
  }, [online, userId, syncNow]);
  useEffect(() => {
    const onOnline = () => void queryClient.refetchQueries({ queryKey: SESSION_KEY });
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [queryClient]);
  if (!userId) return null;
  const n = queued.data?.length ?? 0;
  if (online && n === 0) return null;
  return (
    <button
      type="button"
      className={online ? 'sync-badge' : 'sync-badge offline'}
      data-testid="sync-badge"
      data-count={n}
      title={n ? t('waitingSyncTitle') : t('offlineTitle')}
      onClick={onOpen}
    >
      {online ? null : (
        <span className="sync-offline" data-testid="offline-indicator">
          {t('offline')}
        </span>
      )}
      {n ? (
        <span className="sync-waiting" data-testid="sync-waiting">
          {t('waitingSync', { n })}
        </span>
      ) : null}
    </button>
  );
}

/** The Vietnamese / English reason for a refusal's HTTP status (the server's own message is English). */
const refusalKey = (status: number) =>
  status === 401
    ? 'refused401'
    : status === 403
      ? 'refused403'
      : status === 409
        ? 'refused409'
        : status === 400 || status === 422
          ? 'refused400'
          : 'refusedOther';

/** The unsent reports, each refused one with the server's message and its retry / discard buttons. */
export function QueuedList({ userId }: { userId: string | null }) {
  const { t, label } = useViolationsText();
  const queryClient = useQueryClient();
  const queued = useQueued(userId);
  const online = useOnline();
  const syncNow = useSyncNow(userId);
  const items = queued.data ?? [];
  if (!items.length) return null;
  const refresh = () => queryClient.invalidateQueries({ queryKey: QUEUE_KEY });
  const retry = async (item: QueuedViolation) => {
    await retryQueued(queueStore(), item);
    await refresh();
    if (online) await syncNow();
  };
  const discard = async (item: QueuedViolation) => {
    if (!window.confirm(t('discardConfirm'))) return;
    await discardQueued(queueStore(), item.clientId);
    await refresh();
  };
  return (
    <section className="violations-queue" data-testid="violations-queue" aria-label={t('queueTitle')}>
      <h3>
        {t('queueTitle')} ({items.length})
      </h3>
      <ul>
        {items.map((item) => (
          <li
            key={item.clientId}
            data-testid="queued-violation"
            data-client-id={item.clientId}
            data-state={item.problem ? 'refused' : 'waiting'}
          >
            <span className="violations-row-kind">{label('kind', item.body.kind)}</span>
            <span className="violations-row-meta">
              {formatDay(item.recordedAt, true)}
              {item.photos.length ? ` · ${t('queuePhotos', { n: item.photos.length })}` : ''}
            </span>
            <span className="violations-row-text">{item.body.description}</span>
            {item.problem ? (
              <>
                <p className="violations-error" data-testid="queued-problem">
                  {t('queueRefused', { code: item.problem.status })}: {t(refusalKey(item.problem.status))}
                </p>
                <details className="violations-hint">
                  <summary>{t('serverSaid')}</summary>
                  <span data-testid="queued-server-message">{item.problem.message}</span>
                </details>
                <div className="violations-buttons">
                  <button type="button" className="primary" onClick={() => void retry(item)}>
                    {t('retry')}
                  </button>
                  <button type="button" onClick={() => void discard(item)}>
                    {t('discard')}
                  </button>
                </div>
              </>
            ) : (
              <p className="violations-hint">{t('queueWaiting')}</p>
            )}
          </li>
        ))}
      </ul>
      {online ? (
        <button type="button" data-testid="sync-now" onClick={() => void syncNow()}>
          {t('syncNow')}
        </button>
      ) : null}
    </section>
  );
}
