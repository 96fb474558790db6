import { useI18n } from '../lib/i18n';

export interface BannerError {
  /** What failed, e.g. the layer name. */
  source: string;
  message: string;
}

/** A dismissible banner listing every failed request, with a retry. */
export function ErrorBanner({
  errors,
  onRetry,
  onDismiss,
}: {
  errors: BannerError[];
  onRetry: () => void;
  onDismiss: () => void;
}) {
  const { t } = useI18n();
  if (errors.length === 0) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <strong>{t('errorPrefix')}:</strong>
      <ul>
        {errors.map((e) => (
          <li key={`${e.source}:${e.message}`}>
            {e.source}: {e.message}
          </li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
        <button type="button" onClick={onDismiss}>
          {t('dismiss')}
        </button>
      </div>
    </div>
  );
}
