import { useEffect, useState } from 'react';
import { formatNumber } from '../lib/format';
import { useI18n } from '../lib/i18n';

/**
 * Long work the server does in one answer (the first indicators of a plan version are computed in
 * the analysis worker): a moving bar and the seconds it has taken so far, so a wait of several
 * seconds reads as work under way, not as a frozen screen. No made-up percentage: the server does
 * not report one.
 */
export function WorkingStatus({ label, hint, testId }: { label: string; hint?: string; testId?: string }) {
  const { t, lang } = useI18n();
  const [started] = useState(() => Date.now());
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => window.clearInterval(timer);
  }, [started]);
  return (
    <div className="working-status" role="status" data-testid={testId}>
      <span className="working-bar" aria-hidden="true" />
      <span>
        {label}
        {seconds > 0 ? ` ${t('elapsedSeconds', { seconds: formatNumber(lang, seconds, 0) })}` : ''}
      </span>
      {hint && seconds >= 2 ? <small>{hint}</small> : null}
    </div>
  );
}
