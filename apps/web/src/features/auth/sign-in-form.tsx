import { type FormEvent, useState } from 'react';
import { ApiRequestError } from '../../lib/api-client';
import { type I18n, useI18n } from '../../lib/i18n';
import { useSignIn } from './use-session';

/** What went wrong signing in, in the UI language (lockout says how long to wait). */
export function signInErrorText(error: unknown, t: I18n['t']): string {
  if (!(error instanceof ApiRequestError)) return String(error);
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return t('invalidCredentials');
    case 'ACCOUNT_DISABLED':
      return t('accountDisabled');
    case 'TOO_MANY_ATTEMPTS': {
      const seconds = error.retryAfterS ?? 60;
      return seconds >= 120
        ? t('tooManyAttemptsMinutes', { minutes: Math.ceil(seconds / 60) })
        : t('tooManyAttemptsSeconds', { seconds });
    }
    case 'VALIDATION_FAILED':
      return error.details.map((d) => `${d.path.join('.')}: ${d.message}`).join('; ') || error.message;
    default:
      return error.message;
  }
}

/** The sign-in popover: e-mail, password, and the reason when the server refuses. */
export function SignInForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email: email.trim(), password }, { onSuccess: onDone });
  };

  return (
    <form className="popover sign-in" onSubmit={submit} data-testid="sign-in-form" aria-label={t('signIn')}>
      <label>
        {t('email')}
        <input
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label>
        {t('password')}
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {signIn.error ? (
        <p className="form-error" role="alert" data-testid="sign-in-error">
          {signInErrorText(signIn.error, t)}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={signIn.isPending}>
          {signIn.isPending ? t('signingIn') : t('signIn')}
        </button>
        <button type="button" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
