import { type ViolationFeature, type ViolationKind, violationKind } from '@hatang/contracts';
import { useMutation } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useState } from 'react';
import { ApiRequestError } from '../../lib/api-client';
import { formatLngLat, formatNumber } from '../../lib/format';
import type { Lang } from '../../lib/i18n';
import { useSession } from '../auth/use-session';
import { createViolation, type LngLat, MAX_PHOTO_BYTES, PHOTO_TYPES, uploadPhoto } from './violations-api';
import { useViolationsText } from './violations-i18n';
import { type PickedAsset, useDraftLayer, usePickPlace } from './violations-layers';

const sizeText = (bytes: number, lang: Lang) =>
  bytes >= 1048576
    ? `${formatNumber(lang, bytes / 1048576, 1)} MB`
    : `${formatNumber(lang, Math.max(1, Math.round(bytes / 1024)), 0)} kB`;

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

/**
 * "Record a violation": the kind, the place clicked on the map (clicking an asset links it),
 * a description and photos; saving creates the report, then uploads the photos one by one.
 */
export function ViolationForm({
  map,
  onCancel,
  onSaved,
}: {
  map: MapLibreMap | null;
  onCancel: () => void;
  onSaved: (v: ViolationFeature, warning: string | null) => void;
}) {
  const { t, label, lang } = useViolationsText();
  const session = useSession();
  const [kind, setKind] = useState<ViolationKind>('open_or_damaged_manhole');
  const [at, setAt] = useState<LngLat | null>(null);
  const [asset, setAsset] = useState<PickedAsset | null>(null);
  const [picking, setPicking] = useState(true);
  const [description, setDescription] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  usePickPlace(map, picking, (p, hit) => {
    setAt([Number(p[0].toFixed(7)), Number(p[1].toFixed(7))]);
    setAsset(hit);
    setPicking(false);
  });
  useDraftLayer(map, at);

  const save = useMutation({
    mutationFn: async () => {
      if (!at) throw new Error(t('needPlace'));
      const created = await createViolation({
        kind,
        description: description.trim(),
        geometry: { type: 'Point', coordinates: at },
        asset: asset ? { resource: asset.resource, id: asset.id } : null,
      });
      let warning: string | null = null;
      for (const file of files) {
        try {
          await uploadPhoto(created.id, file, session.data?.csrfToken);
        } catch (error) {
          warning = t('partial', { msg: error instanceof Error ? error.message : String(error) });
        }
      }
      return { created, warning };
    },
    onSuccess: ({ created, warning }) => onSaved(created, warning),
  });

  const onFiles = (list: FileList | null) => {
    const chosen = [...(list ?? [])];
    const found = photoProblems(chosen, t, lang);
    setProblems(found);
    setFiles(found.length ? [] : chosen);
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
        <span data-testid="violation-place">{at ? formatLngLat(at) : t('noPlace')}</span>
        <button
          type="button"
          data-testid="violation-pick"
          aria-pressed={picking}
          onClick={() => setPicking((p) => !p)}
        >
          {picking ? t('stopPicking') : t('pickAgain')}
        </button>
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
      <label>
        {t('photos')} <span className="violations-hint">({t('photoHint')})</span>
        <input
          type="file"
          data-testid="violation-photos"
          accept="image/jpeg,image/png"
          multiple
          onChange={(e) => onFiles(e.target.files)}
        />
      </label>
      {problems.length ? (
        <ul className="violations-error" data-testid="violation-photo-errors">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {files.length ? (
        <ul className="violations-files">
          {files.map((f) => (
            <li key={f.name}>
              {f.name} · {sizeText(f.size, lang)}
            </li>
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
      <div className="violations-buttons">
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
