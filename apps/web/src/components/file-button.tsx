import type { ChangeEvent } from 'react';
import { useI18n } from '../lib/i18n';
import './file-button.css';

/**
 * A file input that speaks the screen's language: the browser's own button reads "Choose Files"
 * in the browser's language whatever the app's, so our label stands over the (still focusable,
 * still labelled) native input, with the chosen file names or "no file chosen" beside it.
 */
export function FileButton({
  label,
  accept,
  multiple = false,
  capture,
  fileNames,
  testId,
  disabled,
  onFiles,
}: {
  label: string;
  accept?: string;
  multiple?: boolean;
  /** On a phone, open the camera directly (`environment`: the back camera). */
  capture?: 'environment' | 'user';
  /** What is chosen now (null: say nothing beside the button, for pickers that upload at once). */
  fileNames?: readonly string[] | null;
  testId?: string;
  disabled?: boolean;
  onFiles: (files: File[]) => void;
}) {
  const { t } = useI18n();
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    onFiles([...(e.target.files ?? [])]);
    // The same file chosen again (after a failed upload) still fires a change.
    e.target.value = '';
  };
  return (
    <label className={`file-button${disabled ? ' disabled' : ''}`}>
      <span className="file-button-face">{label}</span>
      {fileNames === null || fileNames === undefined ? null : (
        <span className="file-button-names">
          {fileNames.length > 0 ? fileNames.join(', ') : t('noFileChosen')}
        </span>
      )}
      <input
        type="file"
        accept={accept}
        multiple={multiple}
        capture={capture}
        disabled={disabled}
        data-testid={testId}
        onChange={onChange}
      />
    </label>
  );
}
