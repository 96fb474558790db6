import { type ViolationFeature, type ViolationKind, violationKind } from '@hatang/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useState } from 'react';
import { ApiRequestError } from '../../lib/api-client';
import { formatLngLat, formatNumber } from '../../lib/format';
import type { Lang } from '../../lib/i18n';
import { useSession } from '../auth/use-session';
import { enqueue, isNetworkError } from '../offline/violation-queue';
import { newClientId } from './client-id';
import { QUEUE_KEY, queueStore } from './offline-sync';
import { PhotoPicker, sizeText } from './photo-picker';
import { useMyPosition } from './use-my-position';
import { createViolation, type LngLat, MAX_PHOTO_BYTES, PHOTO_TYPES, uploadPhoto } from './violations-api';
import { useViolationsText } from './violations-i18n';
import { type PickedAsset, useDraftLayer, usePickPlace } from './violations-layers';

/** Problems with chosen photos (type by the browser's MIME type, size), one message each. */
export function photoProblems(
  files: readonly File[],
  t: ReturnType<typeof useViolationsText>['t'],
  lang: Lang,
): string[] {
  const problems: string[] = [];
  for (const file of files) {
    if (!(PHOTO_TYPES as readonly string[]).includes(file.type))
      problems.push(t('badType', { name: file.name, type: file.type || '?' }));
    else if (file.size > MAX_PHOTO_BYTES)
      problems.push(t('tooBig', { name: file.name, size: sizeText(file.size, lang) }));
  }
  return problems;
}

const round7 = (v: number) => Number(v.toFixed(7));

type Saved = { kind: 'created'; created: ViolationFeature; warning: string | null } | { kind: 'queued' };

/**
 * "Record a violation": the kind, the place (the phone's position, or a tap on the map: tapping an
 * asset links it), a description and photos from the camera; saving creates the report, then
 * uploads the photos one by one. Without a connection (or when it drops mid-way) the report and
 * the photos not yet sent go to the phone's queue under the form's client id, sent when online.
 */
export function ViolationForm({
  map,
  onCancel,
  onSaved,
  onQueued,
}: {
  map: MapLibreMap | null;
  onCancel: () => void;
  onSaved: (v: ViolationFeature, warning: string | null) => void;
  /** The report was kept on the phone to be sent later. */
  onQueued: () => void;
}) {
  const { t, label, lang } = useViolationsText();
  const session = useSession();
  const queryClient = useQueryClient();
  // One id per report: saving twice (a double tap, a retry) can never record it twice.
  const [clientId] = useState(newClientId);
  const [kind, setKind] = useState<ViolationKind>('open_or_damaged_manhole');
  const [at, setAt] = useState<LngLat | null>(null);
  const [asset, setAsset] = useState<PickedAsset | null>(null);
  const [picking, setPicking] = useState(true);
  const [description, setDescription] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [accuracyM, setAccuracyM] = useState<number | null>(null);
  usePickPlace(map, picking, (p, hit) => {
    setAt([round7(p[0]), round7(p[1])]);
    setAsset(hit);
    setAccuracyM(null);
    setPicking(false);
  });
  useDraftLayer(map, at);
  const position = useMyPosition((p, accuracy) => {
    const here: LngLat = [round7(p[0]), round7(p[1])];
    setAt(here);
    setAsset(null);
    setAccuracyM(accuracy);
    setPicking(false);
    map?.easeTo({ center: here, zoom: Math.max(map.getZoom(), 16), duration: 0 });
  });

  const save = useMutation({
    mutationFn: async (): Promise<Saved> => {
      if (!at) throw new Error(t('needPlace'));
      const body = {
        kind,
        description: description.trim(),
        geometry: { type: 'Point' as const, coordinates: at },
        asset: asset ? { resource: asset.resource, id: asset.id } : null,
        clientId,
      };
      const userId = session.data?.user.id ?? null;
      const keep = async (photos: File[], serverId: string | null): Promise<Saved> => {
        if (!userId) throw new Error(t('offline'));
        const item = await enqueue(queueStore(), userId, body, photos);
        if (serverId) await queueStore().put({ ...item, serverId });
        await queryClient.invalidateQueries({ queryKey: QUEUE_KEY });
        return { kind: 'queued' };
      };
      if (!navigator.onLine && userId) return keep(files, null);
      let created: ViolationFeature;
      try {
        created = await createViolation(body);
      } catch (error) {
        if (userId && isNetworkError(error)) return keep(files, null);
        throw error;
      }
      let warning: string | null = null;
      for (const [index, file] of files.entries()) {
        try {
          await uploadPhoto(created.id, file, session.data?.csrfToken);
        } catch (error) {
          // The connection dropped: the report is stored, its remaining photos wait on the phone.
          if (userId && isNetworkError(error)) return keep(files.slice(index), created.id);
          warning = t('partial', { msg: error instanceof Error ? error.message : String(error) });
        }
      }
      return { kind: 'created', created, warning };
    },
    onSuccess: (saved) => (saved.kind === 'queued' ? onQueued() : onSaved(saved.created, saved.warning)),
  });

  // Each pick adds to the chosen photos (a camera gives one at a time).
  const onFiles = (list: FileList | null) => {
    const chosen = [...files, ...(list ?? [])];
    const found = photoProblems(chosen, t, lang);
    setProblems(found);
    setFiles(found.length ? files : chosen);
  };

  const missing = [!at ? t('needPlace') : null, !description.trim() ? t('needDescription') : null].filter(
    (x): x is string => x !== null,
  );
  const error = save.error;
  return (
    <form
      className={picking ? 'violations-form picking' : 'violations-form'}
      data-testid="violation-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (missing.length === 0 && problems.length === 0) save.mutate();
      }}
    >
      <h3>{t('record')}</h3>
      <label>
        {t('kind')}
        <select
          data-testid="violation-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as ViolationKind)}
        >
          {violationKind.options.map((k) => (
            <option key={k} value={k}>
              {label('kind', k)}
            </option>
          ))}
        </select>
      </label>
      <div className="violations-place">
        <span className="violations-field-label">{t('place')}</span>
        <span data-testid="violation-place">
          {at ? formatLngLat(at) : t('noPlace')}
          {at && accuracyM !== null ? ` (${t('accuracy', { m: formatNumber(lang, accuracyM, 0) })})` : ''}
        </span>
        <div className="violations-place-buttons">
          <button
            type="button"
            className="violations-locate"
            data-testid="violation-locate"
            disabled={position.locating}
            onClick={position.locate}
          >
            <span aria-hidden="true">◎ </span>
            {position.locating ? t('locating') : t('useMyPosition')}
          </button>
          <button
            type="button"
            data-testid="violation-pick"
            aria-pressed={picking}
            onClick={() => setPicking((p) => !p)}
          >
            {picking ? t('stopPicking') : t('pickAgain')}
          </button>
        </div>
        {position.error ? (
          <p className="violations-error" role="alert" data-testid="violation-locate-error">
            {t(position.error.key, { msg: position.error.message })}
          </p>
        ) : null}
        {picking ? <p className="violations-hint">{at ? t('picking') : t('pickPlace')}</p> : null}
      </div>
      <div className="violations-place">
        <span className="violations-field-label">{t('asset')}</span>
        <span data-testid="violation-asset">
          {asset
            ? `${label('assetResource', asset.resource)} ${asset.code ?? asset.id.slice(0, 8)}`
            : t('noAsset')}
        </span>
        {asset ? (
          <button type="button" onClick={() => setAsset(null)}>
            {t('unlink')}
          </button>
        ) : null}
      </div>
      <label>
        {t('description')}
        <textarea
          data-testid="violation-description"
          rows={3}
          maxLength={4000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <PhotoPicker
        files={files}
        onFiles={onFiles}
        onClear={() => {
          setFiles([]);
          setProblems([]);
        }}
      />
      {problems.length ? (
        <ul className="violations-error" data-testid="violation-photo-errors">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="violations-error" role="alert" data-testid="violation-save-error">
          {error instanceof ApiRequestError && error.details.length
            ? `${error.message}: ${error.details.map((d) => `${d.path.join('.')} ${d.message}`).join('; ')}`
            : error.message}
        </p>
      ) : null}
      {missing.length && !picking ? <p className="violations-hint">{missing.join(' · ')}</p> : null}
      <div className="violations-buttons violations-form-actions">
        <button
          type="submit"
          className="primary"
          data-testid="violation-save"
          disabled={save.isPending || missing.length > 0 || problems.length > 0}
        >
          {save.isPending ? t('saving') : t('save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
