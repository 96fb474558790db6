import { ApiRequestError } from '../../lib/api-client';
import { useImportText } from './imports-i18n';

/** The API's error as the user should read it: message, each problem with its path, request id. */
export function ErrorBox({ error, testId }: { error: unknown; testId: string }) {
  const { t } = useImportText();
  if (!error) return null;
  const api = error instanceof ApiRequestError ? error : null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="import-error" role="alert" data-testid={testId}>
      <p>{t('errorWith', { message })}</p>
      {api?.details.length ? (
        <ul>
          {api.details.map((d) => (
            <li key={`${d.path.join('.')}:${d.message}`}>
              <code>{d.path.join('.')}</code>: {d.message}
            </li>
          ))}
        </ul>
      ) : null}
      {api?.requestId ? <p className="import-hint">{t('requestId', { id: api.requestId })}</p> : null}
    </div>
  );
}

export function ProgressBar({
  fraction,
  label,
  testId,
}: {
  fraction: number | null;
  label: string;
  testId: string;
}) {
  return (
    <div
      className="progress-track import-progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      data-testid={testId}
    >
      <div
        className={fraction === null ? 'progress-fill indeterminate' : 'progress-fill'}
        style={{ width: fraction === null ? '40%' : `${Math.round(fraction * 100)}%` }}
      />
    </div>
  );
}
