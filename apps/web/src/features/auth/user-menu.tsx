import { useState } from 'react';
import { isMessageKey, useI18n } from '../../lib/i18n';
import { isAdmin } from './permissions';
import { SignInForm } from './sign-in-form';
import { useSession, useSignOut } from './use-session';

/** The header's account area: "Sign in", or who is signed in (name, organisation, role) and "Sign out". */
export function UserMenu() {
  const { t } = useI18n();
  const session = useSession();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  const user = session.data?.user;

  if (!user) {
    return (
      <div className="user-menu">
        <button
          type="button"
          className="header-button"
          data-testid="sign-in-button"
          onClick={() => setOpen((o) => !o)}
          disabled={session.isPending}
        >
          {t('signIn')}
        </button>
        {open ? <SignInForm onDone={() => setOpen(false)} /> : null}
      </div>
    );
  }
  const roleLabels = user.roles.map((r) => {
    const key = `role_${r}`;
    return isMessageKey(key) ? t(key) : r;
  });
  return (
    <div className="user-menu" data-testid="user-menu">
      {isAdmin(user) ? (
        <a className="header-button" href="#/admin" data-testid="admin-link">
          {t('adminPage')}
        </a>
      ) : null}
      <span className="user-info">
        <strong data-testid="user-name">{user.displayName}</strong>
        <span className="user-org">
          {user.orgName} · {roleLabels.join(', ')}
        </span>
      </span>
      <button
        type="button"
        className="header-button"
        data-testid="sign-out-button"
        onClick={() => {
          signOut.mutate();
          if (window.location.hash === '#/admin') window.location.hash = '';
        }}
      >
        {t('signOut')}
      </button>
    </div>
  );
}
