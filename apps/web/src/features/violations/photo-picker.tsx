/**
 * Photos from the camera: a big button in the UI language over a hidden file input (the browser's
 * own "Choose Files" text would show in English), `capture="environment"` so a phone opens its
 * rear camera, each pick adding to the chosen photos.
 */
import { useId } from 'react';
import { formatNumber } from '../../lib/format';
import type { Lang } from '../../lib/i18n';
import { useViolationsText } from './violations-i18n';

export const sizeText = (bytes: number, lang: Lang) =>
  bytes >= 1048576
    ? `${formatNumber(lang, bytes / 1048576, 1)} MB`
    : `${formatNumber(lang, Math.max(1, Math.round(bytes / 1024)), 0)} kB`;

export function PhotoPicker({
  files,
  onFiles,
  onClear,
}: {
  files: readonly File[];
  onFiles: (list: FileList | null) => void;
  onClear: () => void;
}) {
  const { t, lang } = useViolationsText();
  const id = useId();
  return (
    <div className="violations-photos">
      <span className="violations-field-label" id={`${id}-label`}>
        {t('photos')} <span className="violations-hint">({t('photoHint')})</span>
      </span>
      <label className="violations-file-button" data-testid="violation-photo-button">
        <input
          type="file"
          className="visually-hidden"
          data-testid="violation-photos"
          aria-labelledby={`${id}-label`}
          accept="image/jpeg,image/png"
          capture="environment"
          multiple
          onChange={(e) => {
            onFiles(e.target.files);
            // The same photo chosen again still fires a change.
            e.target.value = '';
          }}
        />
        <span aria-hidden="true">📷 </span>
        {t('takePhoto')}
      </label>
      {files.length ? (
        <>
          <ul className="violations-files" data-testid="violation-photo-list">
            {files.map((f, i) => (
              <li key={`${f.name}-${i}`}>
                {f.name} · {sizeText(f.size, lang)}
              </li>
            ))}
          </ul>
          <button type="button" className="violations-link-button" onClick={onClear}>
            {t('removePhotos')}
          </button>
        </>
      ) : (
        <span className="violations-hint">{t('noPhotosChosen')}</span>
      )}
    </div>
  );
}
