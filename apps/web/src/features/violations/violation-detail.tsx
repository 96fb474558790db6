import {
  type SessionUser,
  type ViolationAction,
  type ViolationFeature,
  violationActionsFrom,
} from '@hatang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiRequestError } from '../../lib/api-client';
import { fetchAsset } from '../../lib/assets-api';
import { formatDay, formatLngLat } from '../../lib/format';
import type { Organisation } from '../../lib/types';
import { useSession } from '../auth/use-session';
import { photoProblems } from './violation-form';
import {
  getViolation,
  listHistory,
  listPhotos,
  photoPath,
  stepViolation,
  uploadPhoto,
} from './violations-api';
import { useViolationsText } from './violations-i18n';
import { STATUS_COLOURS } from './violations-layers';

export const VIOLATIONS_KEY = ['violations'] as const;

/** Whether `user` may act on `v`: planners and admins anywhere, inspectors in their own commune. */
export function mayAct(user: SessionUser | null, v: ViolationFeature): boolean {
  if (!user) return false;
  if (user.roles.some((r) => r === 'admin' || r === 'planner')) return true;
  return user.roles.includes('inspector') && user.adminUnitCode === v.properties.adminUnitCode;
}

export function StatusBadge({ status }: { status: ViolationFeature['properties']['status'] }) {
  const { label } = useViolationsText();
  return (
    <span className="violations-badge" data-status={status} style={{ background: STATUS_COLOURS[status] }}>
      {label('status', status)}
    </span>
  );
}

/** A timestamp as dd/mm/yyyy HH:mm, Vietnam time. */
const when = (iso: string | null) => (iso ? formatDay(iso, true) : '—');

/** One violation: facts, photos, history, and the transitions the user may take as buttons. */
export function ViolationDetail({
  id,
  user,
  organisations,
  unitName,
  onBack,
}: {
  id: string;
  user: SessionUser | null;
  organisations: readonly Organisation[] | undefined;
  /** The commune's name for its code. */
  unitName: (code: string | null) => string;
  onBack: () => void;
}) {
  const { t, label, lang } = useViolationsText();
  const queryClient = useQueryClient();
  const session = useSession();
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [photoErrors, setPhotoErrors] = useState<string[]>([]);
  const one = useQuery({
    queryKey: [...VIOLATIONS_KEY, 'one', id],
    queryFn: ({ signal }) => getViolation(id, signal),
  });
  const history = useQuery({
    queryKey: [...VIOLATIONS_KEY, 'history', id],
    queryFn: ({ signal }) => listHistory(id, signal),
  });
  const photos = useQuery({
    queryKey: [...VIOLATIONS_KEY, 'photos', id],
    queryFn: ({ signal }) => listPhotos(id, signal),
  });
  const link = one.data?.properties.asset ?? null;
  const asset = useQuery({
    queryKey: ['asset', link?.resource, link?.id],
    queryFn: ({ signal }) => (link ? fetchAsset(link.resource, link.id, signal) : null),
    enabled: link !== null,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: VIOLATIONS_KEY });
  const step = useMutation({
    mutationFn: ({ v, action }: { v: ViolationFeature; action: ViolationAction }) =>
      stepViolation(v, action, note),
    onSuccess: (after) => {
      queryClient.setQueryData([...VIOLATIONS_KEY, 'one', id], after);
      setNote('');
      setMessage(null);
      void refresh();
    },
    onError: (error) => {
      if (error instanceof ApiRequestError && error.code === 'VERSION_CONFLICT') {
        setMessage(t('conflict'));
        void refresh();
      } else setMessage(error.message);
    },
  });
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      for (const file of files) await uploadPhoto(id, file, session.data?.csrfToken);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: [...VIOLATIONS_KEY, 'photos', id] }),
    onError: (error) => setPhotoErrors([error.message]),
  });

  const v = one.data;
  if (!v)
    return (
      <div className="violations-detail">
        <button type="button" className="link-button" onClick={onBack}>
          {t('back')}
        </button>
        <p>{one.error ? one.error.message : t('loading')}</p>
      </div>
    );
  const p = v.properties;
  const orgName = (orgId: string | null) =>
    orgId ? (organisations?.find((o) => o.id === orgId)?.name ?? orgId.slice(0, 8)) : t('unknown');
  const actions = violationActionsFrom(p.status);
  const acting = mayAct(user, v);
  return (
    <div className="violations-detail" data-testid="violation-detail" data-status={p.status}>
      <button type="button" className="link-button" data-testid="violation-back" onClick={onBack}>
        {t('back')}
      </button>
      <h3>
        {label('kind', p.kind)} <StatusBadge status={p.status} />
      </h3>
      <p className="violations-description">{p.description}</p>
      <dl className="violations-facts">
        <dt>{t('commune')}</dt>
        <dd>{p.adminUnitCode ? `${unitName(p.adminUnitCode)} (${p.adminUnitCode})` : '—'}</dd>
        <dt>{t('place')}</dt>
        <dd>
          {v.geometry.type === 'Point'
            ? formatLngLat(v.geometry.coordinates)
            : t('pointCount', { count: v.geometry.coordinates.length })}
        </dd>
        <dt>{t('asset')}</dt>
        <dd data-testid="violation-linked-asset">
          {p.asset
            ? `${label('assetResource', p.asset.resource)} ${String(asset.data?.properties.code ?? p.asset.id.slice(0, 8))}`
            : t('noAsset')}
        </dd>
        <dt>{t('responsible')}</dt>
        <dd>{orgName(p.responsibleOrgId)}</dd>
        <dt>{t('reportedAt')}</dt>
        <dd>{when(p.createdAt)}</dd>
        {p.statusNote ? (
          <>
            <dt>{t('lastNote')}</dt>
            <dd>{p.statusNote}</dd>
          </>
        ) : null}
      </dl>

      <section className="violations-section">
        <h4>{t('photos')}</h4>
        {photos.data?.length ? (
          <div className="violations-photos" data-testid="violation-photo-list">
            {photos.data.map((ph) => (
              <a key={ph.id} href={photoPath(id, ph.id)} target="_blank" rel="noreferrer">
                <img src={photoPath(id, ph.id)} alt={ph.fileName} data-testid="violation-photo" />
              </a>
            ))}
          </div>
        ) : (
          <p className="violations-hint">{photos.isLoading ? t('loading') : t('noPhotos')}</p>
        )}
        {acting ? (
          <label className="violations-add-photos">
            {t('addPhotos')}
            <input
              type="file"
              accept="image/jpeg,image/png"
              multiple
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                const problems = photoProblems(files, t, lang);
                setPhotoErrors(problems);
                if (!problems.length && files.length) upload.mutate(files);
                e.target.value = '';
              }}
            />
          </label>
        ) : null}
        {photoErrors.length ? (
          <ul className="violations-error">
            {photoErrors.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        ) : null}
      </section>

      <section className="violations-section">
        {acting ? (
          actions.length ? (
            <>
              <label>
                {t('note')}
                <textarea
                  data-testid="violation-note"
                  rows={2}
                  maxLength={4000}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                />
              </label>
              <div className="violations-buttons">
                {actions.map((action) => (
                  <button
                    key={action}
                    type="button"
                    data-testid={`violation-${action}`}
                    disabled={step.isPending}
                    onClick={() => step.mutate({ v, action })}
                  >
                    {label('action', action)}
                  </button>
                ))}
              </div>
            </>
          ) : (
            <p className="violations-hint">{t('actionsNone')}</p>
          )
        ) : (
          <p className="violations-hint">{t('readOnly')}</p>
        )}
        {message ? (
          <p className="violations-error" role="alert">
            {message}
          </p>
        ) : null}
      </section>

      <section className="violations-section">
        <h4>{t('history')}</h4>
        <ol className="violations-history" data-testid="violation-history">
          {(history.data ?? []).map((h) => (
            <li key={`${h.version}-${h.at}`}>
              <span>{when(h.at)}</span>{' '}
              {h.after?.properties?.status ? <StatusBadge status={h.after.properties.status} /> : null}{' '}
              {h.action === 'create' ? t('created') : t('updated')} ({t('version')} {h.version})
              {h.actor?.displayName ? ` ${t('by')} ${h.actor.displayName}` : ''}
              {h.after?.properties?.statusNote && h.action !== 'create'
                ? ` — “${h.after.properties.statusNote}”`
                : ''}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
