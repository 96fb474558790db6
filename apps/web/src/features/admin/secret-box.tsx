import type { CreatedApiKey } from '@hatang/contracts';
import { useRef, useState } from 'react';
import { useAdminText } from './admin-i18n';

/**
 * Shows a new key's secret, the one time the API returns it, with a copy button. Closing it
 * drops the secret from memory: the page keeps no copy.
 */
export function SecretBox({ apiKey, onClose }: { apiKey: CreatedApiKey; onClose: () => void }) {
  const { t } = useAdminText();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    inputRef.current?.select();
    try {
      await navigator.clipboard.writeText(apiKey.key);
      setCopied(true);
    } catch {
      // No clipboard permission (plain http, old browser): the text stays selected for Ctrl+C.
    }
  };

  return (
    <section className="admin-secret" aria-labelledby="secret-title" data-testid="api-key-secret">
      <h3 id="secret-title">{t('secretTitle', { name: apiKey.name })}</h3>
      <p className="admin-secret-warning" role="alert">
        {t('secretWarning')}
      </p>
      <div className="admin-secret-row">
        <label htmlFor="api-key-secret-value" className="visually-hidden">
          {t('secretLabel')}
        </label>
        <input
          id="api-key-secret-value"
          ref={inputRef}
          readOnly
          value={apiKey.key}
          spellCheck={false}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" onClick={() => void copy()}>
          {copied ? t('copied') : t('copy')}
        </button>
      </div>
      <button type="button" className="admin-primary" onClick={onClose}>
        {t('secretDone')}
      </button>
    </section>
  );
}
